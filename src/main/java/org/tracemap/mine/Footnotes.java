package org.tracemap.mine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks the footnote markers that reports glue to their words, so that "Portugal43" reads as Portugal. Each marker
 * becomes as many spaces as it had characters: offsets into the text, which quotes keep, stay right. The markers:
 * <ul>
 *   <li>digits glued to the end of a lower-case word or to the marks after it: "Portugal43", "Lisbon,42", "paper.”3";
 *   <li>a number after a year that ends a sentence: "by 2020.8 These are…" (a decimal is not followed by a capital);
 *   <li>superscript digits: "¹²", "⁴值得注意的是";
 *   <li>a number opening a Chinese paragraph: "1华大基因与…", but not a count or a date ("1月", "3家");
 *   <li>bracketed markers: "[17]", "[n 2]", "[a]", "[citation needed]".
 * </ul>
 * One pass over the text for the digits (this runs on every page the miner reads, 10,000-character pages included),
 * then the bracket pattern only where a bracket is.
 */
final class Footnotes {
    private static final Pattern BRACKETED = Pattern.compile("\\[(\\d{1,3}|n \\d{1,3}|[a-z]|note \\d{1,3}|citation needed)\\]");
    /** What a number opening a Chinese paragraph counts, when it is not a note number. */
    private static final String UNITS = "年月日号个家名项座亿万期层条次所款台部位种倍成";
    private static final String AFTER_WORD = ",.;:)]\u201d\"";

    private Footnotes() {}

    static String blank(String text) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isSuperscriptDigit(c)) {
                out = set(out, text, i, i + 1);
                continue;
            }
            if (!isDigit(c) || (i > 0 && isDigit(text.charAt(i - 1)))) continue;
            int end = i;
            while (end < n && isDigit(text.charAt(end))) end++;
            int digits = end - i;
            if (digits <= 3 && (glued(text, i, end) || afterYear(text, i, end)) || digits <= 2 && opensChineseParagraph(text, i, end)) {
                out = set(out, text, i, end);
            }
            i = end - 1;
        }
        String result = out == null ? text : out.toString();
        if (result.indexOf('[') < 0) return result;
        Matcher m = BRACKETED.matcher(result);
        if (!m.find()) return result;
        StringBuilder b = new StringBuilder(result);
        do {
            for (int k = m.start(); k < m.end(); k++) b.setCharAt(k, ' ');
        } while (m.find());
        return b.toString();
    }

    /** "Portugal43", "Lisbon,42", "Portugal.17": after a lower-case letter (and at most one mark), before a break. */
    private static boolean glued(String t, int start, int end) {
        if (end < t.length() && !(Character.isWhitespace(t.charAt(end)) || ",.;:)".indexOf(t.charAt(end)) >= 0)) return false;
        int b = start - 1;
        if (b >= 0 && AFTER_WORD.indexOf(t.charAt(b)) >= 0) b--;
        if (b >= 0 && AFTER_WORD.indexOf(t.charAt(b)) >= 0) b--; // "paper.”3"
        return b >= 0 && Character.isLowerCase(t.charAt(b));
    }

    /** "by 2020.8 These": after a four-digit year and a full stop or comma, before spaces and a capital. */
    private static boolean afterYear(String t, int start, int end) {
        if (start < 5 || ".,".indexOf(t.charAt(start - 1)) < 0) return false;
        String year = t.substring(start - 5, start - 1);
        if (!(year.startsWith("19") || year.startsWith("20")) || !year.chars().allMatch(Footnotes::isDigit)) return false;
        if (start >= 6 && isDigit(t.charAt(start - 6))) return false;
        int k = end;
        while (k < t.length() && Character.isWhitespace(t.charAt(k))) k++;
        return k > end && k < t.length() && Character.isUpperCase(t.charAt(k));
    }

    /** "1华大基因与…" at the start of a line, but not "1月" or "3家". */
    private static boolean opensChineseParagraph(String t, int start, int end) {
        if (start > 0 && t.charAt(start - 1) != '\n') return false;
        if (end >= t.length()) return false;
        char next = t.charAt(end);
        return Character.UnicodeScript.of(next) == Character.UnicodeScript.HAN && UNITS.indexOf(next) < 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSuperscriptDigit(char c) {
        return c == '\u00B9' || c == '\u00B2' || c == '\u00B3' || c == '\u2070' || (c >= '\u2074' && c <= '\u2079');
    }

    private static StringBuilder set(StringBuilder out, String text, int from, int to) {
        StringBuilder b = out == null ? new StringBuilder(text) : out;
        for (int k = from; k < to; k++) b.setCharAt(k, ' ');
        return b;
    }
}
