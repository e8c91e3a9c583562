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
import org.tracemap.gazetteer.Wording;
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
    private final CueOwnership ownership;
    private final PlaceWording placeWording;

    SentenceReader(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
        this.dataCentre = gazetteer.category(DATA_CENTRE).orElse(null);
        this.ownership = new CueOwnership(gazetteer);
        this.placeWording = new PlaceWording(gazetteer);
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
        List<CompanyMention> mentions = new ArrayList<>();
        List<Integer> companyStarts = new ArrayList<>();
        boolean[] cloudCompany = {false};
        gazetteer.companyNames().scanNormalised(n, (start, end, phrase, values) -> {
            companySpans.add(start, end);
            if (isCloudName(phrase)) cloudCompany[0] = true;
            if (companyStarts.size() < MAX_MENTIONS) companyStarts.add(start);
            if (isRival(t, start)) return;
            actors.addAll(values);
            if (mentions.size() < MAX_MENTIONS) mentions.add(new CompanyMention(start, end, values));
        });
        if (mentions.isEmpty()) {
            // "the Hangzhou camera-maker opened an office": what the text calls one of our companies without naming it
            gazetteer.companyDescriptors().scanNormalised(n, (start, end, phrase, values) -> {
                if (isRival(t, start) || mentions.size() >= MAX_MENTIONS) return;
                companySpans.add(start, end);
                actors.addAll(values);
                mentions.add(new CompanyMention(start, end, values));
            });
        }
        // Companies we do not track still hold what the sentence says of them ("Nokia built the 5G network").
        Spans otherSpans = new Spans();
        Spans.Cursor inOurs = companySpans.cursor();
        int ours = mentions.size();
        gazetteer.wording(Wording.OTHER_COMPANIES).scanNormalised(n, (start, end, phrase, values) -> {
            if (inOurs.overlaps(start, end) || !looksLikeProperNoun(t, start)) return;
            otherSpans.add(start, end);
            if (!isRival(t, start) && mentions.size() < MAX_MENTIONS) mentions.add(new CompanyMention(start, end, List.of()));
        });
        if (mentions.size() > ours && ours > 0) mentions.sort(java.util.Comparator.comparingInt(CompanyMention::start));
        if (mentions.size() > 1 && mentions.size() < MAX_MENTIONS && ownership.dropParents(t, mentions)) {
            actors.clear();
            for (CompanyMention m : mentions) actors.addAll(m.values());
        }
        List<Category> categories = new ArrayList<>();
        CueMarks cues = new CueMarks();
        List<CueMention> cueMentions = new ArrayList<>();
        Spans.Cursor cueInCompanyName = companySpans.cursor();
        Spans.Cursor cueInOtherName = otherSpans.cursor();
        int[] nextCompany = {0};
        List<int[]> scopeLists = gazetteer.wording(Wording.SCOPE_ONLY).foundInNormalised(n) ? scopeLists(t, n) : List.of();
        gazetteer.categoryCues().scanNormalised(n, (start, end, phrase, values) -> {
            if (!scopeLists.isEmpty() && Clauses.asideOf(scopeLists, start) != null) return; // "areas such as 5G": a topic, not a project
            if (cueInCompanyName.overlaps(start, end)) return; // "China Mobile network" is not a mobile-network cue
            if (cueInOtherName.overlaps(start, end)) return;   // nor is "Amazon Web Services" a web-services one
            while (nextCompany[0] < companyStarts.size() && companyStarts.get(nextCompany[0]) < end) nextCompany[0]++;
            // "its subsidiary Hikvision", "telecoms equipment maker Huawei", "子公司中国联通": a cue written as a title
            // before a name describes the company, it is not a project
            if (nextCompany[0] < companyStarts.size() && isTitle(t, end, companyStarts.get(nextCompany[0]))) return;
            for (Category c : values) if (!categories.contains(c)) categories.add(c);
            cues.add(start, values.get(0)); // a cue standing for several categories belongs places to its first
            if (cueMentions.size() < MAX_MENTIONS) cueMentions.add(new CueMention(start, end, values));
        });
        if ((cloudCompany[0] || cloudPage && actors.isEmpty()) && dataCentre != null) {
            // "Huawei Cloud opened its Santiago region": a cloud company's region is a data centre
            Spans.Cursor inName = companySpans.cursor();
            gazetteer.wording(Wording.CLOUD_REGION).scanNormalised(n, (start, end, phrase, values) -> {
                if (inName.overlaps(start, end)) return;
                if (!categories.contains(dataCentre)) categories.add(dataCentre);
                cues.add(start, dataCentre);
                if (cueMentions.size() < MAX_MENTIONS) cueMentions.add(new CueMention(start, end, List.of(dataCentre)));
            });
            cues.sort();
            cueMentions.sort(java.util.Comparator.comparingInt(CueMention::start));
        }
        Map<String, Findings.NamedPlace> places = new LinkedHashMap<>();
        Spans.Cursor placeInCompanyName = companySpans.cursor();
        CueMarks.Cursor nearestCue = cues.cursor();
        gazetteer.placeNames().scanNormalised(n, (start, end, phrase, values) -> {
            if (placeInCompanyName.overlaps(start, end)) return; // "China Telecom" is not China
            if (values.contains(Place.NONE)) return;             // "Indian Ocean" is not India (places/not-places.txt)
            if (!looksLikeProperNoun(t, start)) return;          // "reading", "mobile", "nice"
            if (placeWording.notTheLocation(t, start, end, values, mentions)) return; // a helper, a home, part of a longer name
            Findings.NamedPlace named = places.computeIfAbsent(phrase, p -> new Findings.NamedPlace(p, values, start, new LinkedHashSet<>()));
            // Chinese puts the place before its project ("在日本东京设有办公室"): the cue after it in its clause owns it
            Category after = Character.UnicodeScript.of(t.codePointAt(start)) == Character.UnicodeScript.HAN ? cues.firstIn(end, Clauses.clauseEnd(t, end)) : null;
            Category owner = after != null ? after : nearestCue.ownerOf(start);
            if (owner != null) named.owners().add(owner);
        });
        Matcher y = YEAR.matcher(t);
        Integer year = y.find() ? Integer.valueOf(y.group(1)) : null;
        // Asides are found once, and only where they can matter: hedges or market wording to place, or several companies
        boolean hedged = gazetteer.wording(Wording.HEDGE).foundInNormalised(n);
        boolean market = gazetteer.wording(Wording.NOT_PROJECT).foundInNormalised(n);
        List<int[]> asides = hedged || market || mentions.size() > 1 ? Clauses.asides(t) : List.of();
        boolean hedge = hedged && outsideAsides(gazetteer.wording(Wording.HEDGE), n, asides, mentions);
        boolean guess = hedge && actors.size() >= 2 && OR.matcher(t).find();
        // Only a sentence that names no company needs to point back to one (to anchor a candidate, or to pass its subject
        // on): the noun-phrase search runs only there, and only when the sentence cues a category or names a place.
        int nounPhrase = actors.isEmpty() && (!categories.isEmpty() || !places.isEmpty()) ? gazetteer.referenceNounPhrase(t) : 0;
        boolean reference = gazetteer.wording(Wording.REFERENCE).foundInNormalised(n) || nounPhrase > 0;
        Findings.Cues context = new Findings.Cues(reference, gazetteer.wording(Wording.BUILD).foundInNormalised(n),
                !scopeLists.isEmpty() && categories.isEmpty(), hedge, guess, gazetteer.wording(Wording.DOMESTIC).foundInNormalised(n),
                gazetteer.wording(Wording.REFERENCE_MANY).foundInNormalised(n) || nounPhrase == 2);
        return new Findings(s, actors, categories, cues.size == 0 ? -1 : cues.offsets[0], new ArrayList<>(places.values()), List.of(), Map.of(), year,
                gazetteer.wording(Wording.PROJECT).foundInNormalised(n), market && outsideAsides(gazetteer.wording(Wording.NOT_PROJECT), n, asides, mentions), false, context,
                ownership.actors(t, mentions, cueMentions, asides));
    }

    private static final int MAX_MENTIONS = CueOwnership.MAX_MENTIONS;

    /**
     * Where a sentence lists areas of cooperation: after an English marker ("areas such as …") to the next stop, or
     * before a Chinese one ("在5G、云计算等领域") back to the previous stop.
     */
    private List<int[]> scopeLists(String t, String n) {
        List<int[]> out = new ArrayList<>();
        gazetteer.wording(Wording.SCOPE_ONLY).scanNormalised(n, (start, end, phrase, values) -> {
            if (Character.UnicodeScript.of(phrase.codePointAt(0)) == Character.UnicodeScript.HAN) {
                int from = start;
                while (from > 0 && start - from < 40 && "，。；：,;:在".indexOf(t.charAt(from - 1)) < 0) from--;
                out.add(new int[] {from, end});
            } else {
                int to = end;
                while (to < t.length() && to - end < 80 && ".;:".indexOf(t.charAt(to)) < 0) to++;
                out.add(new int[] {start, to});
            }
        });
        return out;
    }

    /** A company name naming its cloud unit ("Huawei Cloud", "阿里云"): its regions are data centres. */
    static boolean isCloudName(String phrase) {
        return phrase.toLowerCase(java.util.Locale.ROOT).contains("cloud") || phrase.contains("云");
    }

    /**
     * Whether the sentence has the wording outside its asides about another company: "It supplied radio equipment to
     * Claro — a contract the Swedish vendor Ericsson had been expected to win" is not hedged, nor is it market news;
     * "…a consortium with links to China Mobile — though none could say whether it was involved" is hedged.
     */
    private static boolean outsideAsides(PhraseMatcher<Boolean> wording, String n, List<int[]> asides, List<CompanyMention> companies) {
        if (asides.isEmpty()) return true;
        boolean[] outside = {false};
        wording.scanNormalised(n, (start, end, phrase, values) -> {
            int[] aside = Clauses.asideOf(asides, start);
            if (aside == null || companies.stream().noneMatch(c -> c.start() >= aside[0] && c.start() < aside[1])) outside[0] = true;
        });
        return outside[0];
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


    private static final Pattern OR = Pattern.compile("\\bor\\b|或|还是|或者");

    /** A company named right after "over", "instead of", "取代" is a rival or bystander. */
    private boolean isRival(String sentence, int companyStart) {
        int from = Math.max(0, companyStart - 24);
        String before = sentence.substring(from, companyStart);
        for (PhraseMatcher.Match<Boolean> m : gazetteer.wording(Wording.NOT_ACTOR).find(before)) {
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
