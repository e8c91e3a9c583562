package org.tracemap.mine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks the footnote markers that reports glue to their words ("Lisbon,42", "Portugal43", "in 2019.[17]",
 * "[n 2]"), so that "Portugal43" reads as Portugal. Each marker becomes as many spaces as it had characters:
 * offsets into the text, which quotes keep, stay right.
 */
final class Footnotes {
    /** Digits glued to the end of a lower-case word or to the comma or full stop after it: "Portugal43", "Lisbon,42", "2019.17". */
    private static final Pattern GLUED = Pattern.compile("(?<=\\p{Ll}[,.;:)\\]”\"]?)\\d{1,3}(?=[\\s,.;:)]|$)");
    /** A marker after a year that ends a sentence: "by 2020.8 These are…" (a decimal is not followed by a capital). */
    private static final Pattern AFTER_YEAR = Pattern.compile("(?<=(?:19|20)\\d\\d[.,])\\d{1,3}(?=\\s+\\p{Lu})");
    /** Superscript digits, as reports write note numbers: "¹²", "⁴值得注意的是". */
    private static final Pattern SUPERSCRIPT = Pattern.compile("[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]+");
    /** A note number opening a Chinese paragraph ("1华大基因与…"), not a count or a date ("1月", "3家"). */
    private static final Pattern BEFORE_HAN = Pattern.compile("(?m)^\\d{1,2}(?=\\p{IsHan})(?![0-9]*[年月日号个家名项座亿万期层条次所款台部位种倍成])");
    /** Bracketed markers: "[17]", "[n 2]", "[a]", "[citation needed]". */
    private static final Pattern BRACKETED = Pattern.compile("\\[(\\d{1,3}|n \\d{1,3}|[a-z]|note \\d{1,3}|citation needed)\\]");

    private Footnotes() {}

    static String blank(String text) {
        return blank(BEFORE_HAN, blank(SUPERSCRIPT, blank(AFTER_YEAR, blank(BRACKETED, blank(GLUED, text)))));
    }

    private static String blank(Pattern marker, String text) {
        Matcher m = marker.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder(text);
        do {
            for (int i = m.start(); i < m.end(); i++) out.setCharAt(i, ' ');
        } while (m.find());
        return out.toString();
    }
}
