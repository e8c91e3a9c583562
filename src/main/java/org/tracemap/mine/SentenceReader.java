package org.tracemap.mine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracemap.gazetteer.Category;
import org.tracemap.gazetteer.Company;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.PhraseMatcher;
import org.tracemap.gazetteer.Place;
import org.tracemap.gazetteer.Spans;

/**
 * Reads one sentence with the gazetteer's matchers: the companies it names as actors, the categories it cues,
 * the place names it writes, its first year and its context wording. One pass per matcher and work in
 * proportion to the sentence's length, whatever it repeats (overlaps with company names are found with a
 * forward cursor, not by comparing every match with every other).
 */
final class SentenceReader {
    static final Pattern YEAR = Pattern.compile("(?<![0-9])(19[5-9][0-9]|20[0-4][0-9])(?![0-9])");

    private static final String DATA_CENTRE = "data-centre";
    private final Gazetteer gazetteer;
    private final Category dataCentre;

    SentenceReader(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.dataCentre = gazetteer.category(DATA_CENTRE).orElse(null);
    }

    Findings read(SentenceSplitter.Sentence s) {
        return read(s, false);
    }

    /**
     * @param cloudPage the page names a cloud company ("Tencent Cloud"), so "its Bangkok region" in a sentence that
     *                  names no company is a cloud region too
     */
    Findings read(SentenceSplitter.Sentence s, boolean cloudPage) {
        String t = s.text();
        String n = PhraseMatcher.normalise(t); // once for the ten matchers below
        Set<Company> actors = new LinkedHashSet<>();
        Spans companySpans = new Spans();
        List<Mention> mentions = new ArrayList<>();
        List<Integer> companyStarts = new ArrayList<>();
        boolean[] cloudCompany = {false};
        gazetteer.companyNames().scanNormalised(n, (start, end, phrase, values) -> {
            companySpans.add(start, end);
            if (phrase.toLowerCase(java.util.Locale.ROOT).contains("cloud") || phrase.contains("云")) cloudCompany[0] = true;
            if (companyStarts.size() < MAX_MENTIONS) companyStarts.add(start);
            if (isRival(t, start)) return;
            actors.addAll(values);
            if (mentions.size() < MAX_MENTIONS) mentions.add(new Mention(start, end, values));
        });
        if (mentions.isEmpty()) {
            // "the Hangzhou camera-maker opened an office": what the text calls one of our companies without naming it
            gazetteer.companyDescriptors().scanNormalised(n, (start, end, phrase, values) -> {
                if (isRival(t, start) || mentions.size() >= MAX_MENTIONS) return;
                companySpans.add(start, end);
                actors.addAll(values);
                mentions.add(new Mention(start, end, values));
            });
        }
        // Companies we do not track still hold what the sentence says of them ("Nokia built the 5G network").
        Spans otherSpans = new Spans();
        Spans.Cursor inOurs = companySpans.cursor();
        int ours = mentions.size();
        gazetteer.otherCompanyNames().scanNormalised(n, (start, end, phrase, values) -> {
            if (inOurs.overlaps(start, end) || !looksLikeProperNoun(t, start)) return;
            otherSpans.add(start, end);
            if (!isRival(t, start) && mentions.size() < MAX_MENTIONS) mentions.add(new Mention(start, end, List.of()));
        });
        if (mentions.size() > ours && ours > 0) mentions.sort(java.util.Comparator.comparingInt(Mention::start));
        if (mentions.size() > 1 && mentions.size() < MAX_MENTIONS && dropParents(t, mentions)) {
            actors.clear();
            for (Mention m : mentions) actors.addAll(m.values());
        }
        List<Category> categories = new ArrayList<>();
        CueMarks cues = new CueMarks();
        List<Cue> cueMentions = new ArrayList<>();
        Spans.Cursor cueInCompanyName = companySpans.cursor();
        Spans.Cursor cueInOtherName = otherSpans.cursor();
        int[] nextCompany = {0};
        List<int[]> scopeLists = gazetteer.scopeCues().foundInNormalised(n) ? scopeLists(t) : List.of();
        gazetteer.categoryCues().scanNormalised(n, (start, end, phrase, values) -> {
            if (!scopeLists.isEmpty() && asideOf(scopeLists, start) != null) return; // "areas such as 5G": a topic, not a project
            if (cueInCompanyName.overlaps(start, end)) return; // "China Mobile network" is not a mobile-network cue
            if (cueInOtherName.overlaps(start, end)) return;   // nor is "Amazon Web Services" a web-services one
            while (nextCompany[0] < companyStarts.size() && companyStarts.get(nextCompany[0]) < end) nextCompany[0]++;
            // "its subsidiary Hikvision", "telecoms equipment maker Huawei", "子公司中国联通": a cue written as a title
            // before a name describes the company, it is not a project
            if (nextCompany[0] < companyStarts.size() && isTitle(t, end, companyStarts.get(nextCompany[0]))) return;
            for (Category c : values) if (!categories.contains(c)) categories.add(c);
            cues.add(start, values.get(0)); // a cue standing for several categories belongs places to its first
            if (cueMentions.size() < MAX_MENTIONS) cueMentions.add(new Cue(start, end, values));
        });
        if ((cloudCompany[0] || cloudPage && actors.isEmpty()) && dataCentre != null) {
            // "Huawei Cloud opened its Santiago region": a cloud company's region is a data centre
            Spans.Cursor inName = companySpans.cursor();
            gazetteer.cloudRegionCues().scanNormalised(n, (start, end, phrase, values) -> {
                if (inName.overlaps(start, end)) return;
                if (!categories.contains(dataCentre)) categories.add(dataCentre);
                cues.add(start, dataCentre);
                if (cueMentions.size() < MAX_MENTIONS) cueMentions.add(new Cue(start, end, List.of(dataCentre)));
            });
            cues.sort();
            cueMentions.sort(java.util.Comparator.comparingInt(Cue::start));
        }
        Map<String, Findings.NamedPlace> places = new LinkedHashMap<>();
        Spans.Cursor placeInCompanyName = companySpans.cursor();
        CueMarks.Cursor nearestCue = cues.cursor();
        gazetteer.placeNames().scanNormalised(n, (start, end, phrase, values) -> {
            if (placeInCompanyName.overlaps(start, end)) return; // "China Telecom" is not China
            if (values.contains(Place.NONE)) return;             // "Indian Ocean" is not India (places/not-places.txt)
            if (!looksLikeProperNoun(t, start)) return;          // "reading", "mobile", "nice"
            if (actsOnOthers(t, start, end, values)) return;     // "with help from Russia", "the US sanctioned"
            // "the Shenzhen-based vendor", "a Singapore-based analyst" are from there, which does not place anything there;
            // "the Hong Kong-headquartered arm" of one of ours is an office, and stays a place
            Matcher home = HOME_OF.matcher(t).region(end, t.length());
            if (home.lookingAt() && (values.stream().allMatch(p -> p.country().equals("CN"))
                    || !OUR_UNIT.matcher(t).region(home.end(), t.length()).lookingAt())) return;
            if (PART_OF_A_NAME.matcher(t).region(end, t.length()).lookingAt()) return; // "San Salvador-de-Jujuy" is not San Salvador
            if (afterAName(t, start, values, mentions)) return; // "Faria Lima" is a street in São Paulo, not Lima
            if (STREET.matcher(t).region(end, t.length()).lookingAt() && values.stream().allMatch(Place::isCity)) return; // "Cairo Road" is in Lusaka
            Findings.NamedPlace named = places.computeIfAbsent(phrase, p -> new Findings.NamedPlace(p, values, start, new LinkedHashSet<>()));
            // Chinese puts the place before its project ("在日本东京设有办公室"): the cue after it in its clause owns it
            Category after = Character.UnicodeScript.of(t.codePointAt(start)) == Character.UnicodeScript.HAN ? cues.firstIn(end, clauseEnd(t, end)) : null;
            Category owner = after != null ? after : nearestCue.ownerOf(start);
            if (owner != null) named.owners().add(owner);
        });
        Matcher y = YEAR.matcher(t);
        Integer year = y.find() ? Integer.valueOf(y.group(1)) : null;
        boolean hedge = outsideAsides(gazetteer.hedgeCues(), t, n, mentions);
        boolean guess = hedge && actors.size() >= 2 && OR.matcher(t).find();
        // Only a sentence that names no company needs to point back to one (to anchor a candidate, or to pass its subject
        // on): the noun-phrase search runs only there, and only when the sentence cues a category or names a place.
        int nounPhrase = actors.isEmpty() && (!categories.isEmpty() || !places.isEmpty()) ? gazetteer.referenceNounPhrase(t) : 0;
        boolean reference = gazetteer.referenceCues().foundInNormalised(n) || nounPhrase > 0;
        Findings.Cues context = new Findings.Cues(reference, gazetteer.buildCues().foundInNormalised(n),
                !scopeLists.isEmpty() && categories.isEmpty(), hedge, guess, gazetteer.domesticCues().foundInNormalised(n),
                gazetteer.referenceManyCues().foundInNormalised(n) || nounPhrase == 2);
        return new Findings(s, actors, categories, cues.size == 0 ? -1 : cues.offsets[0], new ArrayList<>(places.values()), List.of(), Map.of(), year,
                gazetteer.projectCues().foundInNormalised(n), outsideAsides(gazetteer.notProjectCues(), t, n, mentions), false, context,
                actors(t, mentions, cueMentions));
    }

