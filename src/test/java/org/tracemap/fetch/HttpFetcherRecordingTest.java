package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tracemap.fetch.Fetching.body;
import static org.tracemap.fetch.Fetching.label;
import static org.tracemap.fetch.Fetching.request;
import static org.tracemap.fetch.Fetching.sha256;
import static org.tracemap.fetch.Fetching.text;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the fetcher records of one exchange (heads, body bytes, digests, address): what the WARC records are made of. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherRecordingTest {
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
    void okResponseIsRecordedWithItsExactHeadBodyDigestsAndAddress() throws Exception {
        byte[] payload = "<html><p>Smart city MoU signed — 智慧城市合作</p></html>".getBytes(UTF_8);
        StubMapping stub = origin.stubFor(get("/news/1").willReturn(ok()
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("X-Origin", "wiremock")
                .withBody(payload)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/news/1")));

            assertThat(capture.failed()).isFalse();
            assertThat(capture.attempts()).isEqualTo(1);
            assertThat(capture.responses()).hasSize(1);
            FetchedResponse response = capture.responses().get(0);
            // WireMock sends its bodies chunked; the stored head leaves that header out because the body is stored de-chunked.
            String expectedHead = "HTTP/1.1 200 OK\r\n"
                    + "Content-Type: text/html; charset=utf-8\r\n"
                    + "X-Origin: wiremock\r\n"
                    + "Matched-Stub-Id: " + stub.getId() + "\r\n"
                    + "\r\n";
            assertThat(text(response.responseHead())).isEqualTo(expectedHead);
            assertThat(response.url().url()).isEqualTo(url("/news/1"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(response.location()).isNull();
            assertThat(response.isRedirect()).isFalse();
            assertThat(response.remoteAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(response.body()).hasParent(spool);
            assertThat(body(response)).isEqualTo(payload);
            assertThat(response.bodyLength()).isEqualTo(payload.length);
            assertThat(label(response.payloadDigest())).isEqualTo(sha256(payload));
            assertThat(label(response.blockDigest())).isEqualTo(sha256(expectedHead.getBytes(ISO_8859_1), payload));
            assertThat(response.truncated()).isNull();
            assertThat(response.attempts()).isEqualTo(1);
        }
    }

    @Test
    void responseHeadIsStoredByteForByteAsReceived() throws Exception {
        String head = "HTTP/1.1 200 OK\r\n"
                + "Date: Tue, 04 Mar 2025 10:00:00 GMT\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "x-lower-case-name: Kept As Sent\r\n"
                + "Set-Cookie: a=1; Path=/\r\n"
                + "Set-Cookie: b=2; Path=/\r\n"
                + "Content-Length: 5\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        try (RawHttpServer server = new RawHttpServer((head + "hello").getBytes(ISO_8859_1));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(server.url("/plain"))).responses().get(0);

            assertThat(text(response.responseHead())).isEqualTo(head);
            assertThat(body(response)).isEqualTo("hello".getBytes(ISO_8859_1));
            assertThat(label(response.blockDigest())).isEqualTo(sha256((head + "hello").getBytes(ISO_8859_1)));
        }
    }

    @Test
    void chunkedBodyIsStoredDechunkedAndItsHeadNoLongerSaysChunked() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Connection: close\r\n"
                + "\r\n"
                + "5\r\nhello\r\n"
                + "6\r\n world\r\n"
                + "0\r\n\r\n";
        try (RawHttpServer server = new RawHttpServer(answer.getBytes(ISO_8859_1));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(server.url("/chunked")));

            FetchedResponse response = capture.responses().get(0);
            String expectedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n";
            assertThat(text(response.responseHead())).isEqualTo(expectedHead);
            assertThat(body(response)).isEqualTo("hello world".getBytes(ISO_8859_1));
            assertThat(label(response.payloadDigest())).isEqualTo(sha256("hello world".getBytes(ISO_8859_1)));
            assertThat(label(response.blockDigest())).isEqualTo(sha256((expectedHead + "hello world").getBytes(ISO_8859_1)));
        }
    }

    @Test
    void bodyEndedByClosingTheConnectionIsStoredWhole() throws Exception {
        String head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n"; // no Content-Length: the body ends at close
        String payload = "read until the origin hangs up";
        try (RawHttpServer server = new RawHttpServer((head + payload).getBytes(ISO_8859_1));
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(server.url("/legacy"))).responses().get(0);

            assertThat(text(response.responseHead())).isEqualTo(head);
            assertThat(body(response)).isEqualTo(payload.getBytes(ISO_8859_1));
            assertThat(response.truncated()).isNull();
        }
    }

    @Test
    void bodyDribbledInChunksIsStoredWholeAndDechunked() throws Exception {
        byte[] payload = "0123456789abcdef".repeat(64).getBytes(ISO_8859_1);
        origin.stubFor(get("/dribble").willReturn(ok().withBody(payload).withChunkedDribbleDelay(5, 100)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(url("/dribble"))).responses().get(0);

            assertThat(text(response.responseHead())).doesNotContainIgnoringCase("Transfer-Encoding");
            assertThat(body(response)).isEqualTo(payload);
            assertThat(label(response.payloadDigest())).isEqualTo(sha256(payload));
            assertThat(response.truncated()).isNull();
        }
    }

    @Test
    void gzipContentEncodingIsStoredAsSentNotDecoded() throws Exception {
        byte[] plain = "数据中心 data centre opened in Nairobi. ".repeat(40).getBytes(UTF_8);
        byte[] gzipped = gzip(plain);
        origin.stubFor(get("/compressed").willReturn(ok()
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("Content-Encoding", "gzip")
                .withBody(gzipped)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(url("/compressed"))).responses().get(0);

            assertThat(text(response.responseHead())).contains("\r\nContent-Encoding: gzip\r\n");
            assertThat(body(response)).isEqualTo(gzipped);
            assertThat(label(response.payloadDigest())).isEqualTo(sha256(gzipped));
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body(response)))) {
                assertThat(in.readAllBytes()).isEqualTo(plain);
            }
        }
    }

    @Test
    void configuredUserAgentIsSentAndRecordedInTheRequestHead() throws Exception {
        String agent = "ResearchArchiver/2.0 (+mailto:ops@example.org)";
        origin.stubFor(get("/about?lang=en").willReturn(ok("about")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.userAgent = agent)) {
            FetchedResponse response = fetcher.fetch(request(url("/about?lang=en"))).responses().get(0);

            origin.verify(1, getRequestedFor(urlEqualTo("/about?lang=en")).withHeader("User-Agent", equalTo(agent)));
            String head = text(response.requestHead());
            assertThat(head).startsWith("GET /about?lang=en HTTP/1.1\r\n");
            assertThat(head).contains("\r\nUser-Agent: " + agent + "\r\n");
            assertThat(head).contains("\r\nHost: 127.0.0.1:" + origin.getPort() + "\r\n");
            assertThat(head).endsWith("\r\n\r\n");
        }
    }

    @Test
    void recordedRequestHeadIsExactlyWhatWentOverTheWire() throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(ISO_8859_1);
        try (RawHttpServer server = new RawHttpServer(answer);
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(server.url("/wire?q=%E6%95%B0"))).responses().get(0);

            assertThat(server.requestHeads()).hasSize(1);
            assertThat(text(response.requestHead())).isEqualTo(text(server.requestHeads().get(0)));
        }
    }

    @Test
    void noContentAnswerIsRecordedWithAnEmptyBodyFile() throws Exception {
        origin.stubFor(get("/empty").willReturn(aResponse().withStatus(204)));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedResponse response = fetcher.fetch(request(url("/empty"))).responses().get(0);

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.bodyLength()).isZero();
            assertThat(response.body()).exists().isEmptyFile();
            assertThat(label(response.payloadDigest())).isEqualTo(sha256());
            assertThat(label(response.blockDigest())).isEqualTo(sha256(response.responseHead()));
        }
    }

    @Test
    void captureStartTimeComesFromTheInjectedClock() throws Exception {
        Instant now = Instant.parse("2025-03-04T10:15:30.123Z");
        origin.stubFor(get("/clock").willReturn(ok("tick")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, Clock.fixed(now, ZoneOffset.UTC), s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/clock")));

            assertThat(capture.startedAt()).isEqualTo(now);
            assertThat(capture.request().captureId()).isEqualTo("capture-1");
        }
    }

    @Test
    void discardingBodiesDeletesTheSpoolFiles() throws Exception {
        origin.stubFor(get("/spooled").willReturn(ok("to be archived")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/spooled")));
            Path body = capture.responses().get(0).body();
            assertThat(body).exists();

            capture.discardBodies();

            assertThat(body).doesNotExist();
            try (var left = Files.list(spool)) {
                assertThat(left).isEmpty();
            }
        }
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }
}
