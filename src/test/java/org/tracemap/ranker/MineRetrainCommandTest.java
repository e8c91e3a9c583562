package org.tracemap.ranker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.cli.TracemapCommand;
import picocli.CommandLine;

/** {@code tracemap mine retrain} end to end on a real catalogue whose decisions were made through the review service. */
class MineRetrainCommandTest {
    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TracemapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path model() {
        return dir.resolve("models/ranker.json");
    }

    private List<CandidateStore.Candidate> pending() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            return cat.fixture.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 50, 0)).getKey();
        }
    }

    @Test
    void retrainReportsTheFiguresWritesTheModelAndReRanksThePendingQueue() throws Exception {
        long hedged;
        long plain;
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            cat.decided(40);
            hedged = cat.mined(ReviewedCatalogue.features(true, 0), 0.95, null);
            plain = cat.mined(ReviewedCatalogue.features(false, 0), 0.75, null);
        }
        String archive = dir.toString();

        assertThat(run("mine", "retrain", "--archive", archive, "--dry-run")).isEqualTo(0);
        assertThat(out.toString()).contains("decisions: 20 approve, 20 reject", "examples: 20 accepted, 20 refused",
                "5-fold cross-validation on 40 decisions", "new model (p >= 0.5)", "rule score (>= 0.70)", "cue.hedge",
                "dry run: nothing written");
        // The rule score accepts all 40 (all >= 0.70): precision 0.5, recall 1, F1 0.667.
        assertThat(out.toString()).containsPattern("rule score \\(>= 0\\.70\\)\\s+0\\.500\\s+1\\.000\\s+0\\.667");
        assertThat(model()).doesNotExist();
        assertThat(pending()).extracting(CandidateStore.Candidate::id).containsExactly(hedged, plain); // by rule score
        assertThat(pending()).allSatisfy(c -> assertThat(c.rank()).isNull());

        assertThat(run("mine", "retrain", "--archive", archive)).isEqualTo(0);
        assertThat(out.toString()).containsPattern("new model \\(p >= 0\\.5\\)\\s+1\\.000\\s+1\\.000\\s+1\\.000")
                .contains("wrote " + model(), "re-ranked 2 pending candidates");
        RankerModel written = new ObjectMapper().readValue(model().toFile(), RankerModel.class);
        assertThat(written.weights().get("cue.hedge")).isLessThan(0);
        assertThat(written.examples()).containsEntry("positive", 20).containsEntry("negative", 20);
        assertThat(written.crossValidation().folds()).isEqualTo(5);
        assertThat(written.crossValidation().model().f1()).isEqualTo(1.0);
        List<CandidateStore.Candidate> queue = pending();
        assertThat(queue).extracting(CandidateStore.Candidate::id).containsExactly(plain, hedged); // by rank now
        assertThat(queue.get(0).rank()).isGreaterThan(0.5);
        assertThat(queue.get(1).rank()).isLessThan(0.5);

        assertThat(run("mine", "retrain", "--archive", archive, "--folds", "4")).isEqualTo(0);
        assertThat(out.toString()).contains("4-fold cross-validation", "current model (trained " + written.trainedAt() + ")", "wrote ");
    }

    @Test
    void tooFewDecisionsExitTwoAndWriteNothing() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            cat.decided(10);
        }
        assertThat(run("mine", "retrain", "--archive", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("too few decisions to train on: 10 examples (5 accepted, 5 refused); need at least 30");
        assertThat(model()).doesNotExist();

        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--min-examples", "8", "--dry-run")).isEqualTo(0);
        assertThat(model()).doesNotExist();
    }

    @Test
    void decisionsOfOneKindOnlyExitTwo() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            for (int i = 0; i < 31; i++) cat.approve(cat.mined(ReviewedCatalogue.features(false, i), 0.8, null), Map.of());
        }
        assertThat(run("mine", "retrain", "--archive", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("31 examples (31 accepted, 0 refused)", "both accepted and refused");
        assertThat(Files.exists(model())).isFalse();
    }

    @Test
    void badFoldsAreBadUsage() {
        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--folds", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--folds must be at least 2");
        assertThat(run("mine")).isEqualTo(2);
    }
}
