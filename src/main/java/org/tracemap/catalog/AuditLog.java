package org.tracemap.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review audit trail: one entry per decision, appended in the decision's own transaction. The table
 * refuses UPDATE and DELETE (triggers in V3), so the trail cannot be rewritten through the application.
 */
public final class AuditLog {
    /** One decision: who, when, what, on which candidate and data point, and its details (reason, changes). */
    public record Entry(long id, String at, String actor, String action, Long candidateId, Long datapointId, Map<String, Object> detail) {}

    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;

    public AuditLog(Catalog catalog, Clock clock, ObjectMapper json) {
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    public void appendWithin(Connection c, String actor, String action, Long candidateId, Long datapointId, Map<String, Object> detail)
            throws SQLException {
        String body;
        try {
            body = json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new SQLException("audit detail cannot be written as JSON: " + e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, action, candidate_id, datapoint_id, detail)"
                + " VALUES (?,?,?,?,?,?)")) {
            ps.setString(1, clock.instant().toString());
            ps.setString(2, actor);
            ps.setString(3, action);
            if (candidateId == null) ps.setNull(4, java.sql.Types.INTEGER); else ps.setLong(4, candidateId);
            if (datapointId == null) ps.setNull(5, java.sql.Types.INTEGER); else ps.setLong(5, datapointId);
            ps.setString(6, body);
            ps.executeUpdate();
        }
    }

    /** Entries in the order they were written; {@code candidateId} null for all of them. */
    public List<Entry> entries(Long candidateId) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, candidate_id, datapoint_id, detail FROM audit_log"
                    + (candidateId == null ? "" : " WHERE candidate_id = ?") + " ORDER BY id")) {
                if (candidateId != null) ps.setLong(1, candidateId);
                return read(ps);
            }
        });
    }

    /** The newest entry about a candidate, within the caller's transaction: what an undo reverses. */
    public Optional<Entry> latestWithin(Connection c, long candidateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, candidate_id, datapoint_id, detail FROM audit_log"
                + " WHERE candidate_id = ? ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, candidateId);
            List<Entry> found = read(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private List<Entry> read(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long cand = rs.getLong(5);
                Long candidate = rs.wasNull() ? null : cand;
                long dp = rs.getLong(6);
                Long datapoint = rs.wasNull() ? null : dp;
                Map<String, Object> detail;
                try {
                    detail = json.readValue(rs.getString(7), new TypeReference<Map<String, Object>>() {});
                } catch (JsonProcessingException e) {
                    throw new SQLException("audit entry " + rs.getLong(1) + " is not JSON: " + e.getMessage(), e);
                }
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), candidate, datapoint, detail));
            }
        }
        return out;
    }
}
