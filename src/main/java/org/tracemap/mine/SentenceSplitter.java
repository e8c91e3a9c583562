package org.tracemap.mine;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits main text into sentences, English and Chinese alike: the JDK's sentence rules (which know
 * 。！？ as well as . ! ?), then two repairs. Paragraph breaks always end a sentence, and a break right
 * after an abbreviation ("Co.", "Ltd.", "Dr.", "U.S.") or an initial is undone, since news text is full of them.
 */
public final class SentenceSplitter {
    /** Characters {@code [start, end)} of the text, trimmed. */
    public record Sentence(int start, int end, String text) {}

    private static final Set<String> ABBREVIATIONS = Set.of("co", "ltd", "inc", "corp", "plc", "llc", "dr", "mr", "mrs", "ms",
            "prof", "st", "no", "nos", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "u.s", "u.k", "u.a.e", "e.g", "i.e", "gov", "govt", "dept", "est", "approx", "fig", "jr", "sr", "mt", "ft", "s.a",
            "pty", "bhd", "sdn", "ag", "gmbh", "p.m", "a.m");

    private SentenceSplitter() {}

    public static List<Sentence> split(String text) {
        List<Sentence> out = new ArrayList<>();
        int paragraphStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                splitParagraph(text, paragraphStart, i, out);
                paragraphStart = i + 1;
            }
        }
        return out;
    }

    private static void splitParagraph(String text, int from, int to, List<Sentence> out) {
        if (from >= to) return;
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ROOT);
        String paragraph = text.substring(from, to);
        it.setText(paragraph);
        int start = it.first();
        int pending = -1; // start of a sentence held back because it ended in an abbreviation
        for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            int s = pending >= 0 ? pending : start;
            if (end < paragraph.length() && endsWithAbbreviation(paragraph, start, end)) {
                pending = s;
                continue;
            }
            pending = -1;
            add(text, from + s, from + end, out);
        }
        if (pending >= 0) add(text, from + pending, to, out);
    }

    private static boolean endsWithAbbreviation(String p, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(p.charAt(e - 1))) e--;
        if (e == start || p.charAt(e - 1) != '.') return false;
        int w = e - 1;
        while (w > start && !Character.isWhitespace(p.charAt(w - 1))) w--;
        String word = p.substring(w, e - 1).toLowerCase(Locale.ROOT).replaceAll("^[(\"'\\[]+", "");
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) return true; // an initial: "J. Smith"
        return ABBREVIATIONS.contains(word);
    }

    private static void add(String text, int start, int end, List<Sentence> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) start++;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        if (end > start) out.add(new Sentence(start, end, text.substring(start, end)));
    }
}
