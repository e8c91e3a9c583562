package org.tracemap.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Extractions in the catalogue, one per snapshot: extracting a snapshot again replaces its row. */
public final class ExtractionStore {
    /** A stored extraction; {@code error} is set (and the text empty) when the document could not be extracted. */
    public record Extraction(String snapshotId, String captureId, String title, LocalDate published, String lang, String text,
                             List<String> outlinks, boolean truncated, String error) {}

    private final Catalog catalog;
    private final Clock clock;
    private final ObjectMapper json;

    public ExtractionStore(Catalog catalog, Clock clock, ObjectMapper json) {
        this.catalog = catalog;
        this.clock = clock;
        this.json = json;
    }

    /** Stores the extraction and moves its capture to {@code status}, in one transaction. */
    public void save(Extraction e, CaptureStore captures, CaptureStatus status, String captureError) {
        String outlinks;
        try {
            outlinks = json.writeValueAsString(e.outlinks());
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("outlinks cannot be stored: " + x.getMessage(), x);
        }
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO extraction (snapshot_id, capture_id, title, published, lang, text,"
                    + " outlinks, truncated, error, extracted_at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (snapshot_id) DO UPDATE SET"
                    + " title = excluded.title, published = excluded.published, lang = excluded.lang, text = excluded.text,"
                    + " outlinks = excluded.outlinks, truncated = excluded.truncated, error = excluded.error, extracted_at = excluded.extracted_at")) {
                ps.setString(1, e.snapshotId());
                ps.setString(2, e.captureId());
                ps.setString(3, e.title());
                ps.setString(4, e.published() == null ? null : e.published().toString());
                ps.setString(5, e.lang());
                ps.setString(6, e.text());
                ps.setString(7, outlinks);
                ps.setInt(8, e.truncated() ? 1 : 0);
                ps.setString(9, e.error());
                ps.setString(10, clock.instant().toString());
                ps.executeUpdate();
            }
            captures.transitionWithin(c, e.captureId(), status, captureError);
            return null;
        });
    }

    public Optional<Extraction> find(String snapshotId) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT snapshot_id, capture_id, title, published, lang, text, outlinks, truncated, error"
                    + " FROM extraction WHERE snapshot_id = ?")) {
                ps.setString(1, snapshotId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    List<String> links;
                    try {
                        links = json.readValue(rs.getString("outlinks"), new TypeReference<List<String>>() {});
                    } catch (JsonProcessingException x) {
                        throw new java.sql.SQLException("stored outlinks are not JSON: " + x.getMessage(), x);
                    }
                    String published = rs.getString("published");
                    return Optional.of(new Extraction(rs.getString("snapshot_id"), rs.getString("capture_id"), rs.getString("title"),
                            published == null ? null : LocalDate.parse(published), rs.getString("lang"), rs.getString("text"), links,
                            rs.getInt("truncated") == 1, rs.getString("error")));
                }
            }
        });
    }
}
