package org.tracemap.gazetteer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the gazetteer from a folder laid out like {@code config/gazetteer/}: {@code companies.yaml},
 * {@code categories.yaml}, {@code context.yaml}, and {@code places/} (countries.tsv, cities.tsv,
 * ambiguous-names.txt). A folder that does not exist falls back to the copy bundled in the jar, so
 * operators edit files on disk and restart, with no rebuild. Errors name the file and the line.
 */
public final class GazetteerLoader {
    private static final Pattern ISO2 = Pattern.compile("[A-Z]{2}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompanyEntry(String id, String name, List<String> names, List<String> zh, List<CompanyEntry> subsidiaries, List<String> descriptors) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CategoryEntry(String id, String label, Map<String, List<String>> cues, Boolean weak, List<String> partOf) {}

    private GazetteerLoader() {}

    /** From {@code dir} when it exists, else from the bundled {@code gazetteer/} resources. */
    public static Gazetteer load(Path dir) {
        Source source = dir != null && Files.isDirectory(dir) ? new FileSource(dir) : new ClasspathSource();
        return load(source);
    }

    /** The gazetteer bundled in the jar. */
    public static Gazetteer bundled() {
        return load(new ClasspathSource());
    }

    private static Gazetteer load(Source source) {
        Map<String, Company> companies = new LinkedHashMap<>();
        Map<Company, List<String>> descriptors = new LinkedHashMap<>();
        for (CompanyEntry e : source.yaml("companies.yaml", new TypeReference<List<CompanyEntry>>() {})) {
            require(e.id() != null && !e.id().isBlank(), source, "companies.yaml", "a company without an id");
            List<String> names = new ArrayList<>();
            collectNames(e, names);
            names.add(e.name() == null ? e.id() : e.name());
            if (companies.put(e.id(), new Company(e.id(), e.name() == null ? e.id() : e.name(),
                    e.zh() == null || e.zh().isEmpty() ? "" : e.zh().get(0).strip(), List.copyOf(names))) != null) {
                throw new GazetteerException(source.describe("companies.yaml") + ": company id '" + e.id() + "' appears twice");
            }
            if (e.descriptors() != null) descriptors.put(companies.get(e.id()), List.copyOf(e.descriptors()));
        }
        Map<String, Category> categories = new LinkedHashMap<>();
        for (CategoryEntry e : source.yaml("categories.yaml", new TypeReference<List<CategoryEntry>>() {})) {
            require(e.id() != null && !e.id().isBlank(), source, "categories.yaml", "a category without an id");
            List<String> cues = new ArrayList<>();
            if (e.cues() != null) e.cues().values().forEach(list -> { if (list != null) cues.addAll(list); });
            require(!cues.isEmpty(), source, "categories.yaml", "category '" + e.id() + "' has no cues");
            categories.put(e.id(), new Category(e.id(), e.label() == null ? e.id() : e.label(), List.copyOf(cues), Boolean.TRUE.equals(e.weak()),
                    e.partOf() == null ? List.of() : List.copyOf(e.partOf())));
        }
        Map<Wording, List<String>> context = new java.util.EnumMap<>(Wording.class);
        Map<String, Map<String, List<String>>> lists = source.yaml("context.yaml", new TypeReference<Map<String, Map<String, List<String>>>>() {});
        if (lists != null) {
            for (Map.Entry<String, Map<String, List<String>>> e : lists.entrySet()) {
                Wording w = Wording.byKey(e.getKey()).orElseThrow(() -> new GazetteerException(source.describe("context.yaml") + ": unknown list '"
                        + e.getKey() + "' (known: " + java.util.Arrays.stream(Wording.values()).map(Wording::key).toList() + ")"));
                context.put(w, flatten(e.getValue()));
            }
        }
        for (Category c : categories.values()) {
            for (String whole : c.partOf()) {
                require(categories.containsKey(whole), source, "categories.yaml", "category '" + c.id() + "' is partOf unknown category '" + whole + "'");
            }
        }

        Map<String, Gazetteer.Country> countries = new LinkedHashMap<>();
        source.tsv("places/countries.tsv", (line, f) -> {
            String iso2 = f.get("iso2").toUpperCase(Locale.ROOT);
            if (!ISO2.matcher(iso2).matches()) throw new GazetteerException(source.describe("places/countries.tsv") + " line " + line + ": '" + iso2 + "' is not an ISO 3166 alpha-2 code");
            countries.put(iso2, new Gazetteer.Country(iso2, f.get("name"), f.get("nameZh"), split(f.get("variants")),
                    number(source, "places/countries.tsv", line, f.get("lat")), number(source, "places/countries.tsv", line, f.get("lon"))));
        });
        // Optional: adjectives of nationality, read as extra names of the country.
        Map<String, List<String>> demonyms = new HashMap<>();
        if (source.exists("places/demonyms.tsv")) {
            source.tsv("places/demonyms.tsv", (line, f) -> demonyms.put(f.get("iso2").toUpperCase(Locale.ROOT), split(f.get("demonyms"))));
        }
        for (Map.Entry<String, List<String>> d : demonyms.entrySet()) {
            Gazetteer.Country c = countries.get(d.getKey());
            if (c == null) throw new GazetteerException(source.describe("places/demonyms.tsv") + ": unknown country " + d.getKey());
            List<String> variants = new ArrayList<>(c.variants());
            variants.addAll(d.getValue());
            countries.put(c.iso2(), new Gazetteer.Country(c.iso2(), c.name(), c.nameZh(), List.copyOf(variants), c.lat(), c.lon()));
        }
        List<Place> cities = new ArrayList<>();
        Map<Place, List<String>> cityNames = new HashMap<>();
        source.tsv("places/cities.tsv", (line, f) -> {
            String file = "places/cities.tsv";
            Place p = new Place(f.get("iso2").toUpperCase(Locale.ROOT), f.get("name"), number(source, file, line, f.get("lat")),
                    number(source, file, line, f.get("lon")), (long) number(source, file, line, f.get("population")));
            List<String> names = new ArrayList<>(List.of(f.get("name"), f.get("asciiName"), f.get("nameZh")));
            names.addAll(split(f.get("altNames")));
            names.removeIf(String::isBlank);
            cities.add(p);
            cityNames.put(p, names);
        });
        Set<String> ambiguous = new HashSet<>();
        for (String l : source.lines("places/ambiguous-names.txt")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) ambiguous.add(t.toLowerCase(Locale.ROOT));
        }
        List<String> notPlaces = new ArrayList<>();
        if (source.exists("places/not-places.txt")) {
            for (String l : source.lines("places/not-places.txt")) {
                if (!l.isBlank() && !l.strip().startsWith("#")) notPlaces.add(l.strip());
            }
        }
        return new Gazetteer(companies, descriptors, categories, countries, cities, cityNames, ambiguous, notPlaces, context);
    }

