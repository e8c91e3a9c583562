package org.tracemap.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Candidate data points awaiting review, grouped by (company, category, country, city): a group is one
 * review item with every source that backs it. Mining a snapshot twice adds nothing (one source per
 * snapshot and key); a key whose group was already decided opens a new group.
 *
 * <p>The queue is ordered by {@code rank} (the learned ranker's probability, org.tracemap.ranker) where a
 * candidate has one, then by the miner's rule score: candidates without a rank (mined before any model, or
 * submissions) follow the ranked ones.
 */
public final class CandidateStore {
    /**
     * A candidate as the review queue shows it, with its sources (best first).
     *
     * @param label the project's name given by whoever added the candidate by hand; null for mined ones and submissions
     * @param rank  the ranker's probability that a reviewer accepts it; null when there was no model
     */
    public record Candidate(long id, String status, int version, String origin, String company, String category, String country,
                            String city, Integer year, String quote, double score, Double lat, Double lon, String precision, String note,
                            String label, Long datapointId, String reason, String decidedBy, String decidedAt, String createdAt, Double rank,
                            List<Source> sources) {
        /** The features of the quote the reviewer sees (its best-scoring source that has them); empty when none has. */
        public Map<String, Double> features() {
            return sources.stream().map(Source::features).filter(f -> !f.isEmpty()).findFirst().orElse(Map.of());
        }
    }

    /**
     * One source of a candidate. {@code snapshotId}, {@code timestamp} and {@code title} are null while a
     * submitted URL is still being captured.
     */
    public record Source(long id, String captureId, String snapshotId, String url, String timestamp, String title, String quote,
                         Integer quoteStart, Integer quoteEnd, Integer year, Double score, Map<String, Double> features) {
        public Source {
            features = features == null ? Map.of() : features;
        }
    }

    /**
     * What the mine stage found in one snapshot for one key.
     *
     * @param features what the score was made of, by name (stored with the source)
     * @param rank     the ranker's probability for these features, or null when there is no model
     */
    public record Mined(String company, String category, String country, String city, Integer year, String quote, int quoteStart,
                        int quoteEnd, double score, double lat, double lon, String precision, Map<String, Double> features, Double rank) {
        public Mined {
            features = features == null ? Map.of() : Map.copyOf(features);
        }

        String key() {
            return company + "|" + category + "|" + country + "|" + city;
        }
    }

    /** Fields a public submission suggests (any may be null) and the capture of its URL. */
    public record Suggested(String company, String category, String country, String city, Integer year, String note, Double lat,
                            Double lon, String precision) {}

    /**
     * What a person saw in one snapshot and added by hand: the passage ({@code quote}, at {@code quoteStart..quoteEnd}
     * of the snapshot's extracted text) and the point it shows. {@code city}, {@code year}, {@code label}, {@code note}
     * may be null.
     */
    public record Manual(String snapshotId, String captureId, String url, String quote, int quoteStart, int quoteEnd, String company,
                         String category, String country, String city, Integer year, String label, String note, double lat, double lon,
                         String precision) {}

    /**
     * Filters for the review queue; null fields do not filter.
     *
     * @param minScore only candidates whose (best) score is at least this
     * @param url      only candidates with a source of exactly this URL (the Capture page links a capture's candidates)
     */
    public record Query(String status, String company, String category, String country, String origin, Double minScore, String url,
                        int limit, int offset) {
        public Query(String status, String company, String category, String country, String origin, int limit, int offset) {
            this(status, company, category, country, origin, null, null, limit, offset);
        }
    }

    private static final String COLUMNS = "id, status, version, origin, company, category, country, city, year, quote, score, lat, lon,"
            + " precision, note, label, datapoint_id, reason, decided_by, decided_at, created_at, rank";
    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {};

    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;

