package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.tracemap.fetch.Fetching.body;
import static org.tracemap.fetch.Fetching.millisSince;
import static org.tracemap.fetch.Fetching.fetchUntilSettled;
import static org.tracemap.fetch.Fetching.request;
import static org.tracemap.fetch.Fetching.settled;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracemap.intake.ForbiddenAddressException;

/**
 * Status codes and network failures: a 4xx/5xx answer is a captured response, 429 and 5xx are retried (with
 * Retry-After honoured) by sending the capture back to the queue with its retry time, and network failures end
 * as a recorded failure with a readable cause, never an exception.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherRetryTest {
    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path spool;

    private String url(String path) {
        return Fetching.base(origin.getPort()) + path;
    }

    @Test
    void notFoundIsACapturedAnswerAndIsNotRetried() throws Exception {
        origin.stubFor(get("/gone").willReturn(aResponse().withStatus(404).withBody("no such page")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 3)) {
            FetchedCapture capture = fetcher.fetch(request(url("/gone")));

            assertThat(capture.failed()).isFalse();
            assertThat(capture.attempts()).isEqualTo(1);
            assertThat(capture.responses()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(404);
                assertThat(body(r)).isEqualTo("no such page".getBytes(UTF_8));
            });
            origin.verify(1, getRequestedFor(urlEqualTo("/gone")));
        }
    }

    @Test
    void serverErrorThatPersistsIsCapturedAsTheAnswerAfterTheLastAttempt() throws Exception {
        origin.stubFor(get("/broken").willReturn(aResponse().withStatus(500).withBody("internal error")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 3)) {
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url("/broken"));

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.subList(0, 2)).allSatisfy(o -> {
                assertThat(o.isRetrying()).isTrue();
                assertThat(o.failed()).isFalse();
                assertThat(o.responses()).isEmpty(); // dropped: only the last answer is archived
                assertThat(o.failure()).contains("HTTP 500 from " + url("/broken")).contains("retrying at");
            });
            assertThat(outcomes.get(0).failure()).startsWith("attempt 1 of 3 failed: ");
            FetchedCapture last = outcomes.get(2);
            assertThat(last.isRetrying()).isFalse();
            assertThat(last.failed()).isFalse();
            assertThat(last.responses()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.attempts()).isEqualTo(3);
                assertThat(body(r)).isEqualTo("internal error".getBytes(UTF_8));
            });
            origin.verify(3, getRequestedFor(urlEqualTo("/broken")));
            assertSpoolHoldsOnly(last.responses().get(0).body());
        }
    }

    @Test
    void serviceUnavailableThenOkEndsWithOk() throws Exception {
        origin.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("once"));
        origin.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(503).withBody("still busy")).willSetStateTo("recovered"));
        origin.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("recovered").willReturn(ok("back")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 4)) {
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url("/flaky"));

            assertThat(outcomes).hasSize(3);
            FetchedCapture last = outcomes.get(2);
            assertThat(last.failed()).isFalse();
            assertThat(last.responses()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(200);
                assertThat(body(r)).isEqualTo("back".getBytes(UTF_8));
            });
            origin.verify(3, getRequestedFor(urlEqualTo("/flaky")));
            assertSpoolHoldsOnly(last.responses().get(0).body()); // the 503 bodies were dropped
        }
    }

    @Test
    void aRetryIsRescheduledNotWaitedForInTheWorker() throws Exception {
        origin.stubFor(get("/busy").willReturn(aResponse().withStatus(503)));

        // A long backoff: the fetch must come back at once with the time to retry at, not sleep through it.
        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.retryBaseDelay = Duration.ofSeconds(20);
            s.retryMaxDelay = Duration.ofSeconds(40);
        })) {
            long started = System.nanoTime();
            Instant before = Instant.now();
            FetchedCapture outcome = fetcher.fetch(request(url("/busy")));

            assertThat(millisSince(started)).isLessThan(2000L);
            assertThat(outcome.isRetrying()).isTrue();
            assertThat(outcome.retryAt()).isBetween(before.plusSeconds(10), before.plusSeconds(22));
            origin.verify(1, getRequestedFor(urlEqualTo("/busy")));
        }
    }

    @Test
    void tooManyRequestsIsRetriedWhenRetryAfterSays() throws Exception {
        origin.stubFor(get("/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        // A tiny backoff base, so the only reason to wait seven seconds is the origin's Retry-After.
        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.retryBaseDelay = Duration.ofMillis(2);
            s.retryMaxDelay = Duration.ofSeconds(30);
        })) {
            Instant before = Instant.now();
            FetchedCapture outcome = fetcher.fetch(request(url("/limited")));

            assertThat(outcome.isRetrying()).isTrue();
            assertThat(outcome.retryAt()).isBetween(before.plusMillis(6900), Instant.now().plusMillis(7100));
            assertThat(outcome.failure()).contains("HTTP 429");
        }
    }

    @Test
    void retryAfterLongerThanTheMaximumDelayIsCapped() throws Exception {
        origin.stubFor(get("/come-back-tomorrow").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "86400")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.maxAttempts = 2;
            s.retryMaxDelay = Duration.ofMillis(50);
        })) {
            FetchedCapture first = fetcher.fetch(request(url("/come-back-tomorrow")));
            assertThat(first.retryAt()).isBefore(Instant.now().plusSeconds(1));

            FetchedCapture last = fetcher.fetch(request(url("/come-back-tomorrow"), 2));
            assertThat(last.failed()).isFalse();
            assertThat(last.responses()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(429));
        }
    }

    static Stream<Arguments> droppedConnections() {
        return Stream.of(
                Arguments.of(Fault.CONNECTION_RESET_BY_PEER, "Connection reset", 1),
                // No answer at all looks like a keep-alive connection the server closed: the client asks twice more at once.
                Arguments.of(Fault.EMPTY_RESPONSE, "failed to respond", 3),
                Arguments.of(Fault.RANDOM_DATA_THEN_CLOSE, "failed to respond", 3),
                Arguments.of(Fault.MALFORMED_RESPONSE_CHUNK, "Bad chunk header", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("droppedConnections")
    void droppedConnectionIsRecordedAsAFailureWithItsCauseAfterEveryAttempt(Fault fault, String cause, int requestsPerAttempt) throws Exception {
        origin.stubFor(get("/dropped").willReturn(aResponse().withFault(fault)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 3)) {
            AtomicReference<List<FetchedCapture>> result = new AtomicReference<>();
            assertThatCode(() -> result.set(fetchUntilSettled(fetcher, url("/dropped")))).doesNotThrowAnyException();
            List<FetchedCapture> outcomes = result.get();

            assertThat(outcomes).hasSize(3);
            assertThat(outcomes.get(0).failure()).contains(cause).contains("retrying at");
            FetchedCapture capture = outcomes.get(2);
            assertThat(capture.failed()).isTrue();
            assertThat(capture.failure()).startsWith("fetch " + url("/dropped") + " failed after 3 attempts: ").contains(cause);
            assertThat(capture.responses()).isEmpty();
            origin.verify(3 * requestsPerAttempt, getRequestedFor(urlEqualTo("/dropped")));
            assertSpoolHoldsOnly();
        }
    }

    @Test
    void bodyCutShortByTheOriginIsRetriedThenRecordedAsAFailure() throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..".getBytes(ISO_8859_1);
        try (RawHttpServer server = new RawHttpServer(answer);
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 2)) {
            FetchedCapture capture = settled(fetcher, server.url("/short"));

            assertThat(capture.failure()).startsWith("fetch " + server.url("/short") + " failed after 2 attempts: ")
                    .contains("Premature end of Content-Length delimited message body");
            assertThat(capture.responses()).isEmpty();
            assertThat(server.requestHeads()).hasSize(2);
            assertSpoolHoldsOnly();
        }
    }

    @Test
    void refusedConnectionIsReportedAsRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 2)) {
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, Fetching.base(closedPort) + "/");

            assertThat(outcomes).hasSize(2);
            FetchedCapture capture = outcomes.get(1);
            assertThat(capture.failed()).isTrue();
            assertThat(capture.failure()).contains("failed after 2 attempts").contains("connection refused");
            assertThat(capture.responses()).isEmpty();
        }
    }

    @Test
    void silenceLongerThanTheReadTimeoutIsRetried() throws Exception {
        origin.stubFor(get("/slow-head").willReturn(ok("late").withFixedDelay(1500)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.readTimeout = Duration.ofMillis(200);
            s.maxAttempts = 2;
        })) {
            long started = System.nanoTime();
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url("/slow-head"));

            assertThat(millisSince(started)).isLessThan(1400L); // two 200 ms timeouts, not a 1.5 s wait
            assertThat(outcomes).hasSize(2);
            assertThat(outcomes.get(1).failure()).contains("failed after 2 attempts").contains("timed out");
            assertThat(outcomes.get(1).responses()).isEmpty();
        }
    }

    @Test
    void aHeadThatTakesLongerThanTheHeaderTimeoutFailsForGoodWithoutRetry() throws Exception {
        origin.stubFor(get("/slow-head").willReturn(ok("late").withFixedDelay(3000)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.readTimeout = Duration.ofSeconds(10);
            s.headerTimeout = Duration.ofMillis(300);
            s.maxAttempts = 4;
        })) {
            long started = System.nanoTime();
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url("/slow-head"));

            assertThat(millisSince(started)).isLessThan(1500L);
            assertThat(outcomes).singleElement().satisfies(c -> {
                assertThat(c.failed()).isTrue();
                assertThat(c.failure()).contains("failed after 1 attempt: ")
                        .contains("no complete response head within 300ms (tracemap.fetch.header-timeout)");
            });
            origin.verify(1, getRequestedFor(urlEqualTo("/slow-head")));
        }
    }

    @Test
    void totalTimeoutAlsoBoundsTheWaitForHeadersAndIsNotRetried() throws Exception {
        origin.stubFor(get("/slow-head").willReturn(ok("late").withFixedDelay(3000)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.readTimeout = Duration.ofSeconds(10);
            s.totalTimeout = Duration.ofMillis(300);
            s.maxAttempts = 3;
        })) {
            long started = System.nanoTime();
            List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url("/slow-head"));

            assertThat(millisSince(started)).isLessThan(1500L);
            assertThat(outcomes).singleElement().satisfies(c -> assertThat(c.failure()).contains("failed after 1 attempt: ")
                    .contains("no complete response within 300ms (tracemap.fetch.total-timeout)"));
        }
    }

    @Test
    void unknownHostAndRefusedAddressesAreNotRetriedButTimeoutsAre() {
        assertThat(HttpFetcher.isRetryable(new UnknownHostException("nowhere.invalid"))).isFalse();
        assertThat(HttpFetcher.isRetryable(new ForbiddenAddressException("10.0.0.1 is private"))).isFalse();
        assertThat(HttpFetcher.isRetryable(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(HttpFetcher.describe(new UnknownHostException("nowhere.invalid"))).isEqualTo("host not found: nowhere.invalid");
    }

    /** The spool directory holds exactly {@code kept}: bodies of retried attempts and failures are deleted. */
    private void assertSpoolHoldsOnly(Path... kept) throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files).containsExactlyInAnyOrder(kept);
        }
    }
}
