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
        LanguageResult result = detector().detect(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        return result.isReasonablyCertain() || !result.getLanguage().isEmpty() ? result.getLanguage() : "und";
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
