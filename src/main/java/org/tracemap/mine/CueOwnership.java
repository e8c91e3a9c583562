package org.tracemap.mine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tracemap.gazetteer.Category;
import org.tracemap.gazetteer.Company;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Wording;
import org.tracemap.gazetteer.PhraseMatcher;

/**
 * Who holds which cue in a sentence that names several companies: companies joined by "and" are one group; a
 * parent named beside its subsidiary is not an actor; a cue belongs to the agent right after it ("built by
 * Huawei"), else to the group nearest before it in the same clause, else to the nearest after (see {@link #ownerOf}).
 * The wording is data: context.yaml {@code agent}, {@code parentOf}, {@code childOf}.
 */
final class CueOwnership {
    /** Past this many company names or cues in one sentence (a list, a table run together) nobody is told apart. */
    static final int MAX_MENTIONS = 64;

    private final Gazetteer gazetteer;

    CueOwnership(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** What joins companies into one group: "Huawei and ZTE", "华为、中兴", "Huawei, ZTE and Hikvision". */
    private static final Pattern COORDINATED = Pattern.compile("\\s*(,|and|&|as well as|together with|along with|, and|和|与|及|以及|、|，)\\s*",
            Pattern.CASE_INSENSITIVE);
    /** How far after a cue an agent ("built by Huawei") may be named. */
    private static final int AGENT_REACH = 40;

    /**
     * Who holds which cue when a sentence names companies that are not one group: "CETC — which runs joint labs
     * with universities in Sweden — and its subsidiary Hikvision": the labs are CETC's.
     */
    Findings.Actors actors(String t, List<CompanyMention> companies, List<CueMention> cues, List<int[]> asides) {
        if (companies.isEmpty()) return Findings.Actors.NONE;
        List<List<CompanyMention>> groups = new ArrayList<>();
        for (CompanyMention m : companies) {
            List<CompanyMention> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            CompanyMention previous = last == null ? null : last.get(last.size() - 1);
            if (previous != null && (m.start() <= previous.end() || COORDINATED.matcher(t.substring(previous.end(), m.start())).matches())) {
                last.add(m);
            } else {
                groups.add(new ArrayList<>(List.of(m)));
            }
        }
        Set<Company> first = new LinkedHashSet<>();
        for (CompanyMention m : groups.get(0)) first.addAll(m.values());
        int firstAt = groups.get(0).get(0).start();
        if (groups.size() < 2 || companies.size() >= MAX_MENTIONS) return new Findings.Actors(Math.min(groups.size(), 1), Map.of(), first, firstAt);
        Map<Company, Set<Category>> held = new LinkedHashMap<>();
        for (CueMention cue : cues) {
            for (CompanyMention m : ownerOf(t, cue, groups, asides)) {
                for (Company c : m.values()) held.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(cue.values());
            }
        }
        return new Findings.Actors(groups.size(), held, first, firstAt);
    }

    /**
     * Drops the names of parents written next to their subsidiary's ("CETC's subsidiary Hikvision", "Hikvision, a
     * subsidiary of CETC"): the subsidiary is the actor. A parent named on its own elsewhere in the sentence stays.
     */
    boolean dropParents(String t, List<CompanyMention> mentions) {
        Set<CompanyMention> parents = new java.util.HashSet<>();
        for (int i = 1; i < mentions.size(); i++) {
            CompanyMention a = mentions.get(i - 1), b = mentions.get(i);
            if (b.start() < a.end() || b.start() - a.end() > 60) continue;
            String between = t.substring(a.end(), b.start()).replace('\u2019', '\'').toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("^[\\s,，(（)）—–-]+|[\\s,，(（)）—–-]+$", "");
            if (isParentLink(between)) parents.add(a);
            else if (isChildLink(between)) parents.add(b);
        }
        // "中国电子科技集团（CETC）旗下的海康威视": the parent's other name, in brackets beside it, goes with it
        for (int i = mentions.size() - 1; i > 0; i--) {
            CompanyMention a = mentions.get(i - 1), b = mentions.get(i);
            boolean sameCompany = a.values().equals(b.values());
            boolean bracketsOnly = b.start() >= a.end() && t.substring(a.end(), b.start()).matches("[\\s(（)）]*");
            if (sameCompany && bracketsOnly && (parents.contains(a) || parents.contains(b))) {
                parents.add(a);
                parents.add(b);
            }
        }
        return mentions.removeAll(parents);
    }

    /** "'s subsidiary", "'s surveillance unit", "旗下的": what stands between a parent and its subsidiary. */
    private boolean isParentLink(String between) {
        if (gazetteer.parentOf().contains(between)) return true;
        if (!between.startsWith("'s ")) return false;
        String[] words = between.substring(3).split("\\s+");
        return words.length <= 4 && gazetteer.parentOf().contains(words[words.length - 1]);
    }

    /** "a subsidiary of", "a Hangzhou-based unit of": what stands between a subsidiary and its parent. */
    private boolean isChildLink(String between) {
        for (String p : gazetteer.childOf()) {
            if (between.equals(p)) return true;
            if (between.endsWith(" " + p) && between.split("\\s+").length <= p.split(" ").length + 2) return true;
        }
        return false;
    }

    /**
     * The group a cue belongs to: the agent right after it ("built by Huawei"), else the group nearest before it,
     * else the nearest after. An aside (", which …,", "— … —", "( … )") is read as its own clause: a company named
     * inside one holds only the cues inside it ("Huawei, which competes with ZTE, opened an office": the office is
     * Huawei's), and a cue inside one with no company before it there belongs to the company the aside is about
     * ("CETC — which runs joint labs — and Hikvision": the labs are CETC's).
     */
    private List<CompanyMention> ownerOf(String t, CueMention cue, List<List<CompanyMention>> groups, List<int[]> asides) {
        int[] cueAside = Clauses.asideOf(asides, cue.start());
        List<CompanyMention> before = null, after = null, beforeAside = null;
        for (List<CompanyMention> g : groups) {
            int[] aside = Clauses.asideOf(asides, g.get(0).start());
            boolean sameClause = aside == cueAside;
            if (g.get(g.size() - 1).end() <= cue.start()) {
                if (sameClause) before = g;
                if (cueAside != null && aside == null && g.get(g.size() - 1).end() <= cueAside[0]) beforeAside = g;
            } else if (after == null && sameClause && g.get(0).start() >= cue.end()) {
                after = g;
            }
        }
        if (after != null) {
            int gap = after.get(0).start() - cue.end();
            if (gap <= AGENT_REACH) {
                String between = t.substring(cue.end(), after.get(0).start());
                for (PhraseMatcher.Match<Boolean> m : gazetteer.wording(Wording.AGENT).find(between)) {
                    // the link word must end the gap, give or take an article or an adjective: "built by China's Huawei"
                    String rest = between.substring(m.end()).strip();
                    if (rest.isEmpty() || rest.matches("(?i)(the|a|an|china's|chinese|state-owned|its|its subsidiary|its unit)( [\\p{L}'’]+)?")) return after;
                }
            }
        }
        if (before != null) return before;
        if (beforeAside != null) return beforeAside;
        return after == null ? List.of() : after;
    }
}