    /** A company name where the sentence writes it. */
    private record Mention(int start, int end, List<Company> values) {}

    /** A category cue where the sentence writes it. */
    private record Cue(int start, int end, List<Category> values) {}

    /** Past this many company names or cues in one sentence (a list, a table run together) nobody is told apart. */
    private static final int MAX_MENTIONS = 64;
    /** What joins companies into one group: "Huawei and ZTE", "华为、中兴", "Huawei, ZTE and Hikvision". */
    private static final Pattern COORDINATED = Pattern.compile("\\s*(,|and|&|as well as|together with|along with|, and|和|与|及|以及|、|，)\\s*",
            Pattern.CASE_INSENSITIVE);
    /** How far after a cue an agent ("built by Huawei") may be named. */
    private static final int AGENT_REACH = 40;

    /**
     * Who holds which cue when a sentence names companies that are not one group: "CETC — which runs joint labs
     * with universities in Sweden — and its subsidiary Hikvision": the labs are CETC's.
     */
    private Findings.Actors actors(String t, List<Mention> companies, List<Cue> cues) {
        if (companies.isEmpty()) return Findings.Actors.NONE;
        List<List<Mention>> groups = new ArrayList<>();
        for (Mention m : companies) {
            List<Mention> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            Mention previous = last == null ? null : last.get(last.size() - 1);
            if (previous != null && (m.start() <= previous.end() || COORDINATED.matcher(t.substring(previous.end(), m.start())).matches())) {
                last.add(m);
            } else {
                groups.add(new ArrayList<>(List.of(m)));
            }
        }
        Set<Company> first = new LinkedHashSet<>();
        for (Mention m : groups.get(0)) first.addAll(m.values());
        int firstAt = groups.get(0).get(0).start();
        if (groups.size() < 2 || companies.size() >= MAX_MENTIONS) return new Findings.Actors(Math.min(groups.size(), 1), Map.of(), first, firstAt);
        Map<Company, Set<Category>> held = new LinkedHashMap<>();
        List<int[]> asides = asides(t);
        for (Cue cue : cues) {
            for (Mention m : ownerOf(t, cue, groups, asides)) {
                for (Company c : m.values()) held.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(cue.values());
            }
        }
        return new Findings.Actors(groups.size(), held, first, firstAt);
    }

