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

    private final Gazetteer gazetteer;

    SentenceReader(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    Findings read(SentenceSplitter.Sentence s) {
        String t = s.text();
        String n = PhraseMatcher.normalise(t); // once for the ten matchers below
        Set<Company> actors = new LinkedHashSet<>();
        Spans companySpans = new Spans();
        gazetteer.companyNames().scanNormalised(n, (start, end, phrase, values) -> {
            companySpans.add(start, end);
            if (!isRival(t, start)) actors.addAll(values);
        });
        List<Category> categories = new ArrayList<>();
        CueMarks cues = new CueMarks();
        Spans.Cursor cueInCompanyName = companySpans.cursor();
        gazetteer.categoryCues().scanNormalised(n, (start, end, phrase, values) -> {
            if (cueInCompanyName.overlaps(start, end)) return; // "China Mobile network" is not a mobile-network cue
            for (Category c : values) if (!categories.contains(c)) categories.add(c);
            cues.add(start, values.get(0)); // a cue standing for several categories belongs places to its first
        });
        Map<String, Findings.NamedPlace> places = new LinkedHashMap<>();
        Spans.Cursor placeInCompanyName = companySpans.cursor();
        CueMarks.Cursor nearestCue = cues.cursor();
        gazetteer.placeNames().scanNormalised(n, (start, end, phrase, values) -> {
            if (placeInCompanyName.overlaps(start, end)) return; // "China Telecom" is not China
            if (values.contains(Place.NONE)) return;             // "Indian Ocean" is not India (places/not-places.txt)
            if (!looksLikeProperNoun(t, start)) return;          // "reading", "mobile", "nice"
            if (actsOnOthers(t, start, end, values)) return;     // "with help from Russia", "the US sanctioned"
            Findings.NamedPlace named = places.computeIfAbsent(phrase, p -> new Findings.NamedPlace(p, values, start, new LinkedHashSet<>()));
            Category owner = nearestCue.ownerOf(start);
            if (owner != null) named.owners().add(owner);
        });
        Matcher y = YEAR.matcher(t);
        Integer year = y.find() ? Integer.valueOf(y.group(1)) : null;
        boolean hedge = gazetteer.hedgeCues().foundInNormalised(n);
        boolean guess = hedge && actors.size() >= 2 && OR.matcher(t).find();
        Findings.Cues context = new Findings.Cues(gazetteer.referenceCues().foundInNormalised(n), gazetteer.buildCues().foundInNormalised(n),
                gazetteer.scopeCues().foundInNormalised(n), hedge, guess);
        return new Findings(s, actors, categories, cues.size == 0 ? -1 : cues.offsets[0], new ArrayList<>(places.values()), List.of(), Map.of(), year,
                gazetteer.projectCues().foundInNormalised(n), gazetteer.notProjectCues().foundInNormalised(n), false, context);
    }

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
