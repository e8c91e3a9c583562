package org.tracemap.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tracemap.catalog.CandidateStore.Candidate;
import org.tracemap.catalog.DataPointStore.DataPoint;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Place;
import org.tracemap.intake.InvalidInputException;

/**
 * Turns a candidate and a reviewer's edits into a data point, checking every field: companies and
 * categories must be in the gazetteer, countries ISO 3166 alpha-2, coordinates on the globe, years
 * plausible. Coordinates follow the place unless the reviewer gives them: a known city maps to the city
 * (precision city), else the country's representative point (precision country); given lat/lon are exact.
 */
final class DataPointEdits {
    /** The data point, and what the edits changed: {@code field -> [before, after]}, for the audit log. */
    record Result(DataPoint point, Map<String, List<Object>> changes) {}

    private static final List<String> FIELDS = List.of("company", "category", "secondaryCategory", "label", "country", "city", "address",
            "lat", "lon", "precision", "year", "yearStarted", "yearEnded", "description", "topics");

    private final Gazetteer gazetteer;

    DataPointEdits(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    Result apply(Candidate c, Map<String, Object> edits, String actor) {
        for (String key : edits.keySet()) {
            if (!FIELDS.contains(key)) throw new InvalidInputException("edits." + key, "unknown field '" + key + "'; editable: " + String.join(", ", FIELDS));
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("company", c.company());
        before.put("category", c.category());
        before.put("country", c.country());
        before.put("city", c.city());
        before.put("yearStarted", c.year());
        before.put("lat", c.lat());
        before.put("lon", c.lon());
        before.put("precision", c.precision());

        String company = edits.containsKey("company") ? company(text(edits, "company", 100)) : c.company();
        String category = edits.containsKey("category") ? category("category", text(edits, "category", 100)) : c.category();
        String secondary = edits.containsKey("secondaryCategory") ? category("secondaryCategory", text(edits, "secondaryCategory", 100)) : null;
        String country = edits.containsKey("country") ? country(text(edits, "country", 2)) : c.country();
        String city = edits.containsKey("city") ? Objects.requireNonNullElse(text(edits, "city", 200), "") : Objects.requireNonNullElse(c.city(), "");
        if (company == null) throw new InvalidInputException("edits.company", "company is required to approve");
        if (category == null) throw new InvalidInputException("edits.category", "category is required to approve");
        if (country == null) throw new InvalidInputException("edits.country", "country is required to approve");
        Integer yearStarted = edits.containsKey("yearStarted") ? year(edits, "yearStarted") : edits.containsKey("year") ? year(edits, "year") : c.year();
        Integer yearEnded = edits.containsKey("yearEnded") ? year(edits, "yearEnded") : null;
        if (yearStarted != null && yearEnded != null && yearEnded < yearStarted) {
            throw new InvalidInputException("edits.yearEnded", "yearEnded " + yearEnded + " is before yearStarted " + yearStarted);
        }

        Double lat = edits.containsKey("lat") ? coordinate(edits, "lat", 90) : null;
        Double lon = edits.containsKey("lon") ? coordinate(edits, "lon", 180) : null;
        if ((lat == null) != (lon == null)) throw new InvalidInputException(lat == null ? "edits.lat" : "edits.lon", "give lat and lon together");
        String precision;
        boolean placeEdited = edits.containsKey("country") || edits.containsKey("city");
        if (lat != null) {
            precision = "exact";
        } else if (!placeEdited && c.lat() != null && c.lon() != null) {
            lat = c.lat();
            lon = c.lon();
            precision = c.precision() == null ? (city.isEmpty() ? "country" : "city") : c.precision();
        } else {
            Place p = city.isEmpty() ? null : gazetteer.city(country, city).orElse(null);
            if (p == null) p = gazetteer.country(country).orElseThrow().place();
            lat = p.lat();
            lon = p.lon();
            precision = p.isCity() ? "city" : "country";
        }
        if (edits.containsKey("precision")) {
            precision = text(edits, "precision", 10);
            if (!List.of("exact", "city", "country").contains(precision)) {
                throw new InvalidInputException("edits.precision", "precision must be exact, city or country");
            }
        }
        // A candidate added by hand carries the label its author gave; an edit replaces it.
        String label = edits.containsKey("label") ? text(edits, "label", 300) : c.label();
        DataPoint point = new DataPoint(0, 1, company, category, secondary, label, country, city,
                text(edits, "address", 500), lat, lon, precision, yearStarted, yearEnded, text(edits, "description", 5000),
                topics(edits), actor, null, null, List.of());

        Map<String, Object> after = new LinkedHashMap<>();
        after.put("company", company);
        after.put("category", category);
        after.put("country", country);
        after.put("city", city);
        after.put("yearStarted", yearStarted);
        after.put("lat", lat);
        after.put("lon", lon);
        after.put("precision", precision);
        Map<String, List<Object>> changes = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(before.get(k), v)) changes.put(k, java.util.Arrays.asList(before.get(k), v));
        });
        for (String k : List.of("secondaryCategory", "label", "address", "yearEnded", "description", "topics")) {
            if (edits.containsKey(k)) changes.put(k, java.util.Arrays.asList(null, edits.get(k)));
        }
        return new Result(point, changes);
    }

    private String company(String value) {
        if (value == null) return null;
        return gazetteer.company(value).map(co -> co.id()).or(() -> gazetteer.companies().stream()
                        .filter(co -> co.name().equalsIgnoreCase(value)).map(co -> co.id()).findFirst())
                .orElseThrow(() -> new InvalidInputException("edits.company", "unknown company '" + value + "' (see config/gazetteer/companies.yaml)"));
    }

    private String category(String field, String value) {
        if (value == null) return null;
        return gazetteer.category(value).map(cat -> cat.id())
                .orElseThrow(() -> new InvalidInputException("edits." + field, "unknown category '" + value + "' (see config/gazetteer/categories.yaml)"));
    }

    private String country(String value) {
        if (value == null) return null;
        return gazetteer.country(value).map(Gazetteer.Country::iso2)
                .orElseThrow(() -> new InvalidInputException("edits.country", "'" + value + "' is not an ISO 3166 alpha-2 country code"));
    }

    private static String text(Map<String, Object> edits, String key, int max) {
        Object v = edits.get(key);
        if (v == null) return null;
        if (!(v instanceof String s)) throw new InvalidInputException("edits." + key, key + " must be a string");
        String t = s.strip();
        if (t.length() > max) throw new InvalidInputException("edits." + key, key + " is longer than " + max + " characters");
        return t.isEmpty() ? null : t;
    }

    private static Integer year(Map<String, Object> edits, String key) {
        Object v = edits.get(key);
        if (v == null) return null;
        int y;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) y = n.intValue();
        else if (v instanceof String s && s.strip().matches("\\d{4}")) y = Integer.parseInt(s.strip());
        else throw new InvalidInputException("edits." + key, key + " must be a year such as 2021");
        if (y < 1900 || y > 2100) throw new InvalidInputException("edits." + key, key + " " + y + " is not between 1900 and 2100");
        return y;
    }

    private static Double coordinate(Map<String, Object> edits, String key, double limit) {
        Object v = edits.get(key);
        if (v == null) return null;
        if (!(v instanceof Number n)) throw new InvalidInputException("edits." + key, key + " must be a number");
        double d = n.doubleValue();
        if (!Double.isFinite(d) || Math.abs(d) > limit) throw new InvalidInputException("edits." + key, key + " must be between -" + (int) limit + " and " + (int) limit);
        return d;
    }

    private static List<String> topics(Map<String, Object> edits) {
        Object v = edits.get("topics");
        if (v == null) return List.of();
        if (!(v instanceof List<?> list)) throw new InvalidInputException("edits.topics", "topics must be a list of strings");
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > 100) {
                throw new InvalidInputException("edits.topics", "topics must be non-empty strings of at most 100 characters");
            }
            out.add(s.strip().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
