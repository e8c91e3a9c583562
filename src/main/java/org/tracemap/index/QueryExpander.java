package org.tracemap.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tracemap.gazetteer.Company;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.PhraseMatcher;
import org.tracemap.gazetteer.Place;
import org.tracemap.gazetteer.Spans;

/**
 * Finds the companies, countries and cities of the gazetteer named in a query's text, each with every name
 * it goes by in English and Chinese: what lets 华为 find a page that says "Huawei". Uses the gazetteer's own
 * matchers, with the rules its search facets use (a country inside a company's name is not the country;
 * not-places are not places; everyday words that are city names are not cities).
 *
 * <p>A company stands for all its names, its subsidiaries' included (companies.yaml counts their projects as
 * the parent's); a country for its name, Chinese name and variants (regions the gazetteer counts as the
 * country, "England" or "New Jersey", included); a city for the names of cities.tsv. Only a company or
 * country carries a facet (the index tags pages with companies and countries, not cities).
 */
public final class QueryExpander {
    /** Expands nothing: search as typed. */
    public static final QueryExpander NONE = new QueryExpander(null);

    /** Names kept per entity (after dropping names that contain a shorter one, none of the bundled gazetteer's entities reaches it). */
    static final int MAX_NAMES = 24;

    /** What a name of the query stands for; {@code facetField} null for a city. */
    record Entity(String key, String facetField, String facetValue, List<String> english, List<String> chinese) {
        /** Leaf queries it adds to the body fields' query: a phrase per English name, two per Chinese one, the facet term. */
        int cost() {
            return english.size() + 2 * chinese.size() + (facetField == null ? 0 : 1);
        }
    }

    /** Characters {@code [start, end)} of the query name {@code entity}. */
    record Span(int start, int end, Entity entity) {}

    private final Gazetteer gazetteer;
    private final Map<String, Entity> entities = new ConcurrentHashMap<>();

    public QueryExpander(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The entities named in {@code text}, left to right, not overlapping. */
    List<Span> find(String text) {
        if (gazetteer == null || text == null || text.isBlank()) return List.of();
        String normalised = PhraseMatcher.normalise(text);
        List<Span> out = new ArrayList<>();
        Spans companySpans = new Spans();
        for (PhraseMatcher.Match<Company> m : gazetteer.companyNames().findNormalised(normalised)) {
            companySpans.add(m.start(), m.end());
            if (m.values().size() != 1) continue; // a name two companies share says neither
            Company c = m.values().get(0);
            out.add(new Span(m.start(), m.end(), entity("company:" + c.id(), m.phrase(), () -> names(c.names(), "company", c.id()))));
        }
        Spans.Cursor inCompanyName = companySpans.cursor();
        for (PhraseMatcher.Match<Place> m : gazetteer.placeNames().findNormalised(normalised)) {
            if (inCompanyName.overlaps(m.start(), m.end()) || m.values().contains(Place.NONE)) continue;
            place(text, m).ifPresent(e -> out.add(new Span(m.start(), m.end(), e)));
        }
        out.sort(java.util.Comparator.comparingInt(Span::start));
        return out;
    }

    private Optional<Entity> place(String text, PhraseMatcher.Match<Place> m) {
        boolean everydayWord = gazetteer.isAmbiguousName(m.phrase());
        for (Place p : m.values()) {
            if (p.isCity()) continue;
            // "Chad", "Jordan", "Georgia": a country when capitalised, maybe a word when typed in lower case.
            if (everydayWord && Character.isLowerCase(text.charAt(m.start()))) return Optional.empty();
            Gazetteer.Country c = gazetteer.country(p.country()).orElseThrow();
            return Optional.of(entity("country:" + c.iso2(), m.phrase(), () -> {
                List<String> all = new ArrayList<>(List.of(c.name(), c.nameZh()));
                all.addAll(c.variants());
                return names(all, "country", c.iso2());
            }));
        }
        // Cities only: no context in a query to tell "Mobile" the city from the word, so everyday words stay words.
        // Two letters are an abbreviation more often than a city; two Chinese characters are most Chinese city names (仰光).
        if (everydayWord || m.phrase().length() < (hasHan(m.phrase()) ? 2 : 3)) return Optional.empty();
        return Optional.of(entity("city:" + m.phrase().toLowerCase(java.util.Locale.ROOT), m.phrase(), () -> {
            List<String> all = new ArrayList<>();
            for (Place city : m.values()) all.addAll(gazetteer.cityNames(city));
            return names(all, null, null);
        }));
    }

    /** The entity, its names capped at {@link #MAX_NAMES} but never dropping the one typed. */
    private Entity entity(String key, String typed, java.util.function.Supplier<Entity> build) {
        Entity e = entities.computeIfAbsent(key, k -> build.get());
        List<String> en = new ArrayList<>(e.english());
        List<String> zh = new ArrayList<>(e.chinese());
        List<String> side = hasHan(typed) ? zh : en;
        if (side.stream().noneMatch(n -> covers(n, typed))) side.add(0, typed);
        while (en.size() + zh.size() > MAX_NAMES) {
            List<String> longer = en.size() >= zh.size() ? en : zh;
            longer.remove(longer.size() - 1);
        }
        return new Entity(key, e.facetField(), e.facetValue(), List.copyOf(en), List.copyOf(zh));
    }

    /**
     * English and Chinese names, without repeats and without names that contain a shorter one ("Huawei
     * Technologies" holds "Huawei", 华为云 holds 华为): every page the longer finds, the shorter finds too.
     */
    private static Entity names(List<String> all, String facetField, String facetValue) {
        List<String> english = new ArrayList<>();
        List<String> chinese = new ArrayList<>();
        List<String> sorted = new ArrayList<>();
        for (String n : all) if (n != null && !n.isBlank()) sorted.add(n.strip());
        sorted.sort(java.util.Comparator.comparingInt(String::length)); // stable: the gazetteer's order within a length
        for (String name : sorted) {
            List<String> side = hasHan(name) ? chinese : english;
            if (side.stream().noneMatch(kept -> covers(kept, name))) side.add(name);
        }
        return new Entity(facetField == null ? "" : facetField + ":" + facetValue, facetField, facetValue, List.copyOf(english), List.copyOf(chinese));
    }

    /**
     * Whether every text containing {@code longer} contains {@code shorter}: on word boundaries for Latin
     * names, and for Chinese names of two characters or more (so the bigram field agrees).
     */
    static boolean covers(String shorter, String longer) {
        String s = PhraseMatcher.normalise(shorter);
        String l = PhraseMatcher.normalise(longer);
        if (hasHan(s)) return s.length() >= 2 && l.contains(s);
        for (int at = l.indexOf(s); at >= 0; at = l.indexOf(s, at + 1)) {
            int end = at + s.length();
            boolean startsWord = at == 0 || !Character.isLetterOrDigit(l.charAt(at - 1));
            boolean endsWord = end == l.length() || !Character.isLetterOrDigit(l.charAt(end));
            if (startsWord && endsWord) return true;
        }
        return false;
    }

    static boolean hasHan(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x2E80 && Character.UnicodeScript.of(s.charAt(i)) == Character.UnicodeScript.HAN) return true;
        }
        return false;
    }
}
