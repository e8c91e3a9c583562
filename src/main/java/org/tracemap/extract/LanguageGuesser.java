package org.tracemap.extract;

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

    String guess(String text) {
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
        if (cjk + words == 0) return "und";
        if (cjk >= words) {
            if (kana > cjk / 10) return "ja";
            if (hangul > han) return "ko";
            return "zh";
        }
        // n-gram models are unreliable on a few words ("Huawei opened an R&D lab." comes out Welsh), so short
        // or uncertain text is settled by English function words, and otherwise left undetermined.
        if (other < 200) return looksEnglish(text) ? "en" : "und";
        LanguageResult result = detector().detect(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        if (result.isReasonablyCertain()) return result.getLanguage();
        return looksEnglish(text) ? "en" : "und";
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
