package org.tracemap.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The approved dataset: data points and the archived sources each one rests on. */
public final class DataPointStore {
    /** A data point (DESIGN.md): {@code precision} is exact, city or country. */
    public record DataPoint(long id, int version, String company, String category, String secondaryCategory, String label, String country,
                            String city, String address, Double lat, Double lon, String precision, Integer yearStarted, Integer yearEnded,
                            String description, List<String> topics, String createdBy, String createdAt, String updatedAt,
                            List<Source> sources) {
        public DataPoint withSources(List<Source> s) {
            return new DataPoint(id, version, company, category, secondaryCategory, label, country, city, address, lat, lon, precision,
                    yearStarted, yearEnded, description, topics, createdBy, createdAt, updatedAt, s);
        }
    }

    /** Where a data point comes from: the original URL and the archived copy it was read in. */
    public record Source(String url, String title, String publisher, String snapshotTimestamp, String snapshotId, String captureId,
                         String quote) {}

    private static final String COLUMNS = "id, version, company, category, secondary_category, label, country, city, address, lat, lon,"
            + " precision, year_started, year_ended, description, topics, created_by, created_at, updated_at";

    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;

    public DataPointStore(Catalog catalog, Clock clock, ObjectMapper json) {
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /** Inserts within the caller's transaction (a review decision); returns the new id. */
    public long insertWithin(Connection c, DataPoint p) throws SQLException {
        String now = clock.instant().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO datapoint (version, company, category, secondary_category, label, country,"
                + " city, address, lat, lon, precision, year_started, year_ended, description, topics, created_by, created_at, updated_at)"
                + " VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, p.company());
            ps.setString(2, p.category());
            ps.setString(3, p.secondaryCategory());
            ps.setString(4, p.label());
            ps.setString(5, p.country());
            ps.setString(6, p.city() == null ? "" : p.city());
            ps.setString(7, p.address());
            SqlValues.setDouble(ps, 8, p.lat());
            SqlValues.setDouble(ps, 9, p.lon());
            ps.setString(10, p.precision());
            SqlValues.setInt(ps, 11, p.yearStarted());
            SqlValues.setInt(ps, 12, p.yearEnded());
            ps.setString(13, p.description());
            ps.setString(14, topics(p.topics()));
            ps.setString(15, p.createdBy());
            ps.setString(16, now);
            ps.setString(17, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Adds sources within the caller's transaction and returns the ids of the rows added. A URL the point already cites
     * is skipped: the published dataset lists each page once per point (a public submission of a page that was also
     * mined would otherwise appear twice, once without a quote). Callers pass the best source of a URL first.
     */
    public List<Long> addSourcesWithin(Connection c, long datapointId, List<Source> sources) throws SQLException {
        List<Long> added = new ArrayList<>();
        try (PreparedStatement cited = c.prepareStatement("SELECT 1 FROM datapoint_source WHERE datapoint_id = ? AND url = ?");
             PreparedStatement ps = c.prepareStatement("INSERT INTO datapoint_source (datapoint_id, snapshot_id, capture_id, url, title,"
                     + " publisher, snapshot_timestamp, quote, added_at) VALUES (?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            for (Source s : sources) {
                cited.setLong(1, datapointId);
                cited.setString(2, s.url());
                try (ResultSet rs = cited.executeQuery()) {
                    if (rs.next()) continue;
                }
                ps.setLong(1, datapointId);
                ps.setString(2, s.snapshotId());
                ps.setString(3, s.captureId());
                ps.setString(4, s.url());
                ps.setString(5, s.title());
                ps.setString(6, s.publisher());
                ps.setString(7, s.snapshotTimestamp());
                ps.setString(8, s.quote());
                ps.setString(9, clock.instant().toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    added.add(keys.getLong(1));
                }
            }
        }
        bumpVersionWithin(c, datapointId);
        return added;
    }

    /** Removes sources a merge added (an undone merge), within the caller's transaction; the point's version moves on. */
    public void removeSourcesWithin(Connection c, long datapointId, List<Long> sourceIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM datapoint_source WHERE id = ? AND datapoint_id = ?")) {
            for (long id : sourceIds) {
                ps.setLong(1, id);
                ps.setLong(2, datapointId);
                ps.executeUpdate();
            }
        }
        bumpVersionWithin(c, datapointId);
    }

    /**
     * Removes a data point and its sources (an undone approval), within the caller's transaction. The audit log keeps
     * what it was; AUTOINCREMENT never hands its id to another point.
     */
    public void removeWithin(Connection c, long datapointId) throws SQLException {
        try (PreparedStatement sources = c.prepareStatement("DELETE FROM datapoint_source WHERE datapoint_id = ?");
             PreparedStatement point = c.prepareStatement("DELETE FROM datapoint WHERE id = ?")) {
            sources.setLong(1, datapointId);
            sources.executeUpdate();
            point.setLong(1, datapointId);
            point.executeUpdate();
        }
    }

    private void bumpVersionWithin(Connection c, long datapointId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE datapoint SET version = version + 1, updated_at = ? WHERE id = ?")) {
            ps.setString(1, clock.instant().toString());
            ps.setLong(2, datapointId);
            ps.executeUpdate();
        }
    }

    public Optional<DataPoint> find(long id) {
        return catalog.read(c -> findWithin(c, id));
    }

    public Optional<DataPoint> findWithin(Connection c, long id) throws SQLException {
        List<DataPoint> found = select(c, " WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The whole dataset in id order, each point with its sources. */
    public List<DataPoint> all() {
        return catalog.read(c -> select(c, "", null));
    }

    private List<DataPoint> select(Connection c, String where, Long id) throws SQLException {
        Map<Long, DataPoint> points = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM datapoint" + where + " ORDER BY id")) {
            if (id != null) ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.put(rs.getLong("id"), new DataPoint(rs.getLong("id"), rs.getInt("version"), rs.getString("company"),
                            rs.getString("category"), rs.getString("secondary_category"), rs.getString("label"), rs.getString("country"),
                            rs.getString("city"), rs.getString("address"), SqlValues.doubleOrNull(rs, "lat"),
                            SqlValues.doubleOrNull(rs, "lon"), rs.getString("precision"), SqlValues.intOrNull(rs, "year_started"),
                            SqlValues.intOrNull(rs, "year_ended"), rs.getString("description"), topics(rs.getString("topics")),
                            rs.getString("created_by"), rs.getString("created_at"), rs.getString("updated_at"), List.of()));
                }
            }
        }
        if (points.isEmpty()) return List.of();
        Map<Long, List<Source>> sources = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT datapoint_id, url, title, publisher, snapshot_timestamp, snapshot_id, capture_id,"
                + " quote FROM datapoint_source" + (id == null ? "" : " WHERE datapoint_id = ?") + " ORDER BY datapoint_id, id")) {
            if (id != null) ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sources.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Source(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        List<DataPoint> out = new ArrayList<>();
        for (DataPoint p : points.values()) out.add(p.withSources(sources.getOrDefault(p.id(), List.of())));
        return out;
    }

    private String topics(List<String> topics) {
        try {
            return json.writeValueAsString(topics == null ? List.of() : topics);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("topics cannot be stored: " + e.getMessage(), e);
        }
    }

    private List<String> topics(String stored) throws SQLException {
        try {
            return stored == null ? List.of() : json.readValue(stored, new TypeReference<List<String>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("stored topics are not JSON: " + e.getMessage(), e);
        }
    }
}
