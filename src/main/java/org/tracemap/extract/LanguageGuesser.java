package org.tracemap.extract;

import java.util.List;

import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;

/**
 * The dominant language of a text. Scripts decide what they can (Han without kana is Chinese, kana is
 * Japanese, Hangul Korean); for alphabetic text the Optimaize n-gram models decide. Mixed pages get the
 * language of most of their letters, counting one CJK character as one letter-word.
 */
final class LanguageGuesser {
    private static volatile LanguageDetector models;

    /**
     * The language of {@code text} on a page that declares {@code declared} ({@code <html lang>}, may be null):
     * the declaration wins for alphabetic text unless the models are sure of another language (templates
     * often keep a default "en"), and never against the script (a Chinese page marked "en" is Chinese).
     */
    String guess(String text, String declared) {
        String claim = primary(declared);
        Guess guessed = guessWithScore(text);
        if (claim == null || guessed.lang().equals(claim)) return guessed.lang();
        if (CJK.contains(guessed.lang()) || CJK.contains(claim)) return guessed.lang(); // the script decides
        if (guessed.lang().equals("und")) return claim;
        return guessed.score() > 0.95 ? guessed.lang() : claim;
    }

    /** A guess and how sure the models were (1 when the script or English function words decided). */
    private record Guess(String lang, double score) {}

    /** Characters the models read: a few thousand letters settle a page's language; more only costs time. */
    private static final int SAMPLE = 5_000;

    private static final java.util.Set<String> CJK = java.util.Set.of("zh", "ja", "ko");

    /** The primary subtag of a language tag ("en-GB" -> "en"), or null when it is not a two-letter code. */
    static String primary(String tag) {
        if (tag == null) return null;
        String p = tag.strip().toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        return p.matches("[a-z]{2}") ? p : null;
    }

    String guess(String text) {
        return guessWithScore(text).lang();
    }

    private Guess guessWithScore(String text) {
        int han = 0, kana = 0, hangul = 0, other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) continue;
            switch (Character.UnicodeScript.of(c)) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                default -> other++;
            }
        }
        int words = other / 5; // an alphabetic word is about five letters; a CJK character is about a word
        int cjk = han + kana + hangul;
        if (cjk + words == 0) return new Guess("und", 1);
        if (cjk >= words) {
            if (kana > cjk / 10) return new Guess("ja", 1);
            if (hangul > han) return new Guess("ko", 1);
            return new Guess("zh", 1);
        }
        // n-gram models are unreliable on a few words ("Huawei opened an R&D lab." comes out Welsh), so short
        // or uncertain text is settled by English function words, and otherwise left undetermined.
        if (other < 200) return new Guess(looksEnglish(text) ? "en" : "und", 1);
        List<LanguageResult> all = detectAll(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
        LanguageResult result = all.isEmpty() ? LanguageResult.NULL : all.get(0);
        if (result.isReasonablyCertain()) return new Guess(result.getLanguage(), result.getRawScore());
        return new Guess(looksEnglish(text) ? "en" : "und", 1);
    }

    private static final java.util.Set<String> ENGLISH = java.util.Set.of("the", "and", "of", "to", "in", "a", "an", "is", "for",
            "with", "on", "that", "by", "as", "at", "has", "its", "from", "was", "will", "it", "be", "are", "said");

    static boolean looksEnglish(String text) {
        String[] words = text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+");
        int hits = 0, total = 0;
        for (String w : words) {
            if (w.isEmpty()) continue;
            total++;
            if (ENGLISH.contains(w)) hits++;
        }
        return total > 0 && hits * 10 >= total; // function words are a third of running English text
    }

    /**
     * The models' guesses, best first. Tika's detector keeps the text it is given as state, so one shared
     * detector serves one text at a time (a detection takes milliseconds; the models take a second to load).
     */
    private static List<LanguageResult> detectAll(String text) {
        LanguageDetector d = detector();
        synchronized (d) {
            return d.detectAll(text);
        }
    }

    private static LanguageDetector detector() {
        if (models == null) {
            synchronized (LanguageGuesser.class) {
                if (models == null) {
                    models = new OptimaizeLangDetector().loadModels();
                }
            }
        }
        return models;
    }
}