    /**
     * Drops the names of parents written next to their subsidiary's ("CETC's subsidiary Hikvision", "Hikvision, a
     * subsidiary of CETC"): the subsidiary is the actor. A parent named on its own elsewhere in the sentence stays.
     */
    private boolean dropParents(String t, List<Mention> mentions) {
        Set<Mention> parents = new java.util.HashSet<>();
        for (int i = 1; i < mentions.size(); i++) {
            Mention a = mentions.get(i - 1), b = mentions.get(i);
            if (b.start() < a.end() || b.start() - a.end() > 60) continue;
            String between = t.substring(a.end(), b.start()).replace('\u2019', '\'').toLowerCase(java.util.Locale.ROOT)
                    .replaceAll("^[\\s,，(（)）—–-]+|[\\s,，(（)）—–-]+$", "");
            if (isParentLink(between)) parents.add(a);
            else if (isChildLink(between)) parents.add(b);
        }
        // "中国电子科技集团（CETC）旗下的海康威视": the parent's other name, in brackets beside it, goes with it
        for (int i = mentions.size() - 1; i > 0; i--) {
            Mention a = mentions.get(i - 1), b = mentions.get(i);
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
    private List<Mention> ownerOf(String t, Cue cue, List<List<Mention>> groups, List<int[]> asides) {
        int[] cueAside = asideOf(asides, cue.start());
        List<Mention> before = null, after = null, beforeAside = null;
        for (List<Mention> g : groups) {
            int[] aside = asideOf(asides, g.get(0).start());
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
                for (PhraseMatcher.Match<Boolean> m : gazetteer.agentCues().find(between)) {
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

    /**
     * Where a sentence lists areas of cooperation: after an English marker ("areas such as …") to the next stop, or
     * before a Chinese one ("在5G、云计算等领域") back to the previous stop.
     */
    private List<int[]> scopeLists(String t) {
        List<int[]> out = new ArrayList<>();
        for (PhraseMatcher.Match<Boolean> m : gazetteer.scopeCues().find(t)) {
            if (Character.UnicodeScript.of(m.phrase().codePointAt(0)) == Character.UnicodeScript.HAN) {
                int from = m.start();
                while (from > 0 && m.start() - from < 40 && "，。；：,;:在".indexOf(t.charAt(from - 1)) < 0) from--;
                out.add(new int[] {from, m.end()});
            } else {
                int to = m.end();
                while (to < t.length() && to - m.end() < 80 && ".;:".indexOf(t.charAt(to)) < 0) to++;
                out.add(new int[] {m.start(), to});
            }
        }
        return out;
    }

    /**
     * Whether the sentence has the wording outside its asides about another company: "It supplied radio equipment to
     * Claro — a contract the Swedish vendor Ericsson had been expected to win" is not hedged, nor is it market news;
     * "…a consortium with links to China Mobile — though none could say whether it was involved" is hedged.
     */
    private static boolean outsideAsides(PhraseMatcher<Boolean> wording, String t, String n, List<Mention> companies) {
        if (!wording.foundInNormalised(n)) return false;
        List<int[]> asides = asides(t);
        if (asides.isEmpty()) return true;
        boolean[] outside = {false};
        wording.scanNormalised(n, (start, end, phrase, values) -> {
            int[] aside = asideOf(asides, start);
            if (aside == null || companies.stream().noneMatch(c -> c.start() >= aside[0] && c.start() < aside[1])) outside[0] = true;
        });
        return outside[0];
    }

    /** Where a sentence's asides are: ", which/who/whose … ,", "— … —" and "( … )" (half-open character ranges). */
    private static List<int[]> asides(String t) {
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

    private static int[] asideOf(List<int[]> asides, int position) {
        for (int[] a : asides) if (position >= a[0] && position < a[1]) return a;
        return null;
    }

    /** After a place's name: it is an organisation's home ("a Luxembourg-based group"), not where a project is. */
    private static final Pattern HOME_OF = Pattern.compile("[-\u2010\u2011 ](based|headquartered|listed)\\b");
    /** Words that may stand capitalised before a city's name without making it part of another name. */
    private static final Set<String> BEFORE_A_CITY = Set.of("north", "south", "east", "west", "central", "greater", "downtown", "metro",
            "metropolitan", "old", "inner", "outer", "northern", "southern", "eastern", "western", "in", "at", "near", "from", "to", "and",
            "the", "of", "outside", "across", "around", "between", "with", "for", "by", "on", "while", "since", "as", "but", "both");

    /**
     * A city's name right after a capitalised word that is not one of {@link #BEFORE_A_CITY} is the end of a longer name
     * ("Faria Lima", "Avenida Paulista"): not that city. Countries are never read this way ("Huawei Kenya" is Kenya).
     */
    private static boolean afterAName(String t, int start, List<Place> values, List<Mention> mentions) {
        for (Place p : values) if (!p.isCity()) return false;
        int e = start;
        if (e < 2 || t.charAt(e - 1) != ' ') return false;
        int b = e - 1;
        while (b > 0 && Character.isLetter(t.charAt(b - 1))) b--;
        if (b == e - 1 || !Character.isUpperCase(t.charAt(b))) return false;
        if (b == 0) return false; // the sentence's first word is capitalised anyway
        String word = t.substring(b, e - 1).toLowerCase(java.util.Locale.ROOT);
        for (Mention m : mentions) if (m.start() <= b && m.end() >= e - 1) return false; // "Alibaba Cloud Kuala Lumpur"
        return !BEFORE_A_CITY.contains(word);
    }

    /** Whether the words from a cue's end to a company name make the cue a title: nothing, or one noun like "maker". */
    private boolean isTitle(String t, int cueEnd, int companyStart) {
        int gap = companyStart - cueEnd;
        if (gap < 0 || gap > 16) return false;
        String between = t.substring(cueEnd, companyStart).strip().toLowerCase(java.util.Locale.ROOT);
        if (between.isEmpty()) return true;
        if (between.endsWith("s")) between = between.substring(0, between.length() - 1);
        return gazetteer.referenceNouns().contains(between);
    }

    /** Where the clause that a position is in ends: the next comma, semicolon or full stop (Chinese or Latin). */
    private static int clauseEnd(String t, int from) {
        for (int i = from; i < t.length(); i++) if ("，；。！？,;".indexOf(t.charAt(i)) >= 0) return i;
        return t.length();
    }

    /** After a city's name: a street, so the city names the street ("Cairo Road" in Lusaka, "Nairobi Avenue"). */
    private static final Pattern STREET = Pattern.compile("\\s+(?:Road|Street|St\\.|Avenue|Ave\\.|Boulevard|Highway|Lane|Drive|Way|Square|Gate|Terrace|Crescent|路|大道|大街)\\b");

    /** After "X-based": the words that make X the seat of a unit of a company ("overseas arm", "subsidiary"). */
    private static final Pattern OUR_UNIT = Pattern.compile("(?:\\s+[\\p{L}-]+){0,2}?\\s+(?:arm|unit|subsidiary|office|division|branch|entity|affiliate)\\b",
            Pattern.CASE_INSENSITIVE);

    /** After a place's name: a hyphen and more name, so the place is only part of a longer one. */
    private static final Pattern PART_OF_A_NAME = Pattern.compile("[-\u2010\u2011][\\p{Lu}\\p{IsHan}]");
    private static final Pattern OR = Pattern.compile("\\bor\\b|或|还是|或者");
    /** What may stand between "help from" and a country in a list of countries: other names, commas, "and". */
    private static final Pattern LIST_OF_NAMES = Pattern.compile("[\\p{L}\\s,、，'’.-]{0,40}");

    /**
     * A country right after "with help from", "financed by" (or in a list right after it), or right before
     * "helped", "sanctioned": it acts on a project elsewhere, it is not where the project is. Only countries:
     * a city is where something is.
     */
    private boolean actsOnOthers(String sentence, int start, int end, List<Place> values) {
        boolean country = false;
        for (Place p : values) if (!p.isCity()) country = true;
        if (!country) return false;
        String before = sentence.substring(Math.max(0, start - 60), start);
        for (PhraseMatcher.Match<Boolean> m : gazetteer.notLocationBefore().find(before)) {
            String between = before.substring(m.end());
            if (LIST_OF_NAMES.matcher(between).matches() && between.split("\\s+").length <= 6) return true;
        }
        String after = sentence.substring(end, Math.min(sentence.length(), end + 30));
        for (PhraseMatcher.Match<Boolean> m : gazetteer.notLocationAfter().find(after)) {
            String between = after.substring(0, m.start()).strip();
            // "the US sanctioned", "Iran, which has helped": only a few words between the name and the verb.
            if (between.isEmpty() || between.matches("(?i)(and [\\p{L} ]{1,20}|,? which|,? who|have|has|had|also|,)")) return true;
        }
        return false;
    }

    /** A company named right after "over", "instead of", "取代" is a rival or bystander. */
    private boolean isRival(String sentence, int companyStart) {
        int from = Math.max(0, companyStart - 24);
        String before = sentence.substring(from, companyStart);
        for (PhraseMatcher.Match<Boolean> m : gazetteer.notActorCues().find(before)) {
            String between = before.substring(m.end()).strip();
            // Only the last words before the name count: "over Huawei", "instead of ZTE's", "取代华为".
            if (between.isEmpty() || between.equalsIgnoreCase("the") || between.equalsIgnoreCase("a")) return true;
        }
        return false;
    }

    /** Latin-script place names must be capitalised where they appear; Chinese ones have no case. */
    private static boolean looksLikeProperNoun(String text, int start) {
        char first = text.charAt(start);
        return !Character.isLetter(first) || !Character.isLowerCase(first);
    }

    /** Where the sentence's category cues are, left to right (two arrays, no object per cue). */
    private static final class CueMarks {
        private int[] offsets = new int[8];
        private Category[] owners = new Category[8];
        private int size;

        void add(int offset, Category owner) {
            if (size == offsets.length) {
                offsets = Arrays.copyOf(offsets, size * 2);
                owners = Arrays.copyOf(owners, size * 2);
            }
            offsets[size] = offset;
            owners[size] = owner;
            size++;
        }

        Cursor cursor() {
            return new Cursor();
        }

        /** The category of the first cue in [from, to), or null. */
        Category firstIn(int from, int to) {
            for (int i = 0; i < size; i++) if (offsets[i] >= from && offsets[i] < to) return owners[i];
            return null;
        }

        /** Back into left-to-right order after cues from a second scan were appended (insertion sort: a handful of cues). */
        void sort() {
            for (int i = 1; i < size; i++) {
                int o = offsets[i];
                Category c = owners[i];
                int j = i - 1;
                for (; j >= 0 && offsets[j] > o; j--) {
                    offsets[j + 1] = offsets[j];
                    owners[j + 1] = owners[j];
                }
                offsets[j + 1] = o;
                owners[j + 1] = c;
            }
        }

        /** Asked about positions left to right: the category of the cue at or nearest before, else nearest after. */
        final class Cursor {
            private int next; // the first cue after the last position asked about

            Category ownerOf(int position) {
                while (next < size && offsets[next] <= position) next++;
                if (next > 0) return owners[next - 1];
                return next < size ? owners[next] : null;
            }
        }
    }
}