    private static void collectNames(CompanyEntry e, List<String> into) {
        if (e.names() != null) into.addAll(e.names());
        if (e.zh() != null) into.addAll(e.zh());
        if (e.subsidiaries() != null) for (CompanyEntry s : e.subsidiaries()) {
            if (s.name() != null) into.add(s.name());
            collectNames(s, into);
        }
    }

    private static List<String> flatten(Map<String, List<String>> byLanguage) {
        List<String> out = new ArrayList<>();
        if (byLanguage != null) byLanguage.values().forEach(l -> { if (l != null) out.addAll(l); });
        return out;
    }

    private static List<String> split(String pipeSeparated) {
        if (pipeSeparated == null || pipeSeparated.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String s : pipeSeparated.split("\\|")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    private static double number(Source source, String file, int line, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException | NullPointerException e) {
            throw new GazetteerException(source.describe(file) + " line " + line + ": '" + value + "' is not a number");
        }
    }

    private static void require(boolean ok, Source source, String file, String problem) {
        if (!ok) throw new GazetteerException(source.describe(file) + ": " + problem);
    }

    /** Where the files come from: a folder on disk or the jar. */
    private abstract static class Source {
        abstract InputStream open(String name) throws IOException;

        abstract String describe(String name);

        boolean exists(String name) {
            try (InputStream in = open(name)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        <T> T yaml(String name, TypeReference<T> type) {
            try (InputStream in = open(name)) {
                T value = YAML.readValue(in, type);
                if (value == null) throw new GazetteerException(describe(name) + " is empty");
                return value;
            } catch (IOException e) {
                throw new GazetteerException(describe(name) + ": " + e.getMessage(), e);
            }
        }

        List<String> lines(String name) {
            try (InputStream in = open(name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new GazetteerException(describe(name) + ": " + e.getMessage(), e);
            }
        }

        /** Calls {@code row} with the line number and the fields by header name, for every data line. */
        void tsv(String name, RowHandler row) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
                String header = r.readLine();
                int n = 1;
                while (header != null && header.startsWith("#")) { // comments above the header explain the file
                    header = r.readLine();
                    n++;
                }
                if (header == null) throw new GazetteerException(describe(name) + " is empty");
                String[] columns = header.replace("\uFEFF", "").split("\t", -1);
                String l;
                while ((l = r.readLine()) != null) {
                    n++;
                    if (l.isBlank() || l.startsWith("#")) continue;
                    String[] values = l.split("\t", -1);
                    Map<String, String> fields = new HashMap<>();
                    for (int i = 0; i < columns.length; i++) fields.put(columns[i], i < values.length ? values[i].strip() : "");
                    row.accept(n, fields);
                }
            } catch (IOException e) {
                throw new GazetteerException(describe(name) + ": " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(int line, Map<String, String> fields);
    }

    private static final class FileSource extends Source {
        private final Path dir;

        FileSource(Path dir) {
            this.dir = dir;
        }

        @Override
        InputStream open(String name) throws IOException {
            return Files.newInputStream(dir.resolve(name));
        }

        @Override
        String describe(String name) {
            return dir.resolve(name).toString();
        }
    }

    private static final class ClasspathSource extends Source {
        @Override
        InputStream open(String name) throws IOException {
            InputStream in = GazetteerLoader.class.getResourceAsStream("/gazetteer/" + name);
            if (in == null) throw new IOException("not bundled in the jar");
            return in;
        }

        @Override
        String describe(String name) {
            return "classpath:gazetteer/" + name;
        }
    }
}
