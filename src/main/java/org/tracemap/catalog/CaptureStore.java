package org.tracemap.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures in the catalogue: the durable capture queue and each capture's state machine. Every status
 * change is committed, with a row in {@code capture_transition}, before the call returns.
 */
public final class CaptureStore {
    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, url, surt, status, attempts, error, tags, note, requested_by, snapshot_id, created_at, updated_at, tries, retry_at";

    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;
    /** When this process's pipeline began: what changed before it was left by an earlier run (or by recovery). */
    private volatile Instant openedAt;

    public CaptureStore(Catalog catalog, Clock clock, ObjectMapper json) {
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
        this.openedAt = clock.instant();
    }

    /**
     * Marks the start of this run, after recovery: captures that recovery settled count as left by an earlier
     * run, so the stages' resume-on-start lists pick them up.
     */
    public void beginRun() {
        openedAt = clock.instant();
    }

    /** What intake asks to store: a validated, normalised URL and what came with it. */
    public record NewCapture(String id, String url, String surt, Map<String, String> tags, String note, String requestedBy) {}

    /** Stores a new QUEUED capture. */
    public Capture insert(String id, String url, String surt, Map<String, String> tags, String note, String requestedBy) {
        return insertAll(List.of(new NewCapture(id, url, surt, tags, note, requestedBy))).get(0);
    }

    /**
     * Stores QUEUED captures in one transaction; a URL that already has a QUEUED or FETCHING capture gets
     * that capture back instead of a second one (also within the batch).
     */
    public List<Capture> insertAll(List<NewCapture> requests) {
        return catalog.write(c -> {
            Instant now = clock.instant();
            List<Capture> out = new ArrayList<>(requests.size());
            Map<String, Capture> inBatch = new java.util.HashMap<>();
            try (PreparedStatement pending = c.prepareStatement("SELECT " + COLUMNS
                         + " FROM capture WHERE surt = ? AND url = ? AND status IN ('QUEUED','FETCHING') ORDER BY created_at LIMIT 1");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO capture (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,NULL)")) {
                for (NewCapture r : requests) {
                    Capture existing = inBatch.get(r.url());
                    if (existing == null) {
                        pending.setString(1, r.surt());
                        pending.setString(2, r.url());
                        existing = first(pending).orElse(null);
                    }
                    if (existing != null) {
                        out.add(existing);
                        continue;
                    }
                    insert.setString(1, r.id());
                    insert.setString(2, r.url());
                    insert.setString(3, r.surt());
                    insert.setString(4, CaptureStatus.QUEUED.name());
                    insert.setInt(5, 0);
                    insert.setString(6, null);
                    insert.setString(7, writeTags(r.tags()));
                    insert.setString(8, r.note());
                    insert.setString(9, r.requestedBy());
                    insert.setString(10, null);
                    insert.setString(11, SqlValues.instant(now));
                    insert.setString(12, SqlValues.instant(now));
                    insert.executeUpdate();
                    recordTransition(c, r.id(), CaptureStatus.QUEUED, now, null);
                    Capture created = new Capture(r.id(), r.url(), r.surt(), CaptureStatus.QUEUED, 0, null, Map.copyOf(r.tags()),
                            r.note(), r.requestedBy(), null, now, now, 0, null);
                    inBatch.put(r.url(), created);
                    out.add(created);
                }
            }
            return out;
        });
    }

