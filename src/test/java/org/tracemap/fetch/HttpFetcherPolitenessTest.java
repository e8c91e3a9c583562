package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tracemap.fetch.Fetching.millisSince;
import static org.tracemap.fetch.Fetching.request;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-host politeness seen from the origin: fetches in flight per host and the gap between their starts.
 * Times come from WireMock's request log: millisecond precision, stamped on arrival, so a request delayed on
 * its way by a busy machine shortens the gap after it. Each gap gets a small tolerance; the span does not add them up.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherPolitenessTest {
    private static final long TOLERANCE_MS = 25;

    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(20))
            .build();

    @TempDir
    Path spool;

    private String url(String path) {
        return Fetching.base(origin.getPort()) + path;
    }

    @Test
    void parallelFetchesToOneHostStartAtLeastThePerHostDelayApart() throws Exception {
        origin.stubFor(get(urlPathMatching("/polite/.*")).willReturn(ok("page")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.perHostConcurrency = 1;
            s.perHostDelay = Duration.ofMillis(200);
        })) {
            // The first fetch of a JVM pays for class loading between its start and its arrival, which would
            // shrink the next measured gap; leave it out of the measurement.
            fetcher.fetch(request(url("/polite/warm-up")));
            origin.resetRequests();

            List<FetchedCapture> captures = inParallel(4, i -> fetcher.fetch(request(url("/polite/" + i))));

            assertThat(captures).allSatisfy(c -> assertThat(c.failure()).isNull());
            List<Long> arrivals = arrivalTimes();
            assertThat(arrivals).hasSize(4);
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap before request %d", i).isGreaterThanOrEqualTo(200 - TOLERANCE_MS);
            }
            assertThat(arrivals.get(3) - arrivals.get(0)).as("first to last").isGreaterThanOrEqualTo(3 * 200 - TOLERANCE_MS);
        }
    }

    @Test
    void perHostConcurrencyOfOneLetsOnlyOneFetchRunAtATime() throws Exception {
        origin.stubFor(get(urlPathMatching("/one-at-a-time/.*")).willReturn(ok("slow page").withFixedDelay(200)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.perHostConcurrency = 1)) {
            long started = System.nanoTime();
            List<FetchedCapture> captures = inParallel(3, i -> fetcher.fetch(request(url("/one-at-a-time/" + i))));

            assertThat(captures).allSatisfy(c -> assertThat(c.failure()).isNull());
            assertThat(millisSince(started)).isGreaterThanOrEqualTo(600L);
            List<Long> arrivals = arrivalTimes();
            for (int i = 1; i < arrivals.size(); i++) {
                assertThat(arrivals.get(i) - arrivals.get(i - 1)).isGreaterThanOrEqualTo(200 - TOLERANCE_MS);
            }
        }
    }

    @Test
    void perHostConcurrencyAboveOneLetsFetchesOverlap() throws Exception {
        origin.stubFor(get(urlPathMatching("/together/.*")).willReturn(ok("slow page").withFixedDelay(500)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.perHostConcurrency = 3)) {
            long started = System.nanoTime();
            List<FetchedCapture> captures = inParallel(3, i -> fetcher.fetch(request(url("/together/" + i))));

            assertThat(captures).allSatisfy(c -> assertThat(c.failure()).isNull());
            assertThat(millisSince(started)).isLessThan(1400L); // one after the other would take 1.5 s
        }
    }

    @Test
    void differentHostsDoNotWaitForEachOther() throws Exception {
        origin.stubFor(get(urlPathMatching("/host/.*")).willReturn(ok("page")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.perHostConcurrency = 1;
            s.perHostDelay = Duration.ofSeconds(3);
        })) {
            long started = System.nanoTime();
            FetchedCapture first = fetcher.fetch(request("http://127.0.0.1:" + origin.getPort() + "/host/a"));
            FetchedCapture second = fetcher.fetch(request("http://localhost:" + origin.getPort() + "/host/b"));

            assertThat(first.failure()).isNull();
            assertThat(second.failure()).isNull();
            assertThat(millisSince(started)).isLessThan(2500L);
        }
    }

    private interface Fetch {
        FetchedCapture run(int index) throws Exception;
    }

    /** Runs {@code n} fetches at once, released together, and returns their captures. */
    private static List<FetchedCapture> inParallel(int n, Fetch fetch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<FetchedCapture>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<FetchedCapture> task = () -> {
                    go.await();
                    return fetch.run(index);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<FetchedCapture> captures = new ArrayList<>();
            for (Future<FetchedCapture> f : futures) captures.add(f.get(20, TimeUnit.SECONDS));
            return captures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** When each logged request reached the origin, in milliseconds, earliest first. */
    private static List<Long> arrivalTimes() {
        return origin.getAllServeEvents().stream()
                .map(e -> e.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
    }
}
