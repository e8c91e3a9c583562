package org.tracemap.gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the miner knows: the companies, the categories with their cues, the world's countries and larger
 * cities, and the wording that marks a sentence as a project or as a mere mention. Read from
 * {@code config/gazetteer/} by {@link GazetteerLoader}; immutable once built.
 */
public final class Gazetteer {
    private final Map<String, Company> companies;
    private final Map<String, Category> categories;
    private final Map<String, Country> countries;
    private final PhraseMatcher<Company> companyNames = new PhraseMatcher<>();
    private final PhraseMatcher<Category> categoryCues = new PhraseMatcher<>();
    private final PhraseMatcher<Place> placeNames = new PhraseMatcher<>();
    private final PhraseMatcher<Company> companyDescriptors = new PhraseMatcher<>();

    private final java.util.EnumMap<Wording, PhraseMatcher<Boolean>> wordings = new java.util.EnumMap<>(Wording.class);
    private final Set<String> ambiguousNames;
    private final Set<String> parentOf;
    private final java.util.regex.Pattern referenceNounPhrase;
    private final Set<String> referenceNouns;
    private final Set<String> childOf;
    private final Map<Place, List<String>> cityNames;
    private final List<Place> cities;

    /** A country's names and the coordinate its country-precision points are mapped to. */
    public record Country(String iso2, String name, String nameZh, List<String> variants, double lat, double lon) {
        public Place place() {
            return new Place(iso2, "", lat, lon, 0);
        }
    }

