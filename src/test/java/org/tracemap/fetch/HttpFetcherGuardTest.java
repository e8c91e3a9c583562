package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tracemap.fetch.Fetching.request;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SSRF guard at fetch time: with private fetching off, loopback is refused before any connection is made. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherGuardTest {
    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path spool;

    @ParameterizedTest(name = "http://{0}:PORT/")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | a loopback address", "localhost | a loopback address", "2130706433 | a loopback address",
            "127.1 | a loopback address", "[::1] | a loopback address", "[::ffff:127.0.0.1] | a loopback address",
            "[::ffff:7f00:1] | a loopback address", "[0:0:0:0:0:ffff:7f00:1] | a loopback address",
            "[::ffff:0:127.0.0.1] | an IPv4-translated address", "[64:ff9b::7f00:1] | a NAT64 form of a loopback address",
            "[2002:7f00:1::1] | a 6to4 form of a loopback address", "0.0.0.0 | an unspecified address",
    })
    void loopbackTargetIsRefusedAndNeverRequested(String host, String kind) throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(ok("must not be served")));
        String url = "http://" + host + ":" + origin.getPort() + "/secret";

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.allowPrivate = false)) {
            FetchedCapture capture = fetcher.fetch(request(url));

            assertThat(capture.failed()).isTrue();
            assertThat(capture.failure()).contains(kind).contains("fetching it is refused");
            assertThat(capture.responses()).isEmpty();
            assertThat(capture.attempts()).isEqualTo(1); // a refusal is final: no retries
            assertThat(origin.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void loopbackLiteralIsRefusedBeforeAnyConnectionIsOpened() throws Exception {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nno".getBytes(ISO_8859_1);
        try (RawHttpServer server = new RawHttpServer(answer);
             HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.allowPrivate = false)) {
            FetchedCapture capture = fetcher.fetch(request(server.url("/")));

            assertThat(capture.failure()).contains("127.0.0.1 resolves to 127.0.0.1, a loopback address (127.0.0.0/8)");
            assertThat(server.connections()).isZero();
        }
    }

    @Test
    void loopbackIsFetchedWhenPrivateAddressesAreAllowed() throws Exception {
        origin.stubFor(any(anyUrl()).willReturn(ok("test origin")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.allowPrivate = true)) {
            FetchedCapture capture = fetcher.fetch(request("http://localhost:" + origin.getPort() + "/"));

            assertThat(capture.failure()).isNull();
            assertThat(capture.responses()).singleElement().extracting(FetchedResponse::status).isEqualTo(200);
        }
    }
}
