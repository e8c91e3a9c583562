package org.tracemap.gazetteer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds countries and cities of the gazetteer by what a person types: an English or Chinese name, a variant
 * ("UAE", "阿联酋"), another name of a city ("Wien"), or an ISO code. A name that equals the text ranks before one
 * that starts with it, which ranks before one that contains it; at equal match, countries come before cities and
 * larger cities before smaller ones, so "Ser" offers Serbia before a city called Serdang.
 *
 * <p>Every name is normalised once, when the finder is built (lower case, accents removed: "sao paulo" finds
 * São Paulo), so a search is one pass of {@code startsWith}/{@code contains} over some 15,000 short strings.
 */
public final class PlaceFinder {
    /**
     * One place to offer; {@code city} and {@code cityZh} are null for a country.
     *
     * @param kind  "country" or "city"
     * @param label what the picker shows and keeps: "Serbia", "Belgrade, Serbia"
     */
    public record Suggestion(String kind, String country, String countryName, String countryNameZh, String city, String cityZh,
                             double lat, double lon, String label) {}

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int EXACT = 0;
    private static final int PREFIX = 1;
    private static final int SUBSTRING = 2;

    /** A suggestion with its normalised names; {@code code} (lower-case ISO code) matches only exactly. */
    private record Entry(Suggestion suggestion, List<String> names, String code, int kindOrder, long population) {}

    private record Hit(Entry entry, int match) {}

    private static final Comparator<Hit> RANKING = Comparator.<Hit>comparingInt(Hit::match)
            .thenComparingInt(h -> h.entry().kindOrder())
            .thenComparing(h -> h.entry().population(), Comparator.reverseOrder())
            .thenComparing(h -> h.entry().suggestion().label());

    private final List<Entry> entries;

    public PlaceFinder(Gazetteer gazetteer) {
        List<Entry> all = new ArrayList<>();
        Map<String, Gazetteer.Country> byCode = new HashMap<>();
        for (Gazetteer.Country c : gazetteer.countries()) {
            byCode.put(c.iso2(), c);
            List<String> names = new ArrayList<>(List.of(c.name(), c.nameZh()));
            names.addAll(c.variants());
            all.add(new Entry(new Suggestion("country", c.iso2(), c.name(), blankToNull(c.nameZh()), null, null, c.lat(), c.lon(), c.name()),
                    normalised(names), normalise(c.iso2()), 0, 0));
        }
        for (Place city : gazetteer.cities()) {
            Gazetteer.Country c = byCode.get(city.country());
            if (c == null) continue; // cities.tsv names a country countries.tsv lacks: nothing to label it with
            List<String> names = gazetteer.cityNames(city);
            String zh = names.stream().filter(PlaceFinder::hasHan).findFirst().orElse(null);
            all.add(new Entry(new Suggestion("city", c.iso2(), c.name(), blankToNull(c.nameZh()), city.city(), zh, city.lat(), city.lon(),
                    city.city() + ", " + c.name()), normalised(names), null, 1, city.population()));
        }
        this.entries = List.copyOf(all);
    }

    /** The best {@code limit} places for the text, best first; none for blank text. */
    public List<Suggestion> find(String text, int limit) {
        String q = normalise(text == null ? "" : text);
        if (q.isEmpty() || limit <= 0) return List.of();
        List<Hit> hits = new ArrayList<>();
        for (Entry e : entries) {
            int match = match(e, q);
            if (match >= 0) hits.add(new Hit(e, match));
        }
        hits.sort(RANKING);
        return hits.stream().limit(limit).map(h -> h.entry().suggestion()).toList();
    }

    /** The best match of any of the entry's names, or -1. */
    private static int match(Entry e, String q) {
        if (q.equals(e.code())) return EXACT;
        int best = -1;
        for (String name : e.names()) {
            int m = name.equals(q) ? EXACT : name.startsWith(q) ? PREFIX : name.contains(q) ? SUBSTRING : -1;
            if (m >= 0 && (best < 0 || m < best)) best = m;
            if (best == EXACT) break;
        }
        return best;
    }

    private static List<String> normalised(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = normalise(n == null ? "" : n);
            if (!s.isEmpty() && !out.contains(s)) out.add(s);
        }
        return List.copyOf(out);
    }

    /** Lower case, accents removed, spaces collapsed: what both the names and the typed text are compared as. */
    static String normalise(String s) {
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFKD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static boolean hasHan(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
