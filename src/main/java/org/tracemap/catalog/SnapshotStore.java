package org.tracemap.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Snapshots in the catalogue: what was archived for each capture, and every capture of a URL. */
public final class SnapshotStore {
    private static final String COLUMNS = "id, capture_id, hop, url, surt, timestamp, captured_at, http_status, content_type, "
            + "payload_digest, change_kind, record_type, refers_to, truncated, warc_file, warc_offset, warc_length";

    private final Catalog catalog;

    public SnapshotStore(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Stores the snapshots of one capture (one per redirect hop) in one transaction. */
    public void insertAll(List<Snapshot> snapshots) {
        catalog.write(c -> {
            insertAll(c, snapshots);
            return null;
        });
    }

    /** Inserts within the caller's transaction (see {@link CaptureStore#settle}). */
    static void insertAll(java.sql.Connection c, List<Snapshot> snapshots) throws SQLException {
        if (snapshots.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Snapshot s : snapshots) {
                ps.setString(1, s.id());
                ps.setString(2, s.captureId());
                ps.setInt(3, s.hop());
                ps.setString(4, s.url());
                ps.setString(5, s.surt());
                ps.setString(6, s.timestamp());
                ps.setString(7, s.capturedAt().toString());
                ps.setInt(8, s.httpStatus());
                ps.setString(9, s.contentType());
                ps.setString(10, s.payloadDigest());
                ps.setString(11, s.change().name());
                ps.setString(12, s.recordType());
                ps.setString(13, s.refersTo());
                ps.setString(14, s.truncated());
                ps.setString(15, s.warcFile());
                ps.setLong(16, s.warcOffset());
                ps.setLong(17, s.warcLength());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Snapshot> find(String id) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM snapshot WHERE id = ?")) {
                ps.setString(1, id);
                List<Snapshot> rows = all(ps);
                return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
            }
        });
    }

    /** Every capture of exactly this URL, newest first. */
    public List<Snapshot> forUrl(String surt, String url) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM snapshot WHERE surt = ? AND url = ? ORDER BY captured_at DESC, hop DESC")) {
                ps.setString(1, surt);
                ps.setString(2, url);
                return all(ps);
            }
        });
    }

    /** The newest snapshot of this URL, the baseline for change detection. */
    public Optional<Snapshot> latest(String surt, String url) {
        List<Snapshot> all = forUrl(surt, url);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private List<Snapshot> all(PreparedStatement ps) throws SQLException {
        List<Snapshot> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Snapshot(rs.getString("id"), rs.getString("capture_id"), rs.getInt("hop"), rs.getString("url"),
                        rs.getString("surt"), rs.getString("timestamp"), Instant.parse(rs.getString("captured_at")),
                        rs.getInt("http_status"), rs.getString("content_type"), rs.getString("payload_digest"),
                        ChangeKind.valueOf(rs.getString("change_kind")), rs.getString("record_type"),
                        rs.getString("refers_to"), rs.getString("truncated"), rs.getString("warc_file"),
                        rs.getLong("warc_offset"), rs.getLong("warc_length")));
            }
        }
        return rows;
    }
}
