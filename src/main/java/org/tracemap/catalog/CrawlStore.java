package org.tracemap.catalog;

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

/**
 * Crawl definitions, runs and each run's frontier. The frontier is the run's memory: every URL it found,
 * by normalised form, and how far it got, so a run survives a restart and never captures a URL twice.
 */
public final class CrawlStore {
    /** A stored definition (JSON as given) and where it came from (FILE or API). */
    public record StoredCrawl(String name, String definition, String source, String updatedAt) {}

    public record Run(long id, String crawl, String status, String startedAt, String endedAt, String error, String robotsNote) {}

    /** A frontier row. */
    public record Entry(String urlKey, String url, String host, int depth, String via, String status, String captureId) {}

    /**
     * The live counts of a run, as the API shows them.
     *
     * @param answeredError captured pages (counted in {@code captured} and in new/changed/unchanged) whose origin
     *                      answered 4xx/5xx: archived error pages, not the pages themselves
     */
    public record Counts(int discovered, int captured, int newPages, int changed, int unchanged, int gone, int failed, int blockedByRobots,
                         int pending, int answeredError) {}

    private final Catalog catalog;
    private final Clock clock;

    public CrawlStore(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public void saveDefinition(String name, String json, String source) {
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crawl (name, definition, source, updated_at) VALUES (?,?,?,?)"
                    + " ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, source = excluded.source, updated_at = excluded.updated_at")) {
                ps.setString(1, name);
                ps.setString(2, json);
                ps.setString(3, source);
                ps.setString(4, clock.instant().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<StoredCrawl> definitions() {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, definition, source, updated_at FROM crawl ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<StoredCrawl> out = new ArrayList<>();
                while (rs.next()) out.add(new StoredCrawl(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                return out;
            }
        });
    }

    public Optional<StoredCrawl> definition(String name) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, definition, source, updated_at FROM crawl WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredCrawl(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))) : Optional.empty();
                }
            }
        });
    }

    /** Starts a run (STARTING); when one of this crawl is already STARTING or RUNNING, its id is returned negated. */
    public long startRun(String crawl, String robotsNote) {
        return catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM crawl_run WHERE crawl = ? AND status IN ('STARTING', 'RUNNING')")) {
                ps.setString(1, crawl);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) return -rs.getLong(1);
                }
            }
            // STARTING until its frontier is seeded, so the stepper does not see an empty run and finish it.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO crawl_run (crawl, status, started_at, robots_note) VALUES (?, 'STARTING', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, crawl);
                ps.setString(2, clock.instant().toString());
                ps.setString(3, robotsNote);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** A seeded run: from now on the stepper moves it on. */
    public void markRunning(long id) {
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE crawl_run SET status = 'RUNNING' WHERE id = ? AND status = 'STARTING'")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** At start: runs a stop caught while reading their sitemaps and feeds cannot resume; they are FAILED with that reason. */
    public int failInterruptedStarts() {
        return catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE crawl_run SET status = 'FAILED', ended_at = ?, error = ? WHERE status = 'STARTING'")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, "interrupted while reading its seeds, sitemaps and feeds; start it again");
                return ps.executeUpdate();
            }
        });
    }

    public void endRun(long id, String status, String error) {
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE crawl_run SET status = ?, ended_at = ?, error = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, clock.instant().toString());
                ps.setString(3, error);
                ps.setLong(4, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Run> run(long id) {
        List<Run> runs = runs("WHERE id = ?", id);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    public List<Run> running() {
        return runs("WHERE status = 'RUNNING'", null);
    }

    /** Every run of a crawl, newest first. */
    public List<Run> runsOf(String crawl) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, crawl, status, started_at, ended_at, error, robots_note FROM crawl_run"
                    + " WHERE crawl = ? ORDER BY id DESC")) {
                ps.setString(1, crawl);
                return readRuns(ps);
            }
        });
    }

    private List<Run> runs(String where, Long id) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, crawl, status, started_at, ended_at, error, robots_note FROM crawl_run "
                    + where + " ORDER BY id")) {
                if (id != null) ps.setLong(1, id);
                return readRuns(ps);
            }
        });
    }

    private static List<Run> readRuns(PreparedStatement ps) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                    rs.getString(7)));
        }
        return out;
    }

    /**
     * Adds newly discovered URLs as PENDING, skipping those the run already has, up to {@code maxPages}
     * rows in all. Returns how many were added.
     */
    public int discover(long runId, List<Entry> found, int maxPages) {
        if (found.isEmpty()) return 0;
        return catalog.write(c -> {
            int have;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM frontier WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    have = rs.getInt(1);
                }
            }
            int added = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO frontier (run_id, url_key, url, host, depth, via, status, updated_at)"
                    + " VALUES (?,?,?,?,?,?,'PENDING',?) ON CONFLICT (run_id, url_key) DO NOTHING")) {
                for (Entry e : found) {
                    if (have + added >= maxPages) break;
                    ps.setLong(1, runId);
                    ps.setString(2, e.urlKey());
                    ps.setString(3, e.url());
                    ps.setString(4, e.host());
                    ps.setInt(5, e.depth());
                    ps.setString(6, e.via());
                    ps.setString(7, clock.instant().toString());
                    added += ps.executeUpdate();
                }
            }
            return added;
        });
    }

    /** Rows of a run in one status, shallowest first. */
    public List<Entry> withStatus(long runId, String status, int limit) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT url_key, url, host, depth, via, status, capture_id FROM frontier"
                    + " WHERE run_id = ? AND status = ? ORDER BY depth, url_key LIMIT ?")) {
                ps.setLong(1, runId);
                ps.setString(2, status);
                ps.setInt(3, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
                return out;
            }
        });
    }

    /** PENDING rows, shallowest first, at most {@code perHost} of each host. */
    public List<Entry> pendingAcrossHosts(long runId, int perHost, int limit) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT url_key, url, host, depth, via, status, capture_id FROM ("
                    + " SELECT *, ROW_NUMBER() OVER (PARTITION BY host ORDER BY depth, url_key) AS nth FROM frontier"
                    + " WHERE run_id = ? AND status = 'PENDING') WHERE nth <= ? ORDER BY depth, url_key LIMIT ?")) {
                ps.setLong(1, runId);
                ps.setInt(2, perHost);
                ps.setInt(3, limit);
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getString(6), rs.getString(7)));
                }
                return out;
            }
        });
    }

    /** Captures in flight per host, for per-host politeness in the frontier. */
    public Map<String, Integer> queuedPerHost(long runId) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT host, COUNT(*) FROM frontier WHERE run_id = ? AND status = 'QUEUED' GROUP BY host")) {
                ps.setLong(1, runId);
                Map<String, Integer> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                }
                return out;
            }
        });
    }

    /** Moves one row on: {@code captureId}, {@code outcome} and {@code error} are kept when null. */
    public void update(long runId, String urlKey, String status, String captureId, String outcome, String error) {
        catalog.write(c -> {
            updateWithin(c, runId, urlKey, status, captureId, outcome, error);
            return null;
        });
    }

    private void updateWithin(Connection c, long runId, String urlKey, String status, String captureId, String outcome, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE frontier SET status = ?, capture_id = COALESCE(?, capture_id),"
                + " outcome = COALESCE(?, outcome), error = COALESCE(?, error), updated_at = ? WHERE run_id = ? AND url_key = ?")) {
            ps.setString(1, status);
            ps.setString(2, captureId);
            ps.setString(3, outcome);
            ps.setString(4, error);
            ps.setString(5, clock.instant().toString());
            ps.setLong(6, runId);
            ps.setString(7, urlKey);
            ps.executeUpdate();
        }
    }

    public Counts counts(long runId) {
        return catalog.read(c -> {
            int[] n = new int[10];
            try (PreparedStatement ps = c.prepareStatement("SELECT status, outcome, error IS NOT NULL, COUNT(*) FROM frontier WHERE run_id = ?"
                    + " GROUP BY status, outcome, error IS NOT NULL")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String status = rs.getString(1);
                        String outcome = rs.getString(2);
                        boolean withError = rs.getBoolean(3);
                        int k = rs.getInt(4);
                        n[0] += k;
                        switch (status) {
                            case "DONE" -> {
                                if (!"FRESH".equals(outcome) && !"FAILED".equals(outcome)) n[1] += k; // FRESH: captured recently, skipped
                                // A settled page carries an error only when the origin answered 4xx/5xx (CrawlRunner.settle).
                                if (withError && !"FRESH".equals(outcome) && !"FAILED".equals(outcome)) n[9] += k;
                                if ("NEW".equals(outcome)) n[2] += k;
                                else if ("CHANGED".equals(outcome)) n[3] += k;
                                else if ("UNCHANGED".equals(outcome)) n[4] += k;
                                else if ("GONE".equals(outcome)) n[5] += k;
                            }
                            case "FAILED" -> {
                                if ("GONE".equals(outcome)) n[5] += k; // no longer resolves: gone, not a failure
                                else n[6] += k;
                            }
                            case "BLOCKED" -> n[7] += k;
                            default -> n[8] += k;
                        }
                    }
                }
            }
            return new Counts(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]);
        });
    }

    /** A run's errors grouped by cause, most frequent first. */
    public Map<String, Integer> errors(long runId) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT error, COUNT(*) n FROM frontier WHERE run_id = ? AND error IS NOT NULL"
                    + " GROUP BY error ORDER BY n DESC, error LIMIT 50")) {
                ps.setLong(1, runId);
                Map<String, Integer> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                }
                return out;
            }
        });
    }

    /** One entry of the change feed. {@code timestamp} is null for a URL that no longer resolves (GONE without a snapshot). */
    public record Change(String url, String timestamp, String change, Integer httpStatus, String at, String crawl, long runId) {}

    /**
     * What crawls found since {@code sinceIso}: NEW, CHANGED and GONE pages (UNCHANGED too when asked), oldest
     * first; {@code crawl} null for every crawl.
     */
    public List<Change> changes(String crawl, String sinceIso, boolean withUnchanged, int limit) {
        return catalog.read(c -> {
            String kinds = withUnchanged ? "'NEW','CHANGED','GONE','UNCHANGED'" : "'NEW','CHANGED','GONE'";
            String sql = "SELECT * FROM ("
                    + " SELECT s.url AS url, s.timestamp AS ts, s.change_kind AS change, s.http_status AS status, s.captured_at AS at, r.crawl AS crawl, r.id AS run"
                    + " FROM frontier f JOIN crawl_run r ON r.id = f.run_id JOIN capture cap ON cap.id = f.capture_id JOIN snapshot s ON s.id = cap.snapshot_id"
                    + " WHERE s.change_kind IN (" + kinds + ") AND s.captured_at >= ? AND (? IS NULL OR r.crawl = ?)"
                    + " UNION ALL"
                    + " SELECT f.url, NULL, 'GONE', NULL, f.updated_at, r.crawl, r.id FROM frontier f JOIN crawl_run r ON r.id = f.run_id"
                    + " WHERE f.status = 'FAILED' AND f.outcome = 'GONE' AND f.updated_at >= ? AND (? IS NULL OR r.crawl = ?)"
                    + ") ORDER BY at, url LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sinceIso);
                ps.setString(2, crawl);
                ps.setString(3, crawl);
                ps.setString(4, sinceIso);
                ps.setString(5, crawl);
                ps.setString(6, crawl);
                ps.setInt(7, limit);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int status = rs.getInt(4);
                        out.add(new Change(rs.getString(1), rs.getString(2), rs.getString(3), rs.wasNull() ? null : status, rs.getString(5),
                                rs.getString(6), rs.getLong(7)));
                    }
                }
                return out;
            }
        });
    }
}
