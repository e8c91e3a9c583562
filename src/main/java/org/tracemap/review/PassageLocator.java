package org.tracemap.review;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a passage someone selected in a snapshot's extracted text. A browser's selection of a text may differ from
 * the text in its white space only (a line break becomes a space, runs of spaces are joined), so the words must come
 * in the same order, any run of white space matching any other. The passage returned is the text's own, so a source
 * quotes its snapshot exactly, whatever the selection made of the spaces.
 */
final class PassageLocator {
    /** Where a passage lies in the text ({@code start} inclusive, {@code end} exclusive, UTF-16 indices as in JavaScript). */
    record Passage(int start, int end, String quote) {}

    private PassageLocator() {}

    /**
     * The occurrence of {@code selection} in {@code text} that starts nearest to {@code near} (the first one when
     * {@code near} is null), or empty when the text does not contain it.
     */
    static Optional<Passage> find(String text, String selection, Integer near) {
        String[] words = selection.strip().split("\\s+");
        if (text == null || words.length == 0 || words[0].isEmpty()) return Optional.empty();
        StringBuilder regex = new StringBuilder();
        for (String w : words) {
            if (regex.length() > 0) regex.append("\\s+");
            regex.append(Pattern.quote(w));
        }
        Matcher m = Pattern.compile(regex.toString()).matcher(text);
        Passage best = null;
        while (m.find()) {
            Passage p = new Passage(m.start(), m.end(), m.group());
            if (near == null) return Optional.of(p);
            if (best == null || Math.abs(p.start() - near) < Math.abs(best.start() - near)) best = p;
            else break; // occurrences come in order: once they move away from near, none comes closer
        }
        return Optional.ofNullable(best);
    }
}