    public CandidateStore(Catalog catalog, Clock clock, ObjectMapper json) {
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Records what mining one snapshot found and moves its capture to {@code status}, in one transaction.
     * Returns how many sources were new (0 when the snapshot was mined before).
     *
     * @param notice what the capture's error field says once it is in {@code status} (a stage's note), or null
     */
    public int addMined(Snapshot snapshot, List<Mined> found, CaptureStore captures, CaptureStatus status, String notice) {
        return catalog.write(c -> {
            int added = 0;
            for (Mined m : found) {
                if (sourceExists(c, snapshot.id(), m.key())) continue;
                long group = openGroup(c, m);
                insertSource(c, group, m.key(), snapshot.id(), snapshot.captureId(), snapshot.url(), m.quote(), m.quoteStart(),
                        m.quoteEnd(), m.year(), m.score(), m.features().isEmpty() ? null : featuresJson(m.features()));
                added++;
            }
            captures.transitionWithin(c, snapshot.captureId(), status, notice);
            return added;
        });
    }

    private static boolean sourceExists(Connection c, String snapshotId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM candidate_source WHERE snapshot_id = ? AND mined_key = ?")) {
            ps.setString(1, snapshotId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The open group for the key, created if there is none; a better-scoring source becomes its quote (and gives its rank).
     * A pending public submission of the same key is such a group: the page it names, once mined, backs it rather than
     * opening a second review item for the same claim.
     */
    private long openGroup(Connection c, Mined m) throws SQLException {
        Optional<Long> open = openGroupId(c, m.company(), m.category(), m.country(), m.city());
        if (open.isPresent()) {
            showIfBetter(c, open.get(), m);
            return open.get();
        }
        return insertCandidate(c, "MINED", m.company(), m.category(), m.country(), m.city(), m.year(), m.quote(), m.score(), m.lat(), m.lon(),
                m.precision(), null, m.rank(), null);
    }

    /** Makes the source the group's shown quote (and rank) if it scores better than the one shown. */
    private void showIfBetter(Connection c, long group, Mined m) throws SQLException {
        // Shown fields only; the version stays, so a reviewer's open decision is not made stale by a new source.
        try (PreparedStatement up = c.prepareStatement("UPDATE candidate SET quote = ?, score = ?, year = COALESCE(year, ?), rank = ?,"
                + " updated_at = ? WHERE id = ? AND score < ?")) {
            up.setString(1, m.quote());
            up.setDouble(2, m.score());
            SqlValues.setInt(up, 3, m.year());
            SqlValues.setDouble(up, 4, m.rank());
            up.setString(5, clock.instant().toString());
            up.setLong(6, group);
            up.setDouble(7, m.score());
            up.executeUpdate();
        }
    }

    /**
     * The pending group (mined or submitted) for a complete key, if there is one: mined groups first, then the oldest.
     * A key missing any part matches nothing, so a vague submission never joins someone else's group; points added by
     * hand are never groups (see {@link #addManualWithin}).
     */
    public Optional<Long> openGroupId(Connection c, String company, String category, String country, String city) throws SQLException {
        if (company == null || category == null || country == null) return Optional.empty();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM candidate WHERE status = 'PENDING' AND origin <> 'MANUAL'"
                + " AND company = ? AND category = ? AND country = ? AND city = ? ORDER BY CASE WHEN origin = 'MINED' THEN 0 ELSE 1 END, id LIMIT 1")) {
            ps.setString(1, company);
            ps.setString(2, category);
            ps.setString(3, country);
            ps.setString(4, city == null ? "" : city);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * A public submission, backed by the capture of the submitted URL. When it names a complete key (company,
     * category, country, city) that a pending group already has, it becomes one more source of that group (the
     * submitter's note kept if the group has none): one claim, one review item. Otherwise a candidate of its own.
     * Returns the candidate (group) id.
     */
    public long addSubmission(Suggested s, String captureId, String url, String clientHash, String fieldsJson) {
        return catalog.write(c -> {
            String city = s.city() == null ? "" : s.city();
            Optional<Long> group = openGroupId(c, s.company(), s.category(), s.country(), city);
            long id;
            if (group.isPresent()) {
                id = group.get();
                try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET note = COALESCE(note, ?), year = COALESCE(year, ?),"
                        + " updated_at = ? WHERE id = ?")) {
                    ps.setString(1, s.note());
                    SqlValues.setInt(ps, 2, s.year());
                    ps.setString(3, clock.instant().toString());
                    ps.setLong(4, id);
                    ps.executeUpdate();
                }
            } else {
                id = insertCandidate(c, "SUBMISSION", s.company(), s.category(), s.country(), city, s.year(),
                        null, 0, s.lat(), s.lon(), s.precision(), s.note(), null, null);
            }
            insertSource(c, id, null, null, captureId, url, null, null, null, s.year(), null, null);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO submission (candidate_id, capture_id, client_hash, fields, created_at)"
                    + " VALUES (?,?,?,?,?)")) {
                ps.setLong(1, id);
                ps.setString(2, captureId);
                ps.setString(3, clientHash);
                ps.setString(4, fieldsJson);
                ps.setString(5, clock.instant().toString());
                ps.executeUpdate();
            }
            return id;
        });
    }

    /**
     * A point added by hand from a passage of one snapshot, within the caller's transaction (so that a reviewer's
     * "save as reviewed point" approves it in the same one). A candidate of its own, never grouped with mined ones:
     * its score is 0 because no rule scored it (filter the queue by origin MANUAL to find these).
     */
    public long addManualWithin(Connection c, Manual m) throws SQLException {
        long id = insertCandidate(c, "MANUAL", m.company(), m.category(), m.country(), m.city() == null ? "" : m.city(), m.year(),
                m.quote(), 0, m.lat(), m.lon(), m.precision(), m.note(), null, m.label());
        insertSource(c, id, null, m.snapshotId(), m.captureId(), m.url(), m.quote(), m.quoteStart(), m.quoteEnd(), m.year(), null, null);
        return id;
    }

    /** When the oldest submission from one (hashed) client since {@code sinceIso} was made, if any. */
    public Optional<java.time.Instant> oldestSubmissionSince(String clientHash, String sinceIso) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(created_at) FROM submission WHERE client_hash = ? AND created_at >= ?")) {
                ps.setString(1, clientHash);
                ps.setString(2, sinceIso);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) != null ? Optional.of(java.time.Instant.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Submissions from one (hashed) client address since {@code sinceIso}: for the rate limit. */
    public int submissionsSince(String clientHash, String sinceIso) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM submission WHERE client_hash = ? AND created_at >= ?")) {
                ps.setString(1, clientHash);
                ps.setString(2, sinceIso);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private long insertCandidate(Connection c, String origin, String company, String category, String country, String city, Integer year,
                                 String quote, double score, Double lat, Double lon, String precision, String note, Double rank, String label)
            throws SQLException {
        String now = clock.instant().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO candidate (status, version, origin, company, category, country, city, year,"
                + " quote, score, lat, lon, precision, note, created_at, updated_at, rank, label) VALUES ('PENDING',1,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, origin);
            ps.setString(2, company);
            ps.setString(3, category);
            ps.setString(4, country);
            ps.setString(5, city);
            SqlValues.setInt(ps, 6, year);
            ps.setString(7, quote);
            ps.setDouble(8, score);
            SqlValues.setDouble(ps, 9, lat);
            SqlValues.setDouble(ps, 10, lon);
            ps.setString(11, precision);
            ps.setString(12, note);
            ps.setString(13, now);
            ps.setString(14, now);
            SqlValues.setDouble(ps, 15, rank);
            ps.setString(16, label);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void insertSource(Connection c, long candidate, String key, String snapshotId, String captureId, String url, String quote,
                              Integer quoteStart, Integer quoteEnd, Integer year, Double score, String features) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO candidate_source (candidate_id, mined_key, snapshot_id, capture_id, url,"
                + " quote, quote_start, quote_end, year, score, created_at, features) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setLong(1, candidate);
            ps.setString(2, key);
            ps.setString(3, snapshotId);
            ps.setString(4, captureId);
            ps.setString(5, url);
            ps.setString(6, quote);
            SqlValues.setInt(ps, 7, quoteStart);
            SqlValues.setInt(ps, 8, quoteEnd);
            SqlValues.setInt(ps, 9, year);
            SqlValues.setDouble(ps, 10, score);
            ps.setString(11, clock.instant().toString());
            ps.setString(12, features);
            ps.executeUpdate();
        }
    }

    public Optional<Candidate> find(long id) {
        return catalog.read(c -> findWithin(c, id));
    }

    /** Within the caller's transaction: what a decision reads before it writes. */
    public Optional<Candidate> findWithin(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM candidate WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(read(rs, sources(c, List.of(id)).getOrDefault(id, List.of())));
            }
        }
    }

    /** The review queue, highest rank first (then highest score; unranked after ranked), and the total that matches. */
    public Map.Entry<List<Candidate>, Integer> list(Query q) {
        return catalog.read(c -> {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            List<Object> args = new ArrayList<>();
            filter(where, args, "status", q.status());
            filter(where, args, "company", q.company());
            filter(where, args, "category", q.category());
            filter(where, args, "country", q.country());
            filter(where, args, "origin", q.origin());
            if (q.minScore() != null) {
                where.append(" AND score >= ?");
                args.add(q.minScore());
            }
            if (q.url() != null && !q.url().isBlank()) {
                // The URL as mined (the snapshot's) or as submitted, and the snapshot's URL once a submission is archived.
                where.append(" AND EXISTS (SELECT 1 FROM candidate_source cs LEFT JOIN capture cap ON cap.id = cs.capture_id"
                        + " WHERE cs.candidate_id = candidate.id AND (cs.url = ? OR cap.url = ?))");
                args.add(q.url());
                args.add(q.url());
            }
            int total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM candidate" + where)) {
                for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getInt(1);
                }
            }
            List<Long> ids = new ArrayList<>();
            List<Candidate> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM candidate" + where
                    + " ORDER BY CASE WHEN rank IS NULL THEN 1 ELSE 0 END, rank DESC, score DESC, id LIMIT ? OFFSET ?")) {
                int i = 1;
                for (Object a : args) ps.setObject(i++, a);
                ps.setInt(i++, q.limit());
                ps.setInt(i, q.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong("id"));
                        rows.add(read(rs, List.of()));
                    }
                }
            }
            Map<Long, List<Source>> sources = sources(c, ids);
            List<Candidate> out = new ArrayList<>();
            for (Candidate r : rows) out.add(withSources(r, sources.getOrDefault(r.id(), List.of())));
            return Map.entry(out, total);
        });
    }

    private static void filter(StringBuilder where, List<Object> args, String column, String value) {
        if (value == null || value.isBlank()) return;
        where.append(" AND ").append(column).append(" = ?");
        args.add(value);
    }

    /**
     * Records a decision if the candidate is still at {@code expectedVersion} and PENDING: true when it
     * was, false when someone decided or changed it first (the caller answers 409).
     */
    public boolean decideWithin(Connection c, long id, int expectedVersion, String status, Long datapointId, String reason, String actor)
            throws SQLException {
        String now = clock.instant().toString();
        try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET status = ?, version = version + 1, datapoint_id = ?, reason = ?,"
                + " decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ? AND version = ? AND status = 'PENDING'")) {
            ps.setString(1, status);
            if (datapointId == null) ps.setNull(2, Types.INTEGER); else ps.setLong(2, datapointId);
            ps.setString(3, reason);
            ps.setString(4, actor);
            ps.setString(5, now);
            ps.setString(6, now);
            ps.setLong(7, id);
            ps.setInt(8, expectedVersion);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Puts a decided candidate back in the queue (an undone decision) if it is still at {@code expectedVersion} with
     * {@code expectedStatus}: true when it was. The version moves on, so a decision made on the decided candidate is stale.
     */
    public boolean reopenWithin(Connection c, long id, int expectedVersion, String expectedStatus) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET status = 'PENDING', version = version + 1, datapoint_id = NULL,"
                + " reason = NULL, decided_by = NULL, decided_at = NULL, updated_at = ? WHERE id = ? AND version = ? AND status = ?")) {
            ps.setString(1, clock.instant().toString());
            ps.setLong(2, id);
            ps.setInt(3, expectedVersion);
            ps.setString(4, expectedStatus);
            return ps.executeUpdate() == 1;
        }
    }

    private Map<Long, List<Source>> sources(Connection c, List<Long> candidateIds) throws SQLException {
        Map<Long, List<Source>> out = new LinkedHashMap<>();
        if (candidateIds.isEmpty()) return out;
        String marks = String.join(",", java.util.Collections.nCopies(candidateIds.size(), "?"));
        // A submitted URL's snapshot is found through its capture once the capture is archived.
        try (PreparedStatement ps = c.prepareStatement("SELECT cs.id, cs.candidate_id, cs.capture_id, COALESCE(cs.snapshot_id, cap.snapshot_id),"
                + " COALESCE(s.url, cs.url), s.timestamp, e.title, cs.quote, cs.quote_start, cs.quote_end, cs.year, cs.score,"
                + " cs.features"
                + " FROM candidate_source cs LEFT JOIN capture cap ON cap.id = cs.capture_id"
                + " LEFT JOIN snapshot s ON s.id = COALESCE(cs.snapshot_id, cap.snapshot_id)"
                + " LEFT JOIN extraction e ON e.snapshot_id = s.id"
                + " WHERE cs.candidate_id IN (" + marks + ") ORDER BY cs.candidate_id, cs.score DESC, cs.id")) {
            for (int i = 0; i < candidateIds.size(); i++) ps.setLong(i + 1, candidateIds.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new Source(rs.getLong(1), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), SqlValues.intOrNull(rs, 9), SqlValues.intOrNull(rs, 10),
                            SqlValues.intOrNull(rs, 11), SqlValues.doubleOrNull(rs, 12), features(rs.getString(13))));
                }
            }
        }
        return out;
    }

    private Candidate read(ResultSet rs, List<Source> sources) throws SQLException {
        long dp = rs.getLong("datapoint_id");
        Long datapoint = rs.wasNull() ? null : dp;
        return new Candidate(rs.getLong("id"), rs.getString("status"), rs.getInt("version"), rs.getString("origin"), rs.getString("company"),
                rs.getString("category"), rs.getString("country"), rs.getString("city"), SqlValues.intOrNull(rs, "year"), rs.getString("quote"),
                rs.getDouble("score"), SqlValues.doubleOrNull(rs, "lat"), SqlValues.doubleOrNull(rs, "lon"), rs.getString("precision"), rs.getString("note"),
                rs.getString("label"), datapoint, rs.getString("reason"), rs.getString("decided_by"), rs.getString("decided_at"), rs.getString("created_at"),
                SqlValues.doubleOrNull(rs, "rank"), sources);
    }

    private static Candidate withSources(Candidate c, List<Source> sources) {
        return new Candidate(c.id(), c.status(), c.version(), c.origin(), c.company(), c.category(), c.country(), c.city(), c.year(), c.quote(),
                c.score(), c.lat(), c.lon(), c.precision(), c.note(), c.label(), c.datapointId(), c.reason(), c.decidedBy(), c.decidedAt(), c.createdAt(),
                c.rank(), sources);
    }

    /**
     * Every PENDING mined candidate with the features of its quote: what a new model re-ranks. Candidates whose
     * sources carry no features (mined before V8) are left out.
     */
    public Map<Long, Map<String, Double>> pendingFeatures() {
        return catalog.read(c -> {
            Map<Long, Map<String, Double>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cs.candidate_id, cs.features FROM candidate_source cs"
                    + " JOIN candidate ca ON ca.id = cs.candidate_id WHERE ca.status = 'PENDING' AND cs.features IS NOT NULL"
                    + " ORDER BY cs.candidate_id, cs.score DESC, cs.id")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Double> f = features(rs.getString(2));
                        if (!f.isEmpty()) out.putIfAbsent(rs.getLong(1), f);
                    }
                }
            }
            return out;
        });
    }

    /** Stores the ranks of candidates still PENDING (null clears one); returns how many rows changed. */
    public int rank(Map<Long, Double> ranks) {
        if (ranks.isEmpty()) return 0;
        return catalog.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE candidate SET rank = ? WHERE id = ? AND status = 'PENDING'")) {
                for (var e : ranks.entrySet()) {
                    SqlValues.setDouble(ps, 1, e.getValue());
                    ps.setLong(2, e.getKey());
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    private String featuresJson(Map<String, Double> features) throws SQLException {
        try {
            return json.writeValueAsString(new java.util.TreeMap<>(features));
        } catch (JsonProcessingException e) {
            throw new SQLException("candidate features cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    Map<String, Double> features(String text) throws SQLException {
        if (text == null || text.isBlank()) return Map.of();
        try {
            return json.readValue(text, FEATURES);
        } catch (JsonProcessingException e) {
            throw new SQLException("candidate features are not a JSON object of numbers: " + e.getMessage(), e);
        }
    }
}
