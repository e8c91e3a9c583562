package org.tracemap.review;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tracemap.catalog.DataPointStore.DataPoint;
import org.tracemap.catalog.DataPointStore.Source;
import org.tracemap.gazetteer.Gazetteer;

/**
 * The approved dataset in the three published shapes. JSON keeps every field and source as objects.
 * CSV is one row per data point for spreadsheets: UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as mojibake), CRLF rows, a source's fields joined by newlines inside one quoted cell, and text
 * cells that a spreadsheet would run as a formula (=, +, -, @) prefixed with an apostrophe, since quotes
 * come from hostile pages. GeoJSON (RFC 7946) is a FeatureCollection of Points, lon/lat, with flat
 * properties for QGIS and the full sources array for web maps.
 */
public final class DatasetExport {
    public enum Format {
        JSON("application/json"), CSV("text/csv; charset=utf-8"), GEOJSON("application/geo+json");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return this == GEOJSON ? "geojson" : name().toLowerCase(Locale.ROOT);
        }

        public static Format parse(String s) {
            for (Format f : values()) if (f.name().equalsIgnoreCase(s == null ? "json" : s.strip())) return f;
            throw new IllegalArgumentException("format must be json, csv or geojson, not '" + s + "'");
        }
    }

    static final List<String> CSV_COLUMNS = List.of("id", "company", "companyName", "category", "secondaryCategory", "label", "country",
            "countryName", "city", "address", "lat", "lon", "precision", "yearStarted", "yearEnded", "description", "topics", "sourceCount",
            "sourceUrls", "sourceTitles", "sourcePublishers", "sourceSnapshotTimestamps", "sourceReplayUrls", "sourceQuotes");

    private final Gazetteer gazetteer;
    private final String replayBase;

    /** @param replayBase what replay URLs start with, e.g. {@code http://127.0.0.1:8080} */
    public DatasetExport(Gazetteer gazetteer, String replayBase) {
        this.gazetteer = gazetteer;
        this.replayBase = replayBase.endsWith("/") ? replayBase.substring(0, replayBase.length() - 1) : replayBase;
    }

    public String replayUrl(String timestamp, String url) {
        return replayBase + "/replay/" + timestamp + "/" + url;
    }

    /** One data point as the JSON API and export show it. */
    public Map<String, Object> view(DataPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(p.id()));
        m.put("company", p.company());
        m.put("category", p.category());
        m.put("secondaryCategory", p.secondaryCategory());
        m.put("label", p.label());
        m.put("country", p.country());
        m.put("city", p.city() == null || p.city().isEmpty() ? null : p.city());
        m.put("address", p.address());
        m.put("lat", p.lat());
        m.put("lon", p.lon());
        m.put("precision", p.precision());
        m.put("yearStarted", p.yearStarted());
        m.put("yearEnded", p.yearEnded());
        m.put("description", p.description());
        m.put("topics", p.topics());
        List<Map<String, Object>> sources = new ArrayList<>();
        for (Source s : cited(p)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("url", s.url());
            v.put("title", s.title());
            v.put("publisher", s.publisher());
            v.put("snapshotTimestamp", s.snapshotTimestamp());
            v.put("replayUrl", replayUrl(s.snapshotTimestamp(), s.url()));
            v.put("quote", s.quote());
            sources.add(v);
        }
        m.put("sources", sources);
        return m;
    }

    /** The JSON export: {@code {"items": [...], "total": n}}, as every list in the API. */
    public Map<String, Object> json(List<DataPoint> points) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", points.stream().map(this::view).toList());
        out.put("total", points.size());
        return out;
    }

    public String csv(List<DataPoint> points) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).setRecordSeparator("\r\n").get();
        try (CSVPrinter csv = new CSVPrinter(out, format)) {
            for (DataPoint p : points) {
                List<Object> row = new ArrayList<>();
                row.add(p.id());
                row.add(safe(p.company()));
                row.add(safe(gazetteer.company(p.company()).map(c -> c.name()).orElse(p.company())));
                row.add(safe(p.category()));
                row.add(safe(p.secondaryCategory()));
                row.add(safe(p.label()));
                row.add(safe(p.country()));
                row.add(safe(gazetteer.country(p.country()).map(Gazetteer.Country::name).orElse("")));
                row.add(safe(p.city()));
                row.add(safe(p.address()));
                row.add(p.lat());
                row.add(p.lon());
                row.add(p.precision());
                row.add(p.yearStarted());
                row.add(p.yearEnded());
                row.add(safe(p.description()));
                row.add(safe(String.join("; ", p.topics())));
                List<Source> sources = cited(p);
                row.add(sources.size());
                row.add(joined(sources, Source::url));
                row.add(joined(sources, Source::title));
                row.add(joined(sources, Source::publisher));
                row.add(joined(sources, Source::snapshotTimestamp));
                row.add(joined(sources, s -> replayUrl(s.snapshotTimestamp(), s.url())));
                row.add(joined(sources, Source::quote));
                csv.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public Map<String, Object> geojson(List<DataPoint> points) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (DataPoint p : points) {
            if (p.lat() == null || p.lon() == null) continue; // every approved point has one; a hand-edited row might not
            Map<String, Object> properties = new LinkedHashMap<>(view(p));
            properties.remove("lat");
            properties.remove("lon");
            properties.put("companyName", gazetteer.company(p.company()).map(c -> c.name()).orElse(p.company()));
            properties.put("countryName", gazetteer.country(p.country()).map(Gazetteer.Country::name).orElse(null));
            properties.put("topics", String.join("; ", p.topics()));
            List<Source> sources = cited(p);
            properties.put("sourceCount", sources.size());
            if (!sources.isEmpty()) {
                Source first = sources.get(0);
                properties.put("sourceUrl", first.url());
                properties.put("replayUrl", replayUrl(first.snapshotTimestamp(), first.url()));
            }
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", String.valueOf(p.id()));
            Map<String, Object> geometry = new LinkedHashMap<>();
            geometry.put("type", "Point");
            geometry.put("coordinates", List.of(round(p.lon()), round(p.lat())));
            feature.put("geometry", geometry);
            feature.put("properties", properties);
            features.add(feature);
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }

    /**
     * The point's sources as published: each URL once, with its first quoted copy (or its first copy when none has a
     * quote). Review stores one source per URL; points merged before it did may hold a page twice, once without a quote.
     */
    static List<Source> cited(DataPoint p) {
        Map<String, Source> byUrl = new LinkedHashMap<>();
        for (Source s : p.sources()) {
            Source kept = byUrl.get(s.url());
            if (kept == null || (blank(kept.quote()) && !blank(s.quote()))) byUrl.put(s.url(), s);
        }
        return List.copyOf(byUrl.values());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Six decimals (~0.1 m), as RFC 7946 suggests. */
    private static double round(double d) {
        return Math.round(d * 1e6) / 1e6;
    }

    private static String joined(List<Source> sources, Function<Source, String> field) {
        List<String> parts = new ArrayList<>();
        for (Source s : sources) parts.add(field.apply(s) == null ? "" : field.apply(s).replace("\r", " ").replace("\n", " "));
        return safe(String.join("\n", parts));
    }

    /** Text a spreadsheet would evaluate (=, +, -, @, tab, CR first) gets an apostrophe in front (OWASP CSV injection). */
    static String safe(String s) {
        if (s == null || s.isEmpty()) return s;
        char first = s.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + s : s;
    }
}
