package org.tracemap.ranker;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.StageFixture;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.review.ReviewService;

/**
 * A real catalogue in a temporary folder (the archive's {@code catalog.db}) with mined candidates that carry
 * features, decided through {@link ReviewService} as a reviewer would: for the example reader and the retrain command.
 */
public final class ReviewedCatalogue implements AutoCloseable {
    static final Gazetteer GAZETTEER = GazetteerLoader.bundled();

    final StageFixture fixture;
    final ReviewService review;
    private final Snapshot snapshot;
    private int next;

    public ReviewedCatalogue(Path archive) {
        fixture = new StageFixture(archive);
        ObjectMapper json = new ObjectMapper();
        review = new ReviewService(fixture.catalog, fixture.candidates, new DataPointStore(fixture.catalog, Clock.systemUTC(), json),
                new AuditLog(fixture.catalog, Clock.systemUTC(), json), GAZETTEER);
        snapshot = fixture.extracted("https://news.example/huawei", "Huawei abroad", "Huawei built data centres.");
    }

    /** A pending mined candidate (Huawei × data-centre × Kenya, a city of its own) with these features and rule score; its id. */
    public long mined(Map<String, Double> features, double score, Double rank) {
        String city = "Town" + (next++);
        fixture.candidates.addMined(snapshot, List.of(new CandidateStore.Mined("huawei", "data-centre", "KE", city, 2020,
                "Huawei built a data centre in " + city + ".", 0, 10, score, -1.29, 36.82, "city", features, rank)),
                fixture.captures, CaptureStatus.MINED, null);
        return fixture.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 10_000, 0)).getKey().stream()
                .filter(c -> c.city().equals(city)).findFirst().orElseThrow().id();
    }

    ReviewService.Outcome approve(long id, Map<String, Object> edits) {
        return review.decide(id, new ReviewService.Decision("approve", edits, null, null, 1), "alice");
    }

    void reject(long id) {
        review.decide(id, new ReviewService.Decision("reject", Map.of(), "a rumour, not a project", null, 1), "alice");
    }

    void merge(long id, long datapoint) {
        review.decide(id, new ReviewService.Decision("merge", null, null, String.valueOf(datapoint), 1), "alice");
    }

    /**
     * {@code n} decisions a reviewer could learn from: plain quotes approved, hedged quotes rejected, with a rule
     * score that does not tell them apart; returns the ids in the order made.
     */
    List<Long> decided(int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean hedged = i % 2 == 1;
            long id = mined(features(hedged, i), 0.75 + (i % 5) * 0.05, null);
            if (hedged) reject(id); else approve(id, Map.of());
            ids.add(id);
        }
        return ids;
    }

    public static Map<String, Double> features(boolean hedged, int i) {
        return Map.of("cue.hedge", hedged ? 1.0 : 0.0, "company.distance", (double) (i % 3), "score.rules", 0.75 + (i % 5) * 0.05,
                "source.html", 1.0);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
