package org.tracemap.ranker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureStatus;

/** Reviewers' decisions, read back from the catalogue, become the right labels. */
class DecisionExamplesTest {
    @TempDir
    Path dir;

    @Test
    void approveMergeAndEditsThatKeepTheTripleAcceptWhileRejectAndEditsThatChangeItRefuse() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            Map<String, Double> f = ReviewedCatalogue.features(false, 0);
            long approved = cat.mined(f, 0.8, null);
            long cityEdited = cat.mined(f, 0.8, null);
            long countryEdited = cat.mined(f, 0.8, null);
            long categoryEdited = cat.mined(f, 0.8, null);
            long companyEdited = cat.mined(f, 0.8, null);
            long rejected = cat.mined(ReviewedCatalogue.features(true, 1), 0.7, null);
            long merged = cat.mined(f, 0.9, null);
            long pending = cat.mined(f, 0.9, null);

            long point = cat.approve(approved, Map.of()).datapoint().id();
            cat.approve(cityEdited, Map.of("city", "Mombasa", "yearStarted", 2019, "label", "Mombasa DC"));
            cat.approve(countryEdited, Map.of("country", "TZ", "city", ""));
            cat.approve(categoryEdited, Map.of("category", "5g"));
            cat.approve(companyEdited, Map.of("company", "zte"));
            cat.reject(rejected);
            cat.merge(merged, point);

            DecisionExamples.Read read = new DecisionExamples(cat.fixture.catalog, new ObjectMapper()).read();

            assertThat(read.examples()).extracting(LabelledExample::candidateId, LabelledExample::action, LabelledExample::positive)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(approved, "approve", true),
                            org.assertj.core.groups.Tuple.tuple(cityEdited, "approve", true),
                            org.assertj.core.groups.Tuple.tuple(countryEdited, "edit", false),
                            org.assertj.core.groups.Tuple.tuple(categoryEdited, "edit", false),
                            org.assertj.core.groups.Tuple.tuple(companyEdited, "edit", false),
                            org.assertj.core.groups.Tuple.tuple(rejected, "reject", false),
                            org.assertj.core.groups.Tuple.tuple(merged, "merge", true));
            assertThat(read.examples()).extracting(LabelledExample::candidateId).doesNotContain(pending);
            assertThat(read.byAction()).containsExactly(Map.entry("approve", 2), Map.entry("edit", 3), Map.entry("merge", 1),
                    Map.entry("reject", 1));
            assertThat(read.positives()).isEqualTo(3);
            assertThat(read.negatives()).isEqualTo(4);
            LabelledExample reject = read.examples().get(5);
            assertThat(reject.features()).containsEntry("cue.hedge", 1.0).containsEntry("source.html", 1.0);
            assertThat(reject.ruleScore()).isEqualTo(0.7);
            assertThat(read.examples()).allSatisfy(e -> assertThat(e.decidedAt()).isBetween(java.time.Instant.now().minusSeconds(600),
                    java.time.Instant.now()));
        }
    }

    @Test
    void decisionsOnCandidatesWithoutFeaturesAreCountedButNotExamples() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            long old = cat.mined(Map.of(), 0.8, null); // as mined before V8 stored features
            cat.approve(old, Map.of());

            DecisionExamples.Read read = new DecisionExamples(cat.fixture.catalog, new ObjectMapper()).read();

            assertThat(read.examples()).isEmpty();
            assertThat(read.byAction()).containsExactly(Map.entry("approve", 1));
            assertThat(read.skippedWithoutFeatures()).isEqualTo(1);
        }
    }

    @Test
    void theFeaturesOfAGroupAreThoseOfItsBestScoringQuote() {
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            var snapshot = cat.fixture.extracted("https://news.example/b", "B", "text");
            var other = cat.fixture.extracted("https://news.example/c", "C", "text");
            CandidateStore.Mined weak = new CandidateStore.Mined("zte", "5g", "NG", "Lagos", null, "weak quote", 0, 5, 0.7, 6.5, 3.4, "city",
                    Map.of("cue.hedge", 1.0), null);
            CandidateStore.Mined strong = new CandidateStore.Mined("zte", "5g", "NG", "Lagos", null, "strong quote", 0, 5, 0.9, 6.5, 3.4, "city",
                    Map.of("cue.hedge", 0.0), null);
            cat.fixture.candidates.addMined(snapshot, java.util.List.of(weak), cat.fixture.captures, CaptureStatus.MINED, null);
            cat.fixture.candidates.addMined(other, java.util.List.of(strong), cat.fixture.captures, CaptureStatus.MINED, null);
            var group = cat.fixture.candidates.list(new CandidateStore.Query("PENDING", "zte", null, null, null, 10, 0)).getKey().get(0);
            assertThat(group.quote()).isEqualTo("strong quote");
            assertThat(group.features()).containsEntry("cue.hedge", 0.0);
            cat.reject(group.id());

            assertThat(new DecisionExamples(cat.fixture.catalog, new ObjectMapper()).read().examples()).singleElement()
                    .satisfies(e -> assertThat(e.features()).containsEntry("cue.hedge", 0.0));
        }
    }
}
