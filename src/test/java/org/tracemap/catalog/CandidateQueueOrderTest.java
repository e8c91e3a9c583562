package org.tracemap.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue follows the ranker's rank where there is one, and the rule score otherwise. */
class CandidateQueueOrderTest {
    @TempDir
    Path dir;

    private static CandidateStore.Mined mined(String city, double score, Double rank) {
        return new CandidateStore.Mined("huawei", "data-centre", "KE", city, null, "quote " + city, 0, 5, score, -1.3, 36.8, "city",
                Map.of("score.rules", score), rank);
    }

    private static List<String> cities(StageFixture f) {
        return f.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 50, 0)).getKey().stream()
                .map(CandidateStore.Candidate::city).toList();
    }

    @Test
    void rankedCandidatesComeFirstByRankThenTheRestByScore() {
        try (StageFixture f = new StageFixture(dir)) {
            Snapshot s = f.extracted("https://news.example/a", "A", "text");
            f.candidates.addMined(s, List.of(mined("HighScoreLowRank", 0.95, 0.2), mined("LowScoreHighRank", 0.7, 0.9),
                    mined("UnrankedBest", 0.99, null), mined("UnrankedWorst", 0.71, null), mined("Middle", 0.8, 0.5)),
                    f.captures, CaptureStatus.MINED, null);

            assertThat(cities(f)).containsExactly("LowScoreHighRank", "Middle", "HighScoreLowRank", "UnrankedBest", "UnrankedWorst");
            assertThat(f.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 50, 0)).getKey().get(0).rank())
                    .isEqualTo(0.9);
        }
    }

    @Test
    void newRanksReorderThePendingQueue() {
        try (StageFixture f = new StageFixture(dir)) {
            Snapshot s = f.extracted("https://news.example/a", "A", "text");
            f.candidates.addMined(s, List.of(mined("A", 0.9, null), mined("B", 0.8, null), mined("C", 0.7, null)), f.captures,
                    CaptureStatus.MINED, null);
            assertThat(cities(f)).containsExactly("A", "B", "C");

            Map<Long, Map<String, Double>> pending = f.candidates.pendingFeatures();
            assertThat(pending).hasSize(3);
            Map<Long, Double> ranks = new java.util.HashMap<>();
            pending.forEach((id, features) -> ranks.put(id, 1 - features.get("score.rules"))); // the model turned round
            assertThat(f.candidates.rank(ranks)).isEqualTo(3);

            assertThat(cities(f)).containsExactly("C", "B", "A");
        }
    }
}
