package org.tracemap.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.MergeTargets;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.StageFixture;
import org.tracemap.gazetteer.GazetteerLoader;

/**
 * Undoing a decision puts the candidate back and takes back exactly what the decision wrote, with an audit entry;
 * it is refused for someone else's decision, a stale version, or a data point that changed since. Also: merge
 * suggestions, and one source per page however a submission and a mined candidate meet.
 */
class DecisionUndoTest {
    @TempDir
    Path dir;

    private StageFixture f;
    private DataPointStore datapoints;
    private AuditLog audit;
    private ReviewService review;

    @BeforeEach
    void setUp() {
        f = new StageFixture(dir);
        ObjectMapper json = new ObjectMapper();
        datapoints = new DataPointStore(f.catalog, Clock.systemUTC(), json);
        audit = new AuditLog(f.catalog, Clock.systemUTC(), json);
        review = new ReviewService(f.catalog, f.candidates, datapoints, audit, GazetteerLoader.bundled());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private CandidateStore.Candidate mined(String url, String category, String city, String quote) {
        Snapshot s = f.extracted(url, "T", quote);
        f.candidates.addMined(s, List.of(new CandidateStore.Mined("huawei", category, "KE", city, 2019, quote, 0, quote.length(), 0.9,
                -1.28, 36.82, "city", Map.of(), null)), f.captures, CaptureStatus.MINED, null);
        return f.candidates.list(new CandidateStore.Query("PENDING", null, category, null, null, null, url, 10, 0)).getKey().get(0);
    }

    private ReviewService.Outcome approve(CandidateStore.Candidate c, String who) {
        return review.decide(c.id(), new ReviewService.Decision("approve", Map.of("label", "Nairobi"), null, null, c.version()), who);
    }

    @Test
    void undoingAnApprovalRemovesThePointAndReopensTheCandidateWithBothStepsAudited() {
        CandidateStore.Candidate c = mined("https://a.example/1", "5g", "Nairobi", "Huawei built 5G in Nairobi.");
        ReviewService.Outcome approved = approve(c, "alice");
        long point = approved.datapoint().id();

        ReviewService.Outcome undone = review.undo(c.id(), approved.candidate().version(), "alice", false);

        assertThat(undone.candidate().status()).isEqualTo("PENDING");
        assertThat(undone.candidate().version()).isEqualTo(c.version() + 2);
        assertThat(undone.candidate().datapointId()).isNull();
        assertThat(undone.candidate().decidedBy()).isNull();
        assertThat(datapoints.find(point)).isEmpty();
        List<AuditLog.Entry> trail = audit.entries(c.id());
        assertThat(trail).extracting(AuditLog.Entry::action).containsExactly("approve", "undo");
        assertThat(trail.get(1).actor()).isEqualTo("alice");
        assertThat(trail.get(1).detail()).containsEntry("undoes", "approve").containsEntry("removedDatapoint", (int) point);
        // It can be decided again, on its new version.
        assertThat(approve(undone.candidate(), "bob").candidate().status()).isEqualTo("APPROVED");
    }

    @Test
    void onlyTheDeciderOrAnAdminMayUndoAndOnlyTheVersionTheDecisionLeft() {
        CandidateStore.Candidate c = mined("https://a.example/2", "5g", "Nairobi", "Huawei built 5G in Nairobi.");
        ReviewService.Outcome rejected = review.decide(c.id(), new ReviewService.Decision("reject", null, "noise", null, c.version()), "alice");
        int v = rejected.candidate().version();

        assertThatThrownBy(() -> review.undo(c.id(), v, "bob", false)).isInstanceOfSatisfying(ReviewException.class,
                e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.FORBIDDEN));
        assertThatThrownBy(() -> review.undo(c.id(), v - 1, "alice", false)).isInstanceOfSatisfying(ReviewException.class,
                e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT));
        assertThat(review.undo(c.id(), v, "root", true).candidate().status()).isEqualTo("PENDING");
        // Nothing left to undo: the candidate is pending again.
        assertThatThrownBy(() -> review.undo(c.id(), v + 1, "alice", false)).isInstanceOfSatisfying(ReviewException.class,
                e -> assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT));
        assertThat(audit.entries(c.id())).extracting(AuditLog.Entry::action).containsExactly("reject", "undo");
    }

    @Test
    void anApprovalIsNotUndoneOnceSomethingWasMergedIntoItsPoint() {
        CandidateStore.Candidate first = mined("https://a.example/3", "5g", "Nairobi", "Huawei built 5G in Nairobi.");
        ReviewService.Outcome approved = approve(first, "alice");
        CandidateStore.Candidate second = mined("https://b.example/3", "data-centre", "Mombasa", "Huawei data centre in Mombasa.");
        review.decide(second.id(), new ReviewService.Decision("merge", null, null, String.valueOf(approved.datapoint().id()), second.version()),
                "bob");

        assertThatThrownBy(() -> review.undo(first.id(), approved.candidate().version(), "alice", false))
                .isInstanceOfSatisfying(ReviewException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ReviewException.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("changed since");
                });
        assertThat(datapoints.find(approved.datapoint().id())).isPresent();
        assertThat(audit.entries(first.id())).extracting(AuditLog.Entry::action).containsExactly("approve");
    }

    @Test
    void undoingAMergeTakesOffOnlyTheSourcesItAdded() {
        CandidateStore.Candidate first = mined("https://a.example/4", "5g", "Nairobi", "Huawei built 5G in Nairobi.");
        long point = approve(first, "alice").datapoint().id();
        CandidateStore.Candidate second = mined("https://b.example/4", "data-centre", "Nairobi", "Huawei data centre in Nairobi.");
        ReviewService.Outcome merged = review.decide(second.id(), new ReviewService.Decision("merge", null, null, String.valueOf(point),
                second.version()), "bob");
        assertThat(merged.datapoint().sources()).extracting(DataPointStore.Source::url)
                .containsExactly("https://a.example/4", "https://b.example/4");

        ReviewService.Outcome undone = review.undo(second.id(), merged.candidate().version(), "bob", false);

        assertThat(undone.datapoint().sources()).extracting(DataPointStore.Source::url).containsExactly("https://a.example/4");
        assertThat(undone.candidate().status()).isEqualTo("PENDING");
        assertThat(audit.entries(second.id()).get(1).detail()).containsEntry("sourcesRemoved", 1);
    }

    @Test
    void mergeSuggestionsRankSameCategoryAndPlaceFirst() {
        long nairobi5g = approve(mined("https://a.example/5", "5g", "Nairobi", "Huawei 5G in Nairobi."), "alice").datapoint().id();
        long mombasa5g = approve(mined("https://a.example/6", "5g", "Mombasa", "Huawei 5G in Mombasa."), "alice").datapoint().id();
        long nairobiLab = approve(mined("https://a.example/7", "rd-lab", "Nairobi", "Huawei lab in Nairobi."), "alice").datapoint().id();
        approve(mined("https://a.example/8", "training", "Kisumu", "Huawei training in Kisumu."), "alice"); // same country only
        CandidateStore.Candidate c = mined("https://b.example/5", "5g", "Nairobi", "Safaricom and Huawei 5G in Nairobi.");

        List<MergeTargets.Match> matches = review.mergeTargets(c.id(), 10);

        assertThat(matches).extracting(MergeTargets.Match::id).startsWith(nairobi5g, mombasa5g, nairobiLab);
        assertThat(matches.get(0).same()).containsExactly("category", "country", "city");
        assertThat(matches.get(1).same()).containsExactly("category", "country");
        assertThat(matches).hasSize(4);
    }

    @Test
    void aSubmissionOfAMinedClaimJoinsItsGroupAndTheApprovedPointCitesThePageOnceWithTheQuote() {
        CandidateStore.Candidate minedGroup = mined("https://a.example/9", "5g", "Nairobi", "Huawei built 5G in Nairobi.");
        Snapshot s = f.extracted("https://a.example/9", "T", "same page, captured again for the submission");
        long submitted = f.candidates.addSubmission(new CandidateStore.Suggested("huawei", "5g", "KE", "Nairobi", null, "see this", null, null, null),
                s.captureId(), "https://a.example/9", "client", "{}");

        assertThat(submitted).isEqualTo(minedGroup.id());
        CandidateStore.Candidate group = f.candidates.find(minedGroup.id()).orElseThrow();
        assertThat(group.sources()).hasSize(2);
        assertThat(group.note()).isEqualTo("see this");
        assertThat(f.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 10, 0)).getValue()).isEqualTo(1);

        DataPointStore.DataPoint point = approve(group, "alice").datapoint();
        assertThat(point.sources()).hasSize(1);
        assertThat(point.sources().get(0).quote()).isEqualTo("Huawei built 5G in Nairobi.");
    }

    @Test
    void aMinedClaimJoinsAPendingSubmissionOfTheSameKey() {
        Snapshot s = f.extracted("https://c.example/1", "T", "Huawei built 5G in Nairobi.");
        long submitted = f.candidates.addSubmission(new CandidateStore.Suggested("huawei", "5g", "KE", "Nairobi", null, null, null, null, null),
                s.captureId(), "https://c.example/1", "client", "{}");
        f.candidates.addMined(s, List.of(new CandidateStore.Mined("huawei", "5g", "KE", "Nairobi", 2019, "Huawei built 5G in Nairobi.", 0, 27,
                0.9, -1.28, 36.82, "city", Map.of(), null)), f.captures, CaptureStatus.MINED, null);

        var page = f.candidates.list(new CandidateStore.Query("PENDING", null, null, null, null, 10, 0));
        assertThat(page.getValue()).isEqualTo(1);
        CandidateStore.Candidate group = page.getKey().get(0);
        assertThat(group.id()).isEqualTo(submitted);
        assertThat(group.quote()).isEqualTo("Huawei built 5G in Nairobi.");
        DataPointStore.DataPoint point = approve(group, "alice").datapoint();
        assertThat(point.sources()).extracting(DataPointStore.Source::quote).containsExactly("Huawei built 5G in Nairobi.");
    }
}
