package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tracemap.fetch.Fetching.body;
import static org.tracemap.fetch.Fetching.label;
import static org.tracemap.fetch.Fetching.millisSince;
import static org.tracemap.fetch.Fetching.request;
import static org.tracemap.fetch.Fetching.sha256;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The size and time limits: an oversized body is cut at the limit without downloading the rest, a body that
 * outlasts the total timeout keeps what arrived; either way the response is kept and marked truncated.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherLimitsTest {
    private static final int TWENTY_MB = 20 << 20;

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
    void oversizedBodyIsCutAtTheLimitWithoutWaitingForTheRest() throws Exception {
        byte[] payload = randomBytes(TWENTY_MB);
        // Twenty 1 MB chunks spread over 8 s: reading the whole body would take at least that long.
        origin.stubFor(get("/huge").willReturn(ok().withBody(payload).withChunkedDribbleDelay(20, 8000)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxBodySize = 1024)) {
            long started = System.nanoTime();
            FetchedCapture capture = fetcher.fetch(request(url("/huge")));

            assertThat(millisSince(started)).isLessThan(5000L);
            assertThat(capture.failed()).isFalse();
            FetchedResponse response = capture.responses().get(0);
            byte[] kept = Arrays.copyOf(payload, 1024);
            assertThat(response.truncated()).isEqualTo("length");
            assertThat(response.bodyLength()).isEqualTo(1024);
            assertThat(Files.size(response.body())).isEqualTo(1024);
            assertThat(body(response)).isEqualTo(kept);
            assertThat(label(response.payloadDigest())).isEqualTo(sha256(kept));
            assertThat(label(response.blockDigest())).isEqualTo(sha256(response.responseHead(), kept));
            assertThat(response.attempts()).isEqualTo(1);
            origin.verify(1, getRequestedFor(urlEqualTo("/huge")));
        }
    }

    @Test
    void oversizedBodyIsAbandonedSoTheOriginCannotFinishSendingIt() throws Exception {
        byte[] payload = randomBytes(TWENTY_MB);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + payload.length + "\r\n\r\n")
                .getBytes(ISO_8859_1);
        try (RawHttpServer server = new RawHttpServer(List.of(head, payload), Duration.ZERO);
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxBodySize = 1024)) {
            FetchedResponse response = fetcher.fetch(request(server.url("/huge.bin"))).responses().get(0);

            assertThat(response.truncated()).isEqualTo("length");
            assertThat(body(response)).isEqualTo(Arrays.copyOf(payload, 1024));
            assertThat(server.nextAnswerWasComplete(Duration.ofSeconds(5)))
                    .as("the server managed to send all 20 MB, so the fetcher kept reading past the limit")
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0} bytes against a limit of 1000")
    @CsvSource(nullValues = "none", value = {"999, 999, none", "1000, 1000, none", "1001, 1000, length"})
    void sizeLimitIsInclusive(int size, long kept, String truncated) throws Exception {
        byte[] payload = randomBytes(size);
        origin.stubFor(get("/sized").willReturn(ok().withBody(payload)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxBodySize = 1000)) {
            FetchedResponse response = fetcher.fetch(request(url("/sized"))).responses().get(0);

            assertThat(response.truncated()).isEqualTo(truncated);
            assertThat(response.bodyLength()).isEqualTo(kept);
            assertThat(body(response)).isEqualTo(Arrays.copyOf(payload, (int) kept));
        }
    }

    @Test
    void unlimitedBodySizeDoesNotOverflow() throws Exception {
        byte[] payload = randomBytes(100_000);
        origin.stubFor(get("/unlimited").willReturn(ok().withBody(payload)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxBodySize = Long.MAX_VALUE)) {
            FetchedCapture capture = fetcher.fetch(request(url("/unlimited")));

            assertThat(capture.failure()).isNull();
            assertThat(body(capture.responses().get(0))).isEqualTo(payload);
        }
    }

    @Test
    void chunkedBodySlowerThanTheTotalTimeoutKeepsWhatArrived() throws Exception {
        byte[] payload = "0123456789".repeat(100).getBytes(ISO_8859_1);
        // Ten chunks, one every 500 ms: about three have arrived when the 1.2 s total timeout fires.
        origin.stubFor(get("/trickle").willReturn(ok().withBody(payload).withChunkedDribbleDelay(10, 5000)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.readTimeout = Duration.ofSeconds(2);
            s.totalTimeout = Duration.ofMillis(1200);
        })) {
            long started = System.nanoTime();
            FetchedCapture capture = fetcher.fetch(request(url("/trickle")));

            assertThat(millisSince(started)).isBetween(1200L, 3000L);
            assertPartialBodyKept(capture, payload);
            origin.verify(1, getRequestedFor(urlEqualTo("/trickle"))); // a truncated body is an answer, not a retry
        }
    }

    @Test
    void fixedLengthBodySlowerThanTheTotalTimeoutKeepsWhatArrived() throws Exception {
        byte[] payload = "abcdefghij".repeat(100).getBytes(ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        parts.add(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(ISO_8859_1));
        for (int i = 0; i < 10; i++) parts.add(Arrays.copyOfRange(payload, i * 100, (i + 1) * 100));

        try (RawHttpServer server = new RawHttpServer(parts, Duration.ofMillis(400));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
                 s.readTimeout = Duration.ofSeconds(2);
                 s.totalTimeout = Duration.ofMillis(1000);
             })) {
            long started = System.nanoTime();
            FetchedCapture capture = fetcher.fetch(request(server.url("/trickle.txt")));

            assertThat(millisSince(started)).isBetween(1000L, 3000L);
            assertPartialBodyKept(capture, payload);
            assertThat(server.requestHeads()).hasSize(1);
        }
    }

    @Test
    void aBodyTricklingSlowerThanTheMinimumSpeedIsCutAndKeptWithTheReason() throws Exception {
        byte[] payload = "x".repeat(200).getBytes(ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        parts.add(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + payload.length + "\r\n\r\n").getBytes(ISO_8859_1));
        for (byte b : payload) parts.add(new byte[] {b});

        // One byte every 50 ms never trips the read timeout; 100 bytes per 400 ms is the floor.
        try (RawHttpServer server = new RawHttpServer(parts, Duration.ofMillis(50));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
                 s.readTimeout = Duration.ofSeconds(5);
                 s.totalTimeout = Duration.ofSeconds(20);
                 s.minSpeed = 100;
                 s.minSpeedWindow = Duration.ofMillis(400);
             })) {
            long started = System.nanoTime();
            FetchedCapture capture = fetcher.fetch(request(server.url("/trickle.txt")));

            assertThat(millisSince(started)).isBetween(400L, 3000L);
            assertPartialBodyKept(capture, payload);
            assertThat(capture.notice()).contains("transfer slower than 100 bytes per 400ms").contains("tracemap.fetch.min-speed");
            assertThat(server.requestHeads()).hasSize(1);
        }
    }

    @Test
    void aHeadTricklingOneByteAtATimeFailsAtTheHeaderTimeoutWithoutRetry() throws Exception {
        byte[] head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(ISO_8859_1);
        List<byte[]> parts = new ArrayList<>();
        for (byte b : head) parts.add(new byte[] {b});

        try (RawHttpServer server = new RawHttpServer(parts, Duration.ofMillis(100));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
                 s.readTimeout = Duration.ofSeconds(5);
                 s.headerTimeout = Duration.ofMillis(500);
                 s.maxAttempts = 4;
             })) {
            long started = System.nanoTime();
            List<FetchedCapture> outcomes = Fetching.fetchUntilSettled(fetcher, server.url("/slowloris"));

            assertThat(millisSince(started)).isLessThan(2500L);
            assertThat(outcomes).singleElement().satisfies(c -> {
                assertThat(c.failed()).isTrue();
                assertThat(c.failure()).contains("no complete response head within 500ms (tracemap.fetch.header-timeout)");
            });
            assertThat(server.requestHeads()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"one header line of 1 MB, 1, 1048576, Maximum line length limit exceeded",
                "ten thousand headers, 10000, 10, Maximum header count exceeded"})
    void aResponseHeadPastTheLimitsFailsWithTheLimitNamedAndIsNotRetried(String name, int headers, int valueLength, String cause) throws Exception {
        StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n");
        String value = "v".repeat(valueLength);
        for (int i = 0; i < headers; i++) head.append("X-Filler-").append(i).append(": ").append(value).append("\r\n");
        head.append("\r\nok");

        try (RawHttpServer server = new RawHttpServer(head.toString().getBytes(ISO_8859_1));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxAttempts = 3)) {
            List<FetchedCapture> outcomes = Fetching.fetchUntilSettled(fetcher, server.url("/big-head"));

            assertThat(outcomes).singleElement().satisfies(c -> {
                assertThat(c.failed()).isTrue();
                assertThat(c.failure()).contains(cause).contains("tracemap.fetch.max-header-line").contains("tracemap.fetch.max-header-count");
            });
            assertThat(server.requestHeads()).hasSize(1);
        }
    }

    @Test
    void publicSubmissionsAreFetchedUnderTheirStricterLimits() throws Exception {
        byte[] payload = randomBytes(64 * 1024);
        origin.stubFor(get("/submitted").willReturn(ok().withBody(payload)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {
            s.maxBodySize = 1 << 20;
            s.submissionLimits = new FetchLimits(Duration.ofSeconds(5), 10_000, 2, 1, "tracemap.fetch.submission");
        })) {
            org.tracemap.intake.CaptureRequest researcher = request(url("/submitted"));
            org.tracemap.intake.CaptureRequest submission = new org.tracemap.intake.CaptureRequest("capture-2", researcher.url(),
                    java.util.Map.of(), org.tracemap.intake.CaptureRequest.PUBLIC_PREFIX + "abc", 1);

            assertThat(fetcher.fetch(researcher).responses().get(0).truncated()).isNull();
            FetchedCapture fromPublic = fetcher.fetch(submission);
            assertThat(fromPublic.responses().get(0).truncated()).isEqualTo("length");
            assertThat(fromPublic.responses().get(0).bodyLength()).isEqualTo(10_000);
            assertThat(fromPublic.notice()).contains("larger than 10000 bytes (tracemap.fetch.submission.max-body-size)");
        }
    }

    private static void assertPartialBodyKept(FetchedCapture capture, byte[] payload) throws Exception {
        assertThat(capture.failure()).isNull();
        FetchedResponse response = capture.responses().get(0);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.truncated()).isEqualTo("time");
        assertThat(response.bodyLength()).isBetween(1L, payload.length - 1L);
        byte[] kept = Arrays.copyOf(payload, (int) response.bodyLength());
        assertThat(body(response)).isEqualTo(kept);
        assertThat(label(response.payloadDigest())).isEqualTo(sha256(kept));
        assertThat(label(response.blockDigest())).isEqualTo(sha256(response.responseHead(), kept));
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
