package org.tracemap.ranker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on synthetic decisions whose answer is known. */
class RankerTrainerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T10:00:00Z"), ZoneOffset.UTC);
    private final RankerTrainer trainer = new RankerTrainer(1.0, CLOCK);

    @TempDir
    Path dir;

    /**
     * Accepted exactly when the company is in the sentence and the sentence does not hedge; a distance that
     * agrees loosely, and a feature that is pure noise. The rule score is high for everyone (it cannot tell).
     */
    private static List<LabelledExample> separable(int n, long seed) {
        Random random = new Random(seed);
        List<LabelledExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean inSentence = random.nextBoolean();
            boolean hedge = random.nextInt(3) == 0;
            boolean accepted = inSentence && !hedge;
            Map<String, Double> f = Map.of("company.inSentence", inSentence ? 1.0 : 0.0, "cue.hedge", hedge ? 1.0 : 0.0,
                    "company.distance", inSentence ? 0.0 : 1.0 + random.nextInt(3), "noise", random.nextGaussian());
            out.add(new LabelledExample(i, accepted ? "approve" : "reject", accepted, 0.8, f));
        }
        return out;
    }

    @Test
    void learnsTheSignOfEachFeatureFromSeparableDecisions() {
        RankerModel m = trainer.train(separable(200, 1));

        assertThat(m.weights().get("company.inSentence")).isGreaterThan(0.5);
        assertThat(m.weights().get("cue.hedge")).isLessThan(-0.5);
        assertThat(m.weights().get("company.distance")).isLessThan(0);
        assertThat(Math.abs(m.weights().get("noise"))).isLessThan(Math.abs(m.weights().get("cue.hedge")) / 3);
        assertThat(m.examples()).containsEntry("positive", (int) separable(200, 1).stream().filter(LabelledExample::positive).count());
        assertThat(m.trainedAt()).isEqualTo("2026-12-08T10:00:00Z");
        Map<String, Double> good = Map.of("company.inSentence", 1.0, "cue.hedge", 0.0, "company.distance", 0.0, "noise", 0.0);
        Map<String, Double> hedged = Map.of("company.inSentence", 1.0, "cue.hedge", 1.0, "company.distance", 0.0, "noise", 0.0);
        assertThat(m.probability(good)).isGreaterThan(0.8);
        assertThat(m.probability(hedged)).isLessThan(0.2);
    }

    @Test
    void crossValidatedFiguresAreInRangeAndBeatTheRuleScoreThatCannotTellThemApart() {
        List<LabelledExample> examples = separable(200, 2);
        long positives = examples.stream().filter(LabelledExample::positive).count();

        RankerModel.CrossValidation cv = trainer.crossValidate(examples, 5, 0.7, null);

        assertThat(cv.folds()).isEqualTo(5);
        assertThat(cv.model().precision()).isBetween(0.9, 1.0);
        assertThat(cv.model().recall()).isBetween(0.9, 1.0);
        assertThat(cv.model().f1()).isBetween(0.9, 1.0);
        int judged = cv.model().truePositives() + cv.model().falsePositives() + cv.model().falseNegatives() + cv.model().trueNegatives();
        assertThat(judged).as("every decision held out once").isEqualTo(200);
        // Everyone scores 0.8 >= 0.7: the rules accept all, so their precision is the share accepted and their recall 1.
        assertThat(cv.rules().recall()).isEqualTo(1.0);
        assertThat(cv.rules().precision()).isCloseTo((double) positives / 200, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(cv.model().f1()).isGreaterThan(cv.rules().f1());
        // As an ordering the rules are all ties: their AP is the share accepted; the model's out-of-fold order is near perfect.
        assertThat(cv.rules().averagePrecision()).isCloseTo((double) positives / 200, org.assertj.core.data.Offset.offset(0.0001));
        assertThat(cv.model().averagePrecision()).isGreaterThan(0.95);
        assertThat(cv.previousModel()).isNull();
        assertThat(cv.outOfSample()).isNull();
    }

    @Test
    void theCurrentModelIsJudgedOutOfSampleOnlyOnDecisionsMadeAfterItWasTrained() {
        Instant trained = Instant.parse("2026-12-01T09:00:00Z");
        List<LabelledExample> examples = new ArrayList<>();
        int i = 0;
        for (LabelledExample e : separable(100, 3)) {
            // 40 before (the last ones within the second it was trained in: it may have seen those), 60 after.
            Instant at = i < 30 ? trained.minusSeconds(100 - i) : i < 40 ? trained.plusMillis(i * 20) : trained.plusSeconds(i);
            examples.add(new LabelledExample(e.candidateId(), e.action(), e.positive(), e.ruleScore(), e.features(), at));
            i++;
        }
        RankerModel backwards = new RankerModel(RankerModel.KIND, trained.toString(), 1, 0.5, 0, Map.of("cue.hedge", 5.0), Map.of(), Map.of(), null);

        RankerModel.CrossValidation cv = trainer.crossValidate(examples, 4, 0.7, backwards);

        int inSample = cv.previousModel().truePositives() + cv.previousModel().falsePositives() + cv.previousModel().falseNegatives()
                + cv.previousModel().trueNegatives();
        assertThat(inSample).as("in-sample: every decision").isEqualTo(100);
        RankerModel.OutOfSample oos = cv.outOfSample();
        assertThat(oos.after()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(oos.decisions()).isEqualTo(60);
        Figures p = oos.previousModel();
        assertThat(p.truePositives() + p.falsePositives() + p.falseNegatives() + p.trueNegatives()).isEqualTo(60);
        assertThat(oos.rules().averagePrecision()).isEqualTo(Figures.averagePrecision(examples.subList(40, 100).stream()
                .map(e -> new Figures.Scored(e.ruleScore(), e.positive())).toList()), org.assertj.core.data.Offset.offset(0.0001));
        assertThat(oos.previousModel().averagePrecision()).isLessThan(oos.model().averagePrecision());
        assertThat(oos.model().averagePrecision()).isGreaterThan(0.9);
        assertThat(Replacement.judge(cv).replace()).isTrue();
    }

    @Test
    void aModelTrainedAfterEveryDecisionHasNoOutOfSampleDecisions() {
        List<LabelledExample> examples = separable(60, 7).stream().map(e -> new LabelledExample(e.candidateId(), e.action(),
                e.positive(), e.ruleScore(), e.features(), Instant.parse("2026-12-08T09:59:59.900Z"))).toList();
        RankerModel current = trainer.train(examples); // trainedAt 10:00:00 (the fixed clock), after every decision

        RankerModel.CrossValidation cv = trainer.crossValidate(examples, 5, 0.7, current);

        assertThat(cv.outOfSample().decisions()).isZero();
        assertThat(cv.outOfSample().previousModel()).isNull();
        assertThat(cv.previousModel()).as("in sample, shown but no bar").isNotNull();
        assertThat(Replacement.usable(cv.outOfSample())).isFalse();
    }

    @Test
    void moreFoldsThanTheSmallerClassHasDecisionsAreRefused() {
        List<LabelledExample> examples = new ArrayList<>(separable(40, 8).stream().filter(LabelledExample::positive).toList());
        examples.addAll(separable(40, 9).stream().filter(e -> !e.positive()).limit(3).toList());
        assertThat(RankerTrainer.maxFolds(examples)).isEqualTo(3);
        assertThatThrownBy(() -> trainer.crossValidate(examples, 4, 0.7, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 folds need at least 4 accepted and 4 refused");
        assertThat(trainer.crossValidate(examples, 3, 0.7, null).folds()).isEqualTo(3);
    }

    @Test
    void foldsAreStratifiedAndDeterministic() {
        List<LabelledExample> examples = separable(50, 4);
        var folds = RankerTrainer.folds(examples, 5);
        assertThat(folds).hasSize(5).allSatisfy(f -> assertThat(f).hasSizeBetween(9, 11));
        long positives = examples.stream().filter(LabelledExample::positive).count();
        for (var f : folds) {
            assertThat(f.stream().filter(LabelledExample::positive).count()).isBetween(positives / 5, positives / 5 + 1);
        }
        assertThat(RankerTrainer.folds(examples, 5)).isEqualTo(folds);
    }

    @Test
    void oneClassOnlyCannotBeTrained() {
        List<LabelledExample> all = separable(40, 5).stream().filter(LabelledExample::positive).toList();
        assertThatThrownBy(() -> trainer.train(all)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accepted and rejected");
    }

    @Test
    void theModelFileRoundTripsAndGivesTheSameProbabilities() throws Exception {
        List<LabelledExample> examples = separable(100, 6);
        RankerModel m = trainer.train(examples).withCrossValidation(trainer.crossValidate(examples, 5, 0.7, null));
        RankerFile file = new RankerFile(RankerFile.in(dir), new ObjectMapper());
        assertThat(file.current()).isEmpty();
        assertThat(file.apply(examples.get(0).features())).isNull();

        file.replace(m);

        RankerFile other = new RankerFile(dir.resolve("models/ranker.json"), new ObjectMapper());
        assertThat(other.current()).contains(m);
        for (LabelledExample e : examples) assertThat(other.apply(e.features())).isEqualTo(m.probability(e.features()));
        String text = java.nio.file.Files.readString(dir.resolve("models/ranker.json"));
        assertThat(text).contains("\"weights\"", "\"cue.hedge\"", "\"bias\"", "\"threshold\"", "\"trainedAt\"", "\"crossValidation\"",
                "\"examples\"");
    }

    @Test
    void aModelThatCannotBeWrittenSaysWhy() throws Exception {
        assertThat(RankerFile.reason(new java.nio.file.AccessDeniedException("/tmp/x/models"))).isEqualTo("permission denied");
        assertThat(RankerFile.reason(new java.nio.file.FileSystemException("/tmp/x/models", null, "Read-only file system")))
                .isEqualTo("read-only file system");
        java.nio.file.Files.writeString(dir.resolve("models"), "in the way");
        RankerFile file = new RankerFile(RankerFile.in(dir), new ObjectMapper());
        assertThatThrownBy(() -> file.replace(trainer.train(separable(40, 10))))
                .hasMessage("cannot create " + dir.resolve("models") + ": a file of that name is in the way");
    }
}