    public Optional<Capture> find(String id) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM capture WHERE id = ?")) {
                ps.setString(1, id);
                return first(ps);
            }
        });
    }

    /** The captures with these ids (those that exist), read in chunks so that any number can be asked for. */
    public List<Capture> findAll(java.util.Collection<String> ids) {
        return byIds(ids, "SELECT " + COLUMNS + " FROM capture WHERE id IN ", this::all);
    }

    /** Rows for many ids, in chunks of 500 (SQLite's limit on parameters is 999). */
    private <T> List<T> byIds(java.util.Collection<String> ids, String selectWhereIdIn, Rows<T> rows) {
        List<String> all = new ArrayList<>(ids);
        return catalog.read(c -> {
            List<T> found = new ArrayList<>(all.size());
            for (int from = 0; from < all.size(); from += 500) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(selectWhereIdIn + "(" + marks + ")")) {
                    for (int i = 0; i < chunk.size(); i++) ps.setString(i + 1, chunk.get(i));
                    found.addAll(rows.read(ps));
                }
            }
            return found;
        });
    }

    @FunctionalInterface
    private interface Rows<T> {
        List<T> read(PreparedStatement ps) throws SQLException;
    }

    /**
     * Where some captures are: URL, status, error and what the origin answered (progress displays poll this
     * often; no tags parsing).
     *
     * @param httpStatus the status of the archived answer (the last redirect hop), or null before it is archived
     */
    public record Progress(String id, String url, CaptureStatus status, String error, Integer httpStatus) {}

    public List<Progress> progress(java.util.Collection<String> ids) {
        return byIds(ids, "SELECT c.id, c.url, c.status, c.error, s.http_status FROM capture c"
                + " LEFT JOIN snapshot s ON s.id = c.snapshot_id WHERE c.id IN ", ps -> {
            List<Progress> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Progress(rs.getString(1), rs.getString(2), CaptureStatus.valueOf(rs.getString(3)), rs.getString(4),
                            SqlValues.intOrNull(rs, 5)));
                }
            }
            return out;
        });
    }

    /** One page of a capture list and how many captures match in all. */
    public record Page(List<Capture> items, long total) {}

    /** The captures {@code query} asks for, newest first (ties by id, so pages never overlap), and their total. */
    public Page list(CaptureQuery query) {
        List<Object> params = new ArrayList<>();
        String where = query.where(params);
        return catalog.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM capture WHERE " + where)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM capture WHERE " + where
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                bind(ps, params);
                ps.setInt(params.size() + 1, query.limit());
                ps.setInt(params.size() + 2, query.offset());
                return new Page(all(ps), total);
            }
        });
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
    }

    /** What {@link #retryFailed} found: the capture (null if there is none with that id) and whether it was queued again. */
    public record Retry(Capture capture, boolean requeued) {}

    /**
     * Puts a FAILED capture back in the queue for a new round of tries, at once. Its HTTP attempts stay counted
     * (they were made); its tries start again, or the fetcher would treat the first new try as its last. The
     * error and the snapshot of the failed round are cleared from the capture, so that it does not show them
     * as its new result; the transitions keep them (the FAILED row holds the error, the QUEUED row says who
     * asked for the retry), and the snapshot stays listed under the URL. Any other status is left alone.
     */
    public Retry retryFailed(String id, String requestedBy) {
        return catalog.write(c -> {
            Instant now = clock.instant();
            boolean requeued;
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'QUEUED', error = NULL, snapshot_id = NULL, tries = 0,"
                    + " retry_at = NULL, updated_at = ? WHERE id = ? AND status = 'FAILED'")) {
                ps.setString(1, SqlValues.instant(now));
                ps.setString(2, id);
                requeued = ps.executeUpdate() == 1;
            }
            if (requeued) recordTransition(c, id, CaptureStatus.QUEUED, now, "retry requested by " + requestedBy);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM capture WHERE id = ?")) {
                ps.setString(1, id);
                return new Retry(first(ps).orElse(null), requeued);
            }
        });
    }

    /**
     * Takes up to {@code limit} QUEUED captures that are due (not waiting for a retry), oldest first, and marks
     * them FETCHING, in one transaction: two pollers can never take the same capture. Each claim begins a new
     * try. The caller's {@code admit} decides capture by capture (per-host and per-source shares); captures it
     * turns down stay QUEUED in their place.
     *
     * @param skipHosts host keys ({@link org.tracemap.intake.NormalizedUrl#hostKey}) not to consider at all
     * @param skipPublic true to leave public submissions queued
     */
    public List<Capture> claimDue(int limit, java.util.Collection<String> skipHosts, boolean skipPublic, java.util.function.Predicate<Capture> admit) {
        if (limit <= 0) return List.of();
        return catalog.write(c -> {
            Instant now = clock.instant();
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                    + " FROM capture WHERE status = 'QUEUED' AND (retry_at IS NULL OR retry_at <= ?)");
            // The host key is the SURT up to ')': compare exact prefixes, so example.com never skips example.com.evil.
            for (int i = 0; i < skipHosts.size(); i++) sql.append(" AND substr(surt, 1, ?) <> ?");
            if (skipPublic) sql.append(" AND requested_by NOT LIKE 'public:%'");
            sql.append(" ORDER BY created_at, id LIMIT ?");
            List<Capture> due;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                ps.setString(p++, SqlValues.instant(now));
                for (String host : skipHosts) {
                    ps.setInt(p++, host.length() + 1);
                    ps.setString(p++, host + ")");
                }
                ps.setInt(p, limit);
                due = all(ps);
            }
            List<Capture> claimed = new ArrayList<>(due.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'FETCHING', tries = tries + 1, retry_at = NULL,"
                    + " updated_at = ? WHERE id = ? AND status = 'QUEUED'")) {
                for (Capture q : due) {
                    if (!admit.test(q)) continue;
                    ps.setString(1, SqlValues.instant(now));
                    ps.setString(2, q.id());
                    if (ps.executeUpdate() == 1) {
                        recordTransition(c, q.id(), CaptureStatus.FETCHING, now, q.tries() > 0 ? "try " + (q.tries() + 1) : null);
                        claimed.add(new Capture(q.id(), q.url(), q.surt(), CaptureStatus.FETCHING, q.attempts(), q.error(), q.tags(),
                                q.note(), q.requestedBy(), null, q.createdAt(), now, q.tries() + 1, null));
                    }
                }
            }
            return claimed;
        });
    }

    /** Takes up to {@code limit} due QUEUED captures, oldest first, with no shares to respect (tests, tools). */
    public List<Capture> claimQueued(int limit) {
        return claimDue(limit, List.of(), false, c -> true);
    }

    /**
     * Puts a claimed capture back in the queue, to be fetched again from {@code retryAt}, with the reason in
     * its error so that the user sees why it is waiting.
     *
     * @param attempts HTTP attempts made in the try that ended, added to the capture's count
     * @param refundTry true when the try failed on our side (the archive could not be written): it does not
     *                  count against the capture's attempts, so a full disk never uses them up
     */
    public void retryLater(String id, Instant retryAt, String reason, int attempts, boolean refundTry) {
        catalog.write(c -> {
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'QUEUED', retry_at = ?, error = ?,"
                    + " attempts = attempts + ?, tries = CASE WHEN ? AND tries > 0 THEN tries - 1 ELSE tries END, updated_at = ?"
                    + " WHERE id = ? AND status = 'FETCHING'")) {
                ps.setString(1, SqlValues.instant(retryAt));
                ps.setString(2, reason);
                ps.setInt(3, attempts);
                ps.setBoolean(4, refundTry);
                ps.setString(5, SqlValues.instant(now));
                ps.setString(6, id);
                if (ps.executeUpdate() != 1) throw new SQLException("capture " + id + " is not being fetched, so it cannot be rescheduled");
            }
            recordTransition(c, id, CaptureStatus.QUEUED, now, reason);
            return null;
        });
    }

    /** Puts claimed captures that never started back in the queue, as they were (their try given back). */
    public void unclaim(java.util.Collection<String> ids) {
        catalog.write(c -> {
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'QUEUED', tries = CASE WHEN tries > 0 THEN tries - 1"
                    + " ELSE 0 END, updated_at = ? WHERE id = ? AND status = 'FETCHING'")) {
                for (String id : ids) {
                    ps.setString(1, SqlValues.instant(now));
                    ps.setString(2, id);
                    if (ps.executeUpdate() == 1) recordTransition(c, id, CaptureStatus.QUEUED, now, "not started before the stop");
                }
            }
            return null;
        });
    }

    /** What {@link #requeueInFlight} did: captures put back in the queue, and captures given up on. */
    public record Resumed(int requeued, int failed) {}

    /**
     * Puts captures that were in flight when the process stopped back in the queue. A capture whose every try
     * was interrupted ({@code maxTries} of them) is failed instead: it may be what stops the process.
     */
    public Resumed requeueInFlight(int maxTries) {
        return catalog.write(c -> {
            Instant now = clock.instant();
            List<String> again = new ArrayList<>();
            List<String> givenUp = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, tries FROM capture WHERE status = 'FETCHING'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) (rs.getInt(2) >= maxTries ? givenUp : again).add(rs.getString(1));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'QUEUED', updated_at = ? WHERE id = ?")) {
                for (String id : again) {
                    ps.setString(1, SqlValues.instant(now));
                    ps.setString(2, id);
                    ps.executeUpdate();
                    recordTransition(c, id, CaptureStatus.QUEUED, now, "resumed after restart");
                }
            }
            String reason = "fetch: the process stopped during each of its " + maxTries + " tries; not tried again";
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = 'FAILED', error = ?, updated_at = ? WHERE id = ?")) {
                for (String id : givenUp) {
                    ps.setString(1, reason);
                    ps.setString(2, SqlValues.instant(now));
                    ps.setString(3, id);
                    ps.executeUpdate();
                    recordTransition(c, id, CaptureStatus.FAILED, now, reason);
                }
            }
            return new Resumed(again.size(), givenUp.size());
        });
    }

    /**
     * Records that the capture reached {@code status}; the error, when given, says why it stopped there (or,
     * for a capture that succeeded, what the user should know, such as a truncated body).
     *
     * @param attempts HTTP attempts made in this run, added to the capture's count
     */
    public void transition(String id, CaptureStatus status, String snapshotId, String error, int attempts) {
        settle(id, status, List.of(), snapshotId, error, attempts);
    }

    /**
     * Stores a capture's snapshots and its new status in one transaction: the catalogue never shows a
     * capture ARCHIVED without its snapshots, nor snapshots of a capture still FETCHING.
     */
    public void settle(String id, CaptureStatus status, List<Snapshot> snapshots, String snapshotId, String error, int attempts) {
        catalog.write(c -> {
            SnapshotStore.insertAll(c, snapshots);
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = ?, snapshot_id = COALESCE(?, snapshot_id),"
                    + " error = ?, attempts = attempts + ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, status.name());
                ps.setString(2, snapshotId);
                ps.setString(3, error);
                ps.setInt(4, attempts);
                ps.setString(5, SqlValues.instant(now));
                ps.setString(6, id);
                if (ps.executeUpdate() != 1) throw new SQLException("no capture with id " + id);
            }
            recordTransition(c, id, status, now, error);
            return null;
        });
    }

    /** Up to {@code limit} captures in {@code status}, oldest first. */
    public List<Capture> withStatus(CaptureStatus status, int limit) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM capture WHERE status = ? ORDER BY created_at LIMIT ?")) {
                ps.setString(1, status.name());
                ps.setInt(2, limit);
                return all(ps);
            }
        });
    }

    /**
     * Captures an earlier run left in {@code status}: the stages' resume-on-start lists. Captures this
     * process has moved since it opened the catalogue are already in its queues, and are not listed again.
     */
    public List<Capture> leftByEarlierRun(CaptureStatus status, int limit) {
        return withStatus(status, limit).stream().filter(c -> c.updatedAt().isBefore(openedAt)).toList();
    }

    /** How many captures are in each status. */
    public Map<CaptureStatus, Long> countByStatus() {
        return catalog.read(c -> {
            Map<CaptureStatus, Long> counts = new java.util.EnumMap<>(CaptureStatus.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM capture GROUP BY status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.put(CaptureStatus.valueOf(rs.getString(1)), rs.getLong(2));
            }
            return counts;
        });
    }

    /**
     * A status change inside another store's transaction (the extraction and its capture commit together). A
     * null {@code error} keeps the capture's notice (a truncated body stays visible all the way to MINED).
     */
    void transitionWithin(Connection c, String id, CaptureStatus status, String error) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement ps = c.prepareStatement("UPDATE capture SET status = ?, error = COALESCE(?, error), updated_at = ? WHERE id = ?")) {
            ps.setString(1, status.name());
            ps.setString(2, error);
            ps.setString(3, SqlValues.instant(now));
            ps.setString(4, id);
            if (ps.executeUpdate() != 1) throw new SQLException("no capture with id " + id);
        }
        recordTransition(c, id, status, now, error);
    }

    /** One recorded status change of a capture: the audit of its state machine. */
    public record Transition(CaptureStatus status, Instant at, String detail) {}

    /** Every status change of the capture, in the order they happened. */
    public List<Transition> history(String id) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, at, detail FROM capture_transition WHERE capture_id = ? ORDER BY rowid")) {
                ps.setString(1, id);
                List<Transition> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Transition(CaptureStatus.valueOf(rs.getString(1)), Instant.parse(rs.getString(2)), rs.getString(3)));
                }
                return out;
            }
        });
    }

    private void recordTransition(Connection c, String id, CaptureStatus status, Instant at, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO capture_transition (capture_id, status, at, detail) VALUES (?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, status.name());
            ps.setString(3, SqlValues.instant(at));
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    private Optional<Capture> first(PreparedStatement ps) throws SQLException {
        List<Capture> rows = all(ps);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<Capture> all(PreparedStatement ps) throws SQLException {
        List<Capture> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Capture(rs.getString("id"), rs.getString("url"), rs.getString("surt"),
                        CaptureStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("error"),
                        readTags(rs.getString("tags")), rs.getString("note"), rs.getString("requested_by"),
                        rs.getString("snapshot_id"), Instant.parse(rs.getString("created_at")),
                        Instant.parse(rs.getString("updated_at")), rs.getInt("tries"),
                        rs.getString("retry_at") == null ? null : Instant.parse(rs.getString("retry_at"))));
            }
        }
        return rows;
    }

    private String writeTags(Map<String, String> tags) {
        try {
            return json.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tags cannot be stored: " + e.getMessage(), e);
        }
    }

    private Map<String, String> readTags(String text) throws SQLException {
        try {
            return json.readValue(text, TAGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("stored tags are not JSON: " + e.getMessage(), e);
        }
    }
}
