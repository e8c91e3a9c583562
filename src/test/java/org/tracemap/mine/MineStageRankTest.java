package org.tracemap.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.StageFixture;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.limits.TimeLimiter;

/** The mine stage stores each candidate's features (the miner's and the source's kind) and, with a model, its rank. */
class MineStageRankTest {
    @TempDir
    Path dir;

    @Test
    void minedCandidatesKeepTheirFeaturesAndTheRankOfThem() {
        MineSettings settings = MineSettings.defaults();
        List<Map<String, Double>> asked = new ArrayList<>();
        try (StageFixture f = new StageFixture(dir);
             TimeLimiter limiter = new TimeLimiter("mining", "tracemap.mine.time-limit", settings.timeLimit())) {
            MineStage stage = new MineStage(new CandidateMiner(GazetteerLoader.bundled(), settings), settings, limiter, f.extractions,
                    f.candidates, f.captures, f.snapshots, features -> {
                        asked.add(features);
                        return 0.42;
                    });
            Snapshot s = f.extracted("https://x.example/dc", "Data centre", "Huawei built a data centre in Nairobi, Kenya.");
            assertThat(stage.mine(s)).isEqualTo(1);

            CandidateStore.Candidate c = f.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 10, 0)).getKey().get(0);
            assertThat(c.rank()).isEqualTo(0.42);
            assertThat(c.features()).containsEntry("source.html", 1.0).containsEntry("source.pdf", 0.0).containsEntry("lang.en", 1.0)
                    .containsEntry("lang.zh", 0.0).containsKeys("cue.hedge", "company.distance", "score.rules");
            assertThat(asked).singleElement().isEqualTo(c.features());
        }
    }
}
