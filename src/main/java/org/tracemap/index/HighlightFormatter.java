package org.tracemap.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats a document's best passages in the two forms a hit carries, from one highlighting pass: the escaped
 * HTML snippets clients have always read ({@code <mark>} around matches, cut at the ellipsis), and the same
 * passages as {@link PassagePart}s built from the matches' offsets, which need neither escaping nor parsing.
 */
final class HighlightFormatter extends PassageFormatter {
    private static final String ELLIPSIS = "… ";
    private static final DefaultPassageFormatter ESCAPED_HTML = new DefaultPassageFormatter("<mark>", "</mark>", ELLIPSIS, true);

    /** One document's highlights; {@link #NONE} when its field holds no text. */
    record Highlight(List<String> snippets, List<List<PassagePart>> passages) {
        static final Highlight NONE = new Highlight(List.of(), List.of());
    }

    @Override
    public Highlight format(Passage[] passages, String content) {
        String html = ESCAPED_HTML.format(passages, content);
        List<List<PassagePart>> parts = new ArrayList<>(passages.length);
        for (Passage p : passages) parts.add(parts(p, content));
        return new Highlight(html.isEmpty() ? List.of() : List.of(html.split(ELLIPSIS)), parts);
    }

    /**
     * The passage cut at its matches. Matches arrive in offset order; overlapping ones (CJK bigrams "中兴" and
     * "兴通", a name and its expansion) become one hit, as they become one {@code <mark>} in the HTML form.
     */
    static List<PassagePart> parts(Passage p, String content) {
        List<PassagePart> out = new ArrayList<>();
        int[] starts = p.getMatchStarts();
        int[] ends = p.getMatchEnds();
        int pos = p.getStartOffset();
        int passageEnd = p.getEndOffset();
        for (int i = 0; i < p.getNumMatches(); i++) {
            int start = Math.max(starts[i], pos);
            int end = ends[i];
            while (i + 1 < p.getNumMatches() && starts[i + 1] < end) end = Math.max(end, ends[++i]);
            end = Math.min(end, passageEnd); // a match may straddle the passage's end
            if (start >= end) continue;
            add(out, content.substring(pos, start), false);
            add(out, content.substring(start, end), true);
            pos = end;
        }
        if (pos < passageEnd) add(out, content.substring(pos, passageEnd), false);
        trimEnds(out);
        return out;
    }

    private static void add(List<PassagePart> out, String text, boolean hit) {
        if (!text.isEmpty()) out.add(new PassagePart(text, hit));
    }

    /** Passages begin and end at sentence breaks, often on a line break: the whitespace there means nothing. */
    private static void trimEnds(List<PassagePart> parts) {
        if (parts.isEmpty()) return;
        PassagePart first = parts.get(0);
        if (!first.hit()) replaceOrDrop(parts, 0, first.text().stripLeading());
        if (parts.isEmpty()) return;
        int lastIndex = parts.size() - 1;
        PassagePart last = parts.get(lastIndex);
        if (!last.hit()) replaceOrDrop(parts, lastIndex, last.text().stripTrailing());
    }

    private static void replaceOrDrop(List<PassagePart> parts, int index, String text) {
        if (text.isEmpty()) parts.remove(index);
        else parts.set(index, new PassagePart(text, false));
    }
}
