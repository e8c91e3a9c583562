package org.tracemap.gazetteer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds dictionary phrases in text: every place where a phrase starts, the longest phrase that matches
 * there. Latin phrases match case-insensitively and only on word boundaries ("Oman" is not found in
 * "woman"); Chinese phrases match as written, since Chinese has no spaces to bound words.
 *
 * <p>A character trie walked from each position: O(text × longest phrase), which for a gazetteer of
 * ~20,000 names is a few milliseconds per article and needs no regular expressions.
 *
 * @param <T> what a phrase stands for (a company, a country, the cities of one name)
 */
public final class PhraseMatcher<T> {
    /** One occurrence: characters {@code [start, end)} of the text, and every value its phrase stands for. */
    public record Match<T>(int start, int end, String phrase, List<T> values) {}

    private static final class Node<T> {
        final Map<Character, Node<T>> next = new HashMap<>(4);
        List<T> values;
        String phrase;
    }

    private final Node<T> root = new Node<>();
    private int size;

    /** Adds a phrase; a phrase added twice stands for all its values. Blank phrases are ignored. */
    public PhraseMatcher<T> add(String phrase, T value) {
        String key = normalise(phrase.strip());
        if (key.isEmpty()) return this;
        Node<T> n = root;
        for (int i = 0; i < key.length(); i++) n = n.next.computeIfAbsent(key.charAt(i), c -> new Node<>());
        if (n.values == null) {
            n.values = new ArrayList<>(1);
            n.phrase = phrase.strip();
            size++;
        }
        if (!n.values.contains(value)) n.values.add(value);
        return this;
    }

    public int size() {
        return size;
    }

    /** Non-overlapping matches, leftmost-longest first. */
    public List<Match<T>> find(String text) {
        return findNormalised(normalise(text));
    }

    /** As {@link #find}, on text already passed through {@link #normalise}: for running many matchers over one text. */
    public List<Match<T>> findNormalised(String t) {
        List<Match<T>> out = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            Match<T> m = startingAt(t, i);
            if (m != null) {
                out.add(m);
                i = m.end();
            } else {
                i++;
            }
        }
        return out;
    }

    private Match<T> startingAt(String t, int start) {
        if (start > 0 && isWordChar(t.charAt(start - 1)) && isWordChar(t.charAt(start))) return null;
        Node<T> n = root;
        Node<T> best = null;
        int bestEnd = -1;
        for (int i = start; i < t.length(); i++) {
            n = n.next.get(t.charAt(i));
            if (n == null) break;
            if (n.values != null && (i + 1 == t.length() || !(isWordChar(t.charAt(i)) && isWordChar(t.charAt(i + 1))))) {
                best = n;
                bestEnd = i + 1;
            }
        }
        return best == null ? null : new Match<>(start, bestEnd, best.phrase, List.copyOf(best.values));
    }

    /**
     * Lower case, one kind of apostrophe and space, char for char: offsets in the normalised text are
     * offsets in the original, so quotes can be cut from the original.
     */
    public static String normalise(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u2019' || c == '\u2018' || c == '`') c = '\'';
            else if (c == '\u2010' || c == '\u2011' || c == '\u2013') c = '-';
            else if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000') c = ' ';
            else c = Character.toLowerCase(c);
            out[i] = c;
        }
        return new String(out);
    }

    /** Letters and digits of alphabetic scripts: the characters a Latin word boundary separates. */
    static boolean isWordChar(char c) {
        // Below U+2E80 there is no Han character: skip the script-table lookup that dominated mining profiles.
        if (c < 0x2E80) return Character.isLetterOrDigit(c);
        return Character.isLetterOrDigit(c) && !isHan(c);
    }

    static boolean isHan(char c) {
        return c >= 0x2E80 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
