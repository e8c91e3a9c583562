package org.tracemap.gazetteer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.limits.Interruption;

/**
 * Finds dictionary phrases in text: every place where a phrase starts, the longest phrase that matches
 * there. Latin phrases match case-insensitively and only on word boundaries ("Oman" is not found in
 * "woman"); Chinese phrases match as written, since Chinese has no spaces to bound words.
 *
 * <p>A character trie walked from each position where a word may start: O(text × longest phrase), linear in
 * the text (the walk from one position ends at the first character no phrase continues with, and never goes
 * past the longest phrase, 70 characters). For a gazetteer of ~20,000 names that is a few milliseconds per
 * article and about 25 ms for 2 MB, and needs no regular expressions. Callers that only need what was named,
 * not each occurrence, use {@link #scanNormalised}, which makes no object per match.
 *
 * @param <T> what a phrase stands for (a company, a country, the cities of one name)
 */
public final class PhraseMatcher<T> {
    /** One occurrence: characters {@code [start, end)} of the text, and every value its phrase stands for. */
    public record Match<T>(int start, int end, String phrase, List<T> values) {}

    /** Told each occurrence in turn, left to right; {@code values} is shared by every occurrence of the phrase (read-only). */
    @FunctionalInterface
    public interface Visitor<T> {
        void match(int start, int end, String phrase, List<T> values);
    }

    /** How many text positions a scan walks between two checks for interruption (a stage's time limit). */
    private static final int CHECK_EVERY = 1 << 14;

    private static final class Node<T> {
        final Map<Character, Node<T>> next = new HashMap<>(4);
        List<T> values;
        List<T> shared; // read-only view of values, handed to every match
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
            n.shared = Collections.unmodifiableList(n.values);
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
        scanNormalised(t, (start, end, phrase, values) -> out.add(new Match<>(start, end, phrase, values)));
        return out;
    }

    /**
     * The non-overlapping matches of {@link #findNormalised}, told to the visitor one by one instead of
     * collected. Checks for interruption as it goes, so a stage's time limit stops it on any text.
     */
    public void scanNormalised(String t, Visitor<T> visitor) {
        scan(t, visitor, false);
    }

    /** Whether any phrase occurs in the text; stops at the first. */
    public boolean foundIn(String text) {
        return foundInNormalised(normalise(text));
    }

    /** As {@link #foundIn}, on text already passed through {@link #normalise}. */
    public boolean foundInNormalised(String t) {
        return scan(t, (start, end, phrase, values) -> {}, true);
    }

    /** Returns whether anything matched; with {@code first}, stops there. */
    private boolean scan(String t, Visitor<T> visitor, boolean first) {
        boolean any = false;
        int i = 0;
        int nextCheck = CHECK_EVERY;
        while (i < t.length()) {
            if (i >= nextCheck) {
                Interruption.check();
                nextCheck = i + CHECK_EVERY;
            }
            Node<T> best = null;
            int bestEnd = -1;
            if (i == 0 || !(isWordChar(t.charAt(i - 1)) && isWordChar(t.charAt(i)))) {
                Node<T> n = root;
                for (int j = i; j < t.length(); j++) {
                    n = n.next.get(t.charAt(j));
                    if (n == null) break;
                    if (n.values != null && (j + 1 == t.length() || !(isWordChar(t.charAt(j)) && isWordChar(t.charAt(j + 1))))) {
                        best = n;
                        bestEnd = j + 1;
                    }
                }
            }
            if (best == null) {
                i++;
                continue;
            }
            any = true;
            if (first) return true;
            visitor.match(i, bestEnd, best.phrase, best.shared);
            i = bestEnd;
        }
        return any;
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
            else if (c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2013') c = ' '; // as a space: "command-and-control centre" 
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
