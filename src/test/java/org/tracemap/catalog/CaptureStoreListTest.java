package org.tracemap.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/** {@link CaptureStore#list} filters and pages, and {@link CaptureStore#retryFailed}, on a real catalogue. */
class CaptureStoreListTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
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

    @Test
    void filtersByStatusTagHostAndTimeNewestFirst() {
        insert("a", "https://www.example.com/one", Map.of("company", "huawei"));
        insert("b", "https://example.com.evil/two", Map.of("company", "zte"));
        insert("c", "http://127.0.0.1:8080/three", Map.of("company", "huawei", "run", "1"));
        insert("d", "http://127.0.0.1:9090/four", Map.of());
        captures.claimQueued(1); // a: FETCHING

        assertThat(ids(CaptureQuery.all(50, 0))).containsExactly("d", "c", "b", "a");
        assertThat(ids(query(Set.of(CaptureStatus.FETCHING), null, null, null, false, null, null))).containsExactly("a");
        assertThat(ids(query(Set.of(CaptureStatus.QUEUED, CaptureStatus.FETCHING), null, null, null, false, null, null)))
                .containsExactly("d", "c", "b", "a");
        assertThat(ids(query(Set.of(), "company", "huawei", null, false, null, null))).containsExactly("c", "a");
        assertThat(ids(query(Set.of(), "company", "Huawei", null, false, null, null))).as("values compare exactly").isEmpty();
        assertThat(ids(query(Set.of(), "company", "huawei'--", null, false, null, null))).as("bound, not spliced").isEmpty();
        assertThat(ids(query(Set.of(), null, null, hostKey("example.com"), false, null, null)))
                .as("www is the same server; example.com.evil is not").containsExactly("a");
        assertThat(ids(query(Set.of(), null, null, hostKey("127.0.0.1"), true, null, null))).containsExactly("d", "c");
        assertThat(ids(query(Set.of(), null, null, hostKey("127.0.0.1:8080"), false, null, null))).containsExactly("c");
        Instant second = Instant.parse("2026-12-07T10:01:00Z");
        assertThat(ids(query(Set.of(), null, null, null, false, second, null))).containsExactly("d", "c", "b");
        assertThat(ids(query(Set.of(), null, null, null, false, null, second))).as("until is exclusive").containsExactly("a");
    }

    @Test
    void pagesNeverOverlapAndTheTotalCountsEveryMatch() {
        for (String id : List.of("p1", "p2", "p3", "p4", "p5")) insert(id, "https://example.org/" + id, Map.of());
        CaptureStore.Page first = captures.list(CaptureQuery.all(2, 0));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(Capture::id).containsExactly("p5", "p4");
        assertThat(ids(CaptureQuery.all(2, 2))).containsExactly("p3", "p2");
        assertThat(ids(CaptureQuery.all(2, 4))).containsExactly("p1");
        assertThat(ids(CaptureQuery.all(2, 6))).isEmpty();
    }

    @Test
    void retryQueuesOnlyAFailedCaptureForANewRoundOfTries() {
        insert("f", "https://example.org/f", Map.of());
        captures.claimQueued(1);
        captures.transition("f", CaptureStatus.FAILED, null, "fetch https://example.org/f failed after 1 attempt: Connection refused", 3);

        CaptureStore.Retry retry = captures.retryFailed("f", "rita");
        assertThat(retry.requeued()).isTrue();
        Capture queued = retry.capture();
        assertThat(queued.status()).isEqualTo(CaptureStatus.QUEUED);
        assertThat(queued.error()).isNull();
        assertThat(queued.tries()).as("a new round of tries").isZero();
        assertThat(queued.attempts()).as("attempts made stay counted").isEqualTo(3);
        assertThat(captures.history("f")).extracting(CaptureStore.Transition::status, CaptureStore.Transition::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CaptureStatus.QUEUED, null),
                org.assertj.core.groups.Tuple.tuple(CaptureStatus.FETCHING, null),
                org.assertj.core.groups.Tuple.tuple(CaptureStatus.FAILED, "fetch https://example.org/f failed after 1 attempt: Connection refused"),
                org.assertj.core.groups.Tuple.tuple(CaptureStatus.QUEUED, "retry requested by rita"));
        assertThat(captures.claimQueued(1)).extracting(Capture::id).as("claimable at once").containsExactly("f");

        CaptureStore.Retry again = captures.retryFailed("f", "rita");
        assertThat(again.requeued()).isFalse();
        assertThat(again.capture().status()).isEqualTo(CaptureStatus.FETCHING);
        assertThat(captures.retryFailed("nobody", "rita").capture()).isNull();
    }

    private void insert(String id, String raw, Map<String, String> tags) {
        NormalizedUrl url = new UrlNormalizer().normalize(raw);
        captures.insert(id, url.url(), url.surt(), tags, null, "tester");
        clock.advance(60);
    }

    private static String hostKey(String host) {
        return new UrlNormalizer().normalize("http://" + host + "/").hostKey();
    }

    private CaptureQuery query(Set<CaptureStatus> statuses, String tagKey, String tagValue, String hostKey, boolean anyPort, Instant since,
                               Instant until) {
        return new CaptureQuery(statuses, tagKey, tagValue, hostKey, anyPort, since, until, 50, 0);
    }

    private List<String> ids(CaptureQuery q) {
        return captures.list(q).items().stream().map(Capture::id).toList();
    }

    /** A clock the test moves by hand, so that creation times differ and sort. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
