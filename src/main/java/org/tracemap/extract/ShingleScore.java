package org.tracemap.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Main text compared as the article-extraction benchmark compares it: the multisets of 4-token shingles of
 * the extracted and the expected text, with true positives, false positives and false negatives normalised
 * so that long pages weigh no more than short ones. Tokens are runs of letters and digits (as the
 * benchmark's {@code \w+}), except that each Chinese or Japanese character is a token of its own: Chinese has no spaces, and
 * a whole sentence as one "word" would make every difference total.
 *
 * @param tp shared shingles, over all shingles of both texts
 * @param fp extracted shingles not expected, same scale
 * @param fn expected shingles missed, same scale
 */
public record ShingleScore(double tp, double fp, double fn) {
    private static final int N = 4;

    public static ShingleScore of(String extracted, String expected) {
        Map<List<String>, Integer> got = shingles(tokens(extracted));
        Map<List<String>, Integer> want = shingles(tokens(expected));
        double tp = 0;
        double fp = 0;
        double fn = 0;
        for (Map.Entry<List<String>, Integer> e : got.entrySet()) {
            int w = want.getOrDefault(e.getKey(), 0);
            tp += Math.min(e.getValue(), w);
            fp += Math.max(0, e.getValue() - w);
        }
        for (Map.Entry<List<String>, Integer> e : want.entrySet()) fn += Math.max(0, e.getValue() - got.getOrDefault(e.getKey(), 0));
        double sum = tp + fp + fn;
        return sum == 0 ? new ShingleScore(0, 0, 0) : new ShingleScore(tp / sum, fp / sum, fn / sum);
    }

    /** As the benchmark defines it: 1 when nothing was expected and nothing extracted. */
    public double precision() {
        if (fp == 0 && fn == 0) return 1;
        return tp + fp == 0 ? 0 : tp / (tp + fp);
    }

    public double recall() {
        if (fp == 0 && fn == 0) return 1;
        return tp + fn == 0 ? 0 : tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Letters-and-digits runs, case kept; each CJK character alone. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) return tokens;
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isIdeographic(c)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(c)));
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                word.appendCodePoint(c);
            } else {
                flush(word, tokens);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    /** Chinese and Japanese characters, written without spaces between words (Korean has spaces: it is words). */
    private static boolean isIdeographic(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) tokens.add(word.toString());
        word.setLength(0);
    }

    /** Every run of four tokens (one shorter shingle when the text has fewer than four). */
    private static Map<List<String>, Integer> shingles(List<String> tokens) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i < Math.max(1, tokens.size() - N + 1); i++) {
            List<String> shingle = List.copyOf(tokens.subList(i, Math.min(tokens.size(), i + N)));
            if (!shingle.isEmpty()) out.merge(shingle, 1, Integer::sum);
        }
        return out;
    }
}
