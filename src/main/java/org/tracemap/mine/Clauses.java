package org.tracemap.mine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clause structure a word list can see in a sentence: its asides (", which …,", "— … —", "( … )") and where a
 * clause ends. The miner reads an aside as a clause of its own: who holds a cue, and whether a hedge or market wording
 * qualifies the main clause, depend on it.
 */
final class Clauses {
    private Clauses() {}

    /** Where a sentence's asides are: ", which/who/whose … ,", "— … —" and "( … )" (half-open character ranges). */
    static List<int[]> asides(String t) {
        List<int[]> out = new ArrayList<>();
        Matcher m = ASIDE_START.matcher(t);
        int from = 0;
        while (from < t.length() && m.find(from)) {
            int start = m.start();
            char open = t.charAt(start);
            int end;
            if (open == '(' || open == '\uFF08') end = indexOfAny(t, ")\uFF09", start + 1);
            else if (open == ',' || open == '\uFF0C') end = indexOfAny(t, ",\uFF0C;", m.end());
            else end = indexOfAny(t, "\u2014\u2013", m.end());
            if (end < 0) {
                // an unclosed dash is an aside only as a trailing appositive ("…, in 2022 — a contract a rival expected to
                // win"), not as a dateline ("WASHINGTON — The FCC voted…")
                if ((open == '\u2014' || open == '\u2013' || t.charAt(start) == ' ') && start < t.length() * 2 / 5) {
                    from = m.end();
                    continue;
                }
                end = t.length();
            }
            out.add(new int[] {start, end});
            from = end + 1;
        }
        return out;
    }

    private static final Pattern ASIDE_START = Pattern.compile("[(\uFF08]|[,\uFF0C]\\s*(?:which|who|whose|where)\\b|\\s[\u2014\u2013]\\s|\u2014");

    private static int indexOfAny(String t, String chars, int from) {
        for (int i = from; i < t.length(); i++) if (chars.indexOf(t.charAt(i)) >= 0) return i;
        return -1;
    }

    /** The aside (from {@link #asides}) a position is in, or null. */
    static int[] asideOf(List<int[]> asides, int position) {
        for (int[] a : asides) if (position >= a[0] && position < a[1]) return a;
        return null;
    }

    /** Where the clause that a position is in ends: the next comma, semicolon or full stop (Chinese or Latin). */
    static int clauseEnd(String t, int from) {
        for (int i = from; i < t.length(); i++) if ("，；。！？,;".indexOf(t.charAt(i)) >= 0) return i;
        return t.length();
    }
}
