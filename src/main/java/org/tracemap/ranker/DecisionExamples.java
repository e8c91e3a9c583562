package org.tracemap.ranker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tracemap.catalog.Catalog;

/**
 * Reads reviewers' decisions on mined candidates from the catalogue as labelled examples: approve and merge
 * accept the mined company × category × country, reject refuses it; an approve whose edits changed the company,
 * the category or the country refuses the triple the miner proposed (an "edit"), while other edits (city, year,
 * label...) still accept it. Each decided candidate is one example, with the features of the quote the reviewer
 * saw (its best-scoring source), and when the decision was made. Candidates mined before features were stored
 * (V8), and public submissions, have none and are counted as skipped.
 */
public final class DecisionExamples {
    /** The examples and how many decisions of each kind were read. */
    public record Read(List<LabelledExample> examples, Map<String, Integer> byAction, int skippedWithoutFeatures) {
        public long positives() {
            return examples.stream().filter(LabelledExample::positive).count();
        }

        public long negatives() {
            return examples.size() - positives();
        }
    }

    private static final List<String> TRIPLE = List.of("company", "category", "country");
    private static final TypeReference<Map<String, Double>> FEATURES = new TypeReference<>() {};

    private final Catalog catalog;
    private final ObjectMapper json;

    public DecisionExamples(Catalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    public Read read() {
        return catalog.read(c -> {
            Map<Long, Map<String, Double>> features = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cs.candidate_id, cs.features FROM candidate_source cs"
                    + " JOIN candidate ca ON ca.id = cs.candidate_id WHERE ca.origin = 'MINED' AND ca.status <> 'PENDING'"
                    + " AND cs.features IS NOT NULL ORDER BY cs.candidate_id, cs.score DESC, cs.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!features.containsKey(rs.getLong(1))) features.put(rs.getLong(1), parse(rs.getString(2)));
                }
            }
            List<LabelledExample> examples = new ArrayList<>();
            Map<String, Integer> byAction = new TreeMap<>();
            int skipped = 0;
            // A candidate is decided once (decisions need it PENDING); its audit entry says how.
            try (PreparedStatement ps = c.prepareStatement("SELECT a.candidate_id, a.action, a.detail, ca.score, a.at FROM audit_log a"
                    + " JOIN candidate ca ON ca.id = a.candidate_id WHERE ca.origin = 'MINED'"
                    + " AND a.action IN ('approve', 'merge', 'reject') ORDER BY a.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    String action = rs.getString(2);
                    if (action.equals("approve") && changedTriple(rs.getString(3))) action = "edit";
                    byAction.merge(action, 1, Integer::sum);
                    Map<String, Double> f = features.get(id);
                    if (f == null || f.isEmpty()) {
                        skipped++;
                        continue;
                    }
                    boolean positive = action.equals("approve") || action.equals("merge");
                    examples.add(new LabelledExample(id, action, positive, rs.getDouble(4), f, instant(rs.getString(5))));
                }
            }
            return new Read(examples, byAction, skipped);
        });
    }

    /** Whether an approve's audit detail records a change to the company, category or country. */
    private boolean changedTriple(String detail) throws SQLException {
        try {
            JsonNode changes = json.readTree(detail).path("changes");
            return TRIPLE.stream().anyMatch(changes::has);
        } catch (JsonProcessingException e) {
            throw new SQLException("audit detail is not JSON: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String at) {
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Map<String, Double> parse(String text) throws SQLException {
        try {
            return json.readValue(text, FEATURES);
        } catch (JsonProcessingException e) {
            throw new SQLException("candidate features are not a JSON object of numbers: " + e.getMessage(), e);
        }
    }
}
