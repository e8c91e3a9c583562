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
        assertThat(out.toString()).contains("decisions: 20 approve, 20 reject", "examples: 20 accepted, 20 refused\n",
                "5-fold cross-validation on 40 decisions", "AP", "new model, cross-validated (p >= 0.5)", "rule score (>= 0.70), no training",
                "no current model: the rule score is the bar", "cue.hedge", "dry run: nothing written (the new model would replace");
        assertThat(out.toString()).doesNotContain("skipped");
        // The rule score accepts all 40 (all >= 0.70): precision 0.5, recall 1, F1 0.667; as an ordering it is poor.
        assertThat(out.toString()).containsPattern("rule score \\(>= 0\\.70\\), no training\\s+0\\.[0-6]\\d\\d\\s+0\\.500\\s+1\\.000\\s+0\\.667");
        assertThat(model()).doesNotExist();
        assertThat(pending()).extracting(CandidateStore.Candidate::id).containsExactly(hedged, plain); // by rule score
        assertThat(pending()).allSatisfy(c -> assertThat(c.rank()).isNull());

        assertThat(run("mine", "retrain", "--archive", archive)).isEqualTo(0);
        assertThat(out.toString()).containsPattern("new model, cross-validated \\(p >= 0\\.5\\)\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1\\.000")
                .contains("wrote " + model(), "re-ranked 2 pending candidates");
        RankerModel written = new ObjectMapper().readValue(model().toFile(), RankerModel.class);
        assertThat(written.weights().get("cue.hedge")).isLessThan(0);
        assertThat(written.examples()).containsEntry("positive", 20).containsEntry("negative", 20);
        assertThat(written.crossValidation().folds()).isEqualTo(5);
        assertThat(written.crossValidation().model().f1()).isEqualTo(1.0);
        assertThat(written.crossValidation().model().averagePrecision()).isEqualTo(1.0);
        assertThat(written.crossValidation().rules().averagePrecision()).isLessThan(0.7);
        List<CandidateStore.Candidate> queue = pending();
        assertThat(queue).extracting(CandidateStore.Candidate::id).containsExactly(plain, hedged); // by rank now
        assertThat(queue.get(0).rank()).isGreaterThan(0.5);
        assertThat(queue.get(1).rank()).isLessThan(0.5);

        // The model just written was trained on every decision: in sample only, so it is no bar.
        assertThat(run("mine", "retrain", "--archive", archive, "--folds", "4")).isEqualTo(0);
        assertThat(out.toString()).contains("4-fold cross-validation", "current model, in-sample (not a bar)",
                "current model trained " + written.trainedAt() + "; 0 decisions made since (out of sample): fewer than 10, so it is not a bar",
                "wrote ").doesNotContain("current model, out-of-sample");
    }

    /** A current model file, as an earlier retrain would have written it. */
    private void currentModel(String trainedAt, double hedgeWeight) throws Exception {
        Files.createDirectories(model().getParent());
        new ObjectMapper().writeValue(model().toFile(), new RankerModel(RankerModel.KIND, trainedAt, 1, 0.5, -1,
                Map.of("cue.hedge", hedgeWeight), Map.of(), Map.of("positive", 20, "negative", 20), null));
    }

    @Test
    void theCurrentModelIsJudgedOutOfSampleOnTheDecisionsMadeSinceItWasTrained() throws Exception {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            cat.decided(40);
        }
        currentModel("2000-01-01T00:00:00Z", 5.0); // favours hedged quotes: wrong on every decision made since

        assertThat(run("mine", "retrain", "--archive", dir.toString())).isEqualTo(0);

        assertThat(out.toString()).contains("current model trained 2000-01-01T00:00:00Z; 40 decisions made since (out of sample)\n",
                "on those 40 decisions", "current model, out-of-sample",
                "wrote " + model() + " (the new model's cross-validated AP is not below the rule score's",
                " nor the current model's out-of-sample AP (1.000 against 0.500 on the 40 decisions made since it was trained))");
        assertThat(out.toString()).containsPattern("current model, out-of-sample\\s+0\\.500\\s+0\\.000\\s+0\\.000\\s+0\\.000");
        assertThat(new ObjectMapper().readValue(model().toFile(), RankerModel.class).crossValidation().outOfSample().decisions()).isEqualTo(40);
    }

    @Test
    void aNewModelWhoseOrderingIsWorseThanTheRuleScoreIsNotWrittenUnlessForced() throws Exception {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            // The features cannot tell these apart; the rule score can.
            for (int i = 0; i < 40; i++) {
                long id = cat.mined(ReviewedCatalogue.features(false, 0), i % 2 == 0 ? 0.9 : 0.75, null);
                if (i % 2 == 0) cat.approve(id, Map.of()); else cat.reject(id);
            }
        }
        assertThat(run("mine", "retrain", "--archive", dir.toString())).isEqualTo(0);
        assertThat(out.toString()).contains("kept the current ordering: the new model's cross-validated AP is below the rule score's (",
                " against 1.000 on all 40 decisions) (--force replaces it anyway)");
        assertThat(model()).doesNotExist();

        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--dry-run", "--force")).isEqualTo(0);
        assertThat(model()).doesNotExist();

        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--force")).isEqualTo(0);
        assertThat(out.toString()).contains("replacing anyway (--force): ", "wrote " + model() + " (forced)");
        assertThat(model()).exists();
    }

    @Test
    void moreFoldsThanTheSmallerClassHasDecisionsAreCutDownAndSaid() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            for (int i = 0; i < 30; i++) cat.approve(cat.mined(ReviewedCatalogue.features(false, i), 0.8, null), Map.of());
            for (int i = 0; i < 3; i++) cat.reject(cat.mined(ReviewedCatalogue.features(true, i), 0.8, null));
            cat.reject(cat.mined(Map.of(), 0.8, null)); // no features: skipped
        }
        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--folds", "10", "--dry-run")).isEqualTo(0);
        assertThat(out.toString()).contains("examples: 30 accepted, 3 refused (1 decision skipped: mined before features were stored)",
                "folds: 3 instead of 10: each fold needs an accepted and a refused decision, and there are only 3 refused",
                "3-fold cross-validation on 33 decisions");
    }

    @Test
    void anArchiveWhereTheModelCannotBeWrittenSaysWhyAndExitsOne() throws Exception {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            cat.decided(40);
        }
        Files.writeString(dir.resolve("models"), "not a folder");

        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--force")).isEqualTo(1);

        // (The current model cannot be read either: a warning first, then the error.)
        assertThat(err.toString().strip().lines().reduce((a, b) -> b)).contains("error: cannot create " + dir.resolve("models")
                + ": a file of that name is in the way");
        assertThat(dir.resolve("models")).isRegularFile().hasContent("not a folder");
    }

    @Test
    void aFolderWithoutWritePermissionIsNamedWithTheReason() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            cat.decided(40);
        }
        Path models = Files.createDirectories(dir.resolve("models"));
        models.toFile().setWritable(false, false);
        try {
            assertThat(run("mine", "retrain", "--archive", dir.toString(), "--force")).isEqualTo(1);
            assertThat(err.toString().strip()).isEqualTo("error: cannot write " + model() + ": permission denied");
        } finally {
            models.toFile().setWritable(true, false);
        }
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
        assertThat(err.toString()).contains("31 examples (31 accepted, 0 refused)", "both accepted and refused ones (at least 2 of each");
        assertThat(Files.exists(model())).isFalse();
    }

    @Test
    void badFoldsAreBadUsage() {
        assertThat(run("mine", "retrain", "--archive", dir.toString(), "--folds", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--folds must be at least 2");
        assertThat(run("mine")).isEqualTo(2);
    }
}
