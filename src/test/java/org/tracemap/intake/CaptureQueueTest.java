package org.tracemap.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Catalog;

/**
 * The queue's shares: one server, public submissions and retries waiting for their time never take a fetch
 * worker beyond their share — they stay QUEUED, and the captures behind them are claimed instead.
 */
class CaptureQueueTest {
    private static final UrlNormalizer NORMALIZER = new UrlNormalizer();

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private Catalog catalog;
    private CaptureStore captures;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir);
        captures = new CaptureStore(catalog, clock, new ObjectMapper());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private String queue(String url, String requestedBy) {
        NormalizedUrl u = NORMALIZER.normalize(url);
        String id = UUID.randomUUID().toString();
        captures.insert(id, u.url(), u.surt(), Map.of(), null, requestedBy);
        now.set(now.get().plusMillis(1)); // keeps the queue's order the order of these calls
        return id;
    }

    private static List<String> urls(List<CaptureRequest> batch) {
        return batch.stream().map(r -> r.url().url()).toList();
    }

    @Test
    void oneServerGetsNoMoreThanItsShareAndTheOthersStartPastIt() {
        for (int i = 0; i < 6; i++) queue("https://slow.example/" + i, "alice");
        queue("https://fast.example/a", "alice");
        queue("https://other.example/b", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 2, Duration.ZERO, 2, clock);
        List<CaptureRequest> dispatched = new ArrayList<>();
        queue.dispatchTo(dispatched::add);

        List<CaptureRequest> first = queue.claimBatch();
        assertThat(urls(first)).containsExactly("https://slow.example/0", "https://slow.example/1",
                "https://fast.example/a", "https://other.example/b");
        assertThat(queue.claimBatch()).as("the slow server's share is taken; its other captures wait here").isEmpty();

        queue.release(first.get(0).captureId());
        assertThat(urls(dispatched)).as("the fetch that ended lets the next of its server start at once")
                .containsExactly("https://slow.example/2");
    }

    @Test
    void oneServerCannotClaimTheWholeQueue() {
        for (int i = 0; i < 10; i++) queue("https://big.example/" + i, "alice");
        queue("https://small.example/", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 8, 2, Duration.ZERO, 2, clock);

        assertThat(urls(queue.claimBatch())).containsExactly("https://big.example/0", "https://big.example/1", "https://small.example/");
        assertThat(captures.countByStatus().get(CaptureStatus.QUEUED)).as("three quarters of the claims for one server, at most").isEqualTo(4);
    }

    @Test
    void capturesNotStartedGoBackToTheQueueAtAStopWithTheirTryGivenBack() {
        for (int i = 0; i < 4; i++) queue("https://slow.example/" + i, "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 1, Duration.ZERO, 2, clock);
        assertThat(queue.claimBatch()).hasSize(1);

        assertThat(queue.stop()).isEqualTo(3);
        assertThat(captures.countByStatus().get(CaptureStatus.QUEUED)).isEqualTo(3);
        assertThat(captures.withStatus(CaptureStatus.QUEUED, 10)).allSatisfy(c -> assertThat(c.tries()).isZero());
        assertThat(queue.claimBatch()).as("a stopped queue claims nothing").isEmpty();
    }

    @Test
    void aServerOnAnotherPortIsAnotherServer() {
        queue("http://127.0.0.1:8001/a", "alice");
        queue("http://127.0.0.1:8001/b", "alice");
        queue("http://127.0.0.1:8002/c", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 1, Duration.ZERO, 2, clock);

        assertThat(urls(queue.claimBatch())).containsExactly("http://127.0.0.1:8001/a", "http://127.0.0.1:8002/c");
    }

    @Test
    void fetchesOfOneServerStartAtLeastTheGapApart() {
        queue("https://example.org/1", "alice");
        queue("https://example.org/2", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 4, Duration.ofSeconds(1), 2, clock);

        assertThat(urls(queue.claimBatch())).containsExactly("https://example.org/1");
        now.set(now.get().plusMillis(500));
        assertThat(queue.claimBatch()).isEmpty();
        now.set(now.get().plusMillis(600));
        assertThat(urls(queue.claimBatch())).containsExactly("https://example.org/2");
    }

    @Test
    void publicSubmissionsHoldAtMostTheirSlots() {
        for (int i = 0; i < 5; i++) queue("https://s" + i + ".example/", CaptureRequest.PUBLIC_PREFIX + "abc");
        queue("https://researcher.example/", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 2, Duration.ZERO, 2, clock);

        List<CaptureRequest> batch = queue.claimBatch();
        assertThat(urls(batch)).containsExactly("https://s0.example/", "https://s1.example/", "https://researcher.example/");
        assertThat(queue.publicInFlight()).isEqualTo(2);
        assertThat(batch.get(0).isPublicSubmission()).isTrue();
        assertThat(queue.claimBatch()).isEmpty();

        queue.release(batch.get(1).captureId());
        assertThat(urls(queue.claimBatch())).containsExactly("https://s2.example/");
    }

    @Test
    void aRetryWaitsInTheQueueForItsTimeAndCountsAsTheNextAttempt() {
        String id = queue("https://flaky.example/", "alice");
        queue("https://steady.example/", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 2, Duration.ZERO, 2, clock);

        List<CaptureRequest> first = queue.claimBatch();
        assertThat(first).hasSize(2);
        assertThat(first.get(0).attempt()).isEqualTo(1);
        queue.retryLater(id, now.get().plusSeconds(30), "attempt 1 of 4 failed: HTTP 503", 1, false);

        Capture waiting = captures.find(id).orElseThrow();
        assertThat(waiting.status()).isEqualTo(CaptureStatus.QUEUED);
        assertThat(waiting.error()).contains("HTTP 503");
        assertThat(queue.claimBatch()).as("not due yet").isEmpty();

        now.set(now.get().plusSeconds(31));
        List<CaptureRequest> again = queue.claimBatch();
        assertThat(urls(again)).containsExactly("https://flaky.example/");
        assertThat(again.get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aTryThatFailedOnOurSideIsGivenBack() {
        String id = queue("https://example.org/", "alice");
        CaptureQueue queue = new CaptureQueue(captures, 64, 2, Duration.ZERO, 2, clock);
        queue.claimBatch();
        queue.retryLater(id, now.get(), "archive: No space left on device", 1, true);

        assertThat(queue.claimBatch().get(0).attempt()).isEqualTo(1);
    }

    @Test
    void aCaptureEveryTryOfWhichWasInterruptedIsGivenUpOnAtRestart() {
        String id = queue("https://crashes-us.example/", "alice");
        for (int i = 0; i < 2; i++) {
            captures.claimQueued(10);
            assertThat(captures.requeueInFlight(3)).isEqualTo(new CaptureStore.Resumed(1, 0));
        }
        String other = queue("https://example.org/", "alice");
        captures.claimQueued(10);

        assertThat(captures.requeueInFlight(3)).isEqualTo(new CaptureStore.Resumed(1, 1));
        Capture givenUp = captures.find(id).orElseThrow();
        assertThat(givenUp.status()).isEqualTo(CaptureStatus.FAILED);
        assertThat(givenUp.error()).contains("the process stopped during each of its 3 tries");
        assertThat(captures.find(other).orElseThrow().status()).isEqualTo(CaptureStatus.QUEUED);
    }
}