    Gazetteer(Map<String, Company> companies, Map<Company, List<String>> descriptors, Map<String, Category> categories, Map<String, Country> countries,
              List<Place> cities, Map<Place, List<String>> cityNames, Set<String> ambiguousNames, List<String> notPlaces,
              Map<Wording, List<String>> context) {
        this.companies = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(companies)); // file order: forms list them so
        this.categories = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(categories)); // file order: forms list them so
        this.countries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(countries)); // file order: forms list them so
        this.ambiguousNames = Set.copyOf(ambiguousNames);
        List<String> nouns = context.getOrDefault(Wording.REFERENCE_NOUNS, List.of());
        this.parentOf = lowerCased(context.getOrDefault(Wording.PARENT_OF, List.of()));
        this.childOf = lowerCased(context.getOrDefault(Wording.CHILD_OF, List.of()));
        this.referenceNouns = lowerCased(nouns);
        this.referenceNounPhrase = nouns.isEmpty() ? null : java.util.regex.Pattern.compile(
                "\\bthe\\s+(?:[\\p{L}\\p{N}'\u2019-]+[\\s\u2010\u2011-]+){0,3}(?:" + String.join("|", nouns.stream()
                        .map(java.util.regex.Pattern::quote).toList()) + ")(s?)\\b", java.util.regex.Pattern.CASE_INSENSITIVE);
        this.cityNames = Map.copyOf(cityNames);
        this.cities = List.copyOf(cities);
        for (Company c : companies.values()) for (String n : c.names()) companyNames.add(n, c);
        descriptors.forEach((c, phrases) -> phrases.forEach(p -> companyDescriptors.add(p, c)));
        for (Category c : categories.values()) for (String cue : c.cues()) addWithPlural(categoryCues, cue, c);
        for (Country c : countries.values()) {
            placeNames.add(c.name(), c.place());
            if (!c.nameZh().isEmpty()) placeNames.add(c.nameZh(), c.place());
            for (String v : c.variants()) placeNames.add(v, c.place());
        }
        for (Place city : cities) for (String n : cityNames.getOrDefault(city, List.of())) placeNames.add(n, city);
        for (String phrase : notPlaces) placeNames.add(phrase, Place.NONE);
        for (Wording w : Wording.values()) {
            PhraseMatcher<Boolean> m = new PhraseMatcher<>();
            for (String p : context.getOrDefault(w, List.of())) {
                if (w == Wording.PROJECT) addWithPlural(m, p, Boolean.TRUE);
                else m.add(p, Boolean.TRUE);
            }
            wordings.put(w, m);
        }
    }

    /** English cues match their plural too ("data centres", "submarine cables"). */
    private static <T> void addWithPlural(PhraseMatcher<T> m, String phrase, T value) {
        m.add(phrase, value);
        if (phrase.chars().anyMatch(ch -> ch < 0x80 && Character.isLetter(ch)) && !PhraseMatcher.isHan(phrase.charAt(phrase.length() - 1))) {
            String last = phrase.substring(phrase.length() - 1);
            if (!last.equalsIgnoreCase("s")) m.add(phrase + "s", value);
            if (last.equalsIgnoreCase("s") || last.equalsIgnoreCase("h") || last.equalsIgnoreCase("x")) m.add(phrase + "es", value);
        }
    }

    public PhraseMatcher<Company> companyNames() {
        return companyNames;
    }

    public PhraseMatcher<Category> categoryCues() {
        return categoryCues;
    }

    /** Country names (every value a country place) and city names (every value a city of that name). */
    public PhraseMatcher<Place> placeNames() {
        return placeNames;
    }

    /** What stands between a parent's name and its subsidiary's ("CETC's subsidiary Hikvision"): see context.yaml. */
    public Set<String> parentOf() {
        return parentOf;
    }

    /** What stands between a subsidiary's name and its parent's ("Hikvision, a subsidiary of CETC"): see context.yaml. */
    public Set<String> childOf() {
        return childOf;
    }

    private static Set<String> lowerCased(List<String> phrases) {
        Set<String> out = new java.util.HashSet<>();
        for (String p : phrases) out.add(p.strip().toLowerCase(java.util.Locale.ROOT));
        return Set.copyOf(out);
    }

    /** Nouns that name a company without naming it: "group", "vendor", "maker" (context.yaml, referenceNouns). */
    public Set<String> referenceNouns() {
        return referenceNouns;
    }

    /** Whether the text has "the" and up to three words before a reference noun: "the state-owned defence-electronics group". */
    public boolean hasReferenceNounPhrase(String text) {
        return referenceNounPhrase(text) > 0;
    }

    /** 0: no such phrase; 1: "the Shenzhen firm"; 2: a plural one, pointing back to every company ("the two Chinese rivals"). */
    public int referenceNounPhrase(String text) {
        if (referenceNounPhrase == null) return 0;
        java.util.regex.Matcher m = referenceNounPhrase.matcher(text);
        if (!m.find()) return 0;
        return m.group(1).isEmpty() ? 1 : 2;
    }

    /**
     * What a text calls one company without naming it: "the Hangzhou camera maker" is Hikvision, "the genomics firm" BGI
     * (companies.yaml, descriptors). Not names: search does not expand them, and the miner reads them as a mention only
     * where the sentence names no company.
     */
    public PhraseMatcher<Company> companyDescriptors() {
        return companyDescriptors;
    }

    /** One word list of context.yaml (see {@link Wording}). */
    public PhraseMatcher<Boolean> wording(Wording list) {
        return wordings.get(list);
    }

    /** Place names that are also everyday words ("Mobile", "Reading"): matched only with their country nearby. */
    public boolean isAmbiguousName(String phrase) {
        return ambiguousNames.contains(phrase.toLowerCase(java.util.Locale.ROOT));
    }

    public Optional<Company> company(String id) {
        return Optional.ofNullable(companies.get(id));
    }

    public Optional<Category> category(String id) {
        return Optional.ofNullable(categories.get(id));
    }

    public Optional<Country> country(String iso2) {
        return iso2 == null ? Optional.empty() : Optional.ofNullable(countries.get(iso2.toUpperCase(java.util.Locale.ROOT)));
    }

    /** The city of that name in that country (the most populous if several), for coordinates. */
    public Optional<Place> city(String iso2, String name) {
        if (iso2 == null || name == null || name.isBlank()) return Optional.empty();
        String wanted = name.strip();
        Place best = null;
        for (var m : placeNames.find(wanted)) {
            if (m.start() != 0 || m.end() != wanted.length()) continue;
            for (Place p : m.values()) {
                if (p.isCity() && p.country().equalsIgnoreCase(iso2) && (best == null || p.population() > best.population())) best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The companies, categories and countries a text names. Cities count for their country unless the
     * name is an everyday word; company names are not read as places ("China Mobile").
     *
     * <p>One pass of each matcher and no object per occurrence: a page naming Nairobi 100,000 times costs
     * what its length costs, and gives one country. Stops when its thread is interrupted (a time limit).
     */
    public Mentions mentions(String text) {
        if (text == null || text.isEmpty()) return Mentions.NONE;
        String normalised = PhraseMatcher.normalise(text);
        java.util.Set<String> companies = new java.util.TreeSet<>();
        Spans companySpans = new Spans();
        companyNames.scanNormalised(normalised, (start, end, phrase, values) -> {
            for (Company c : values) companies.add(c.id());
            companySpans.add(start, end);
        });
        java.util.Set<String> cats = new java.util.TreeSet<>();
        categoryCues.scanNormalised(normalised, (start, end, phrase, values) -> {
            for (Category c : values) cats.add(c.id());
        });
        java.util.Set<String> places = new java.util.TreeSet<>();
        java.util.Map<String, String> countryOfPhrase = new java.util.HashMap<>(); // one decision per distinct name
        Spans.Cursor inCompanyName = companySpans.cursor();
        placeNames.scanNormalised(normalised, (start, end, phrase, values) -> {
            if (inCompanyName.overlaps(start, end)) return;
            char first = text.charAt(start);
            if (Character.isLetter(first) && Character.isLowerCase(first)) return;
            String country = countryOfPhrase.computeIfAbsent(phrase, p -> countryNamedBy(p, values));
            if (!country.isEmpty()) places.add(country);
        });
        return new Mentions(companies, cats, places);
    }

    /** The country a place name counts for in {@link #mentions}, or "" for none (a not-place, an everyday word). */
    private String countryNamedBy(String phrase, List<Place> values) {
        if (values.contains(Place.NONE)) return "";
        for (Place p : values) if (!p.isCity()) return p.country();
        if (isAmbiguousName(phrase) || phrase.length() <= 2) return "";
        Place largest = null;
        for (Place p : values) if (largest == null || p.population() > largest.population()) largest = p;
        return largest == null ? "" : largest.country();
    }

    public List<Company> companies() {
        return new ArrayList<>(companies.values());
    }

    public List<Category> categories() {
        return new ArrayList<>(categories.values());
    }

    /** Every name of a city (English, ASCII, Chinese and the other names of cities.tsv); empty for a country or an unknown place. */
    public List<String> cityNames(Place city) {
        return cityNames.getOrDefault(city, List.of());
    }

    /** Every country, in no particular order. */
    public List<Country> countries() {
        return new ArrayList<>(countries.values());
    }

    /** Every city of cities.tsv (those of 100,000 people or more), in the file's order. */
    public List<Place> cities() {
        return cities;
    }

    public int countryCount() {
        return countries.size();
    }
}
