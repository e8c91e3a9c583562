package org.tracemap.fetch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tracemap.fetch.Fetching.body;
import static org.tracemap.fetch.Fetching.request;
import static org.tracemap.fetch.Fetching.text;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Redirects are followed one hop at a time and every hop is kept, so each can be archived as its own response. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HttpFetcherRedirectTest {
    @RegisterExtension
    static WireMockExtension origin = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    @TempDir
    Path spool;

    private String url(String path) {
        return Fetching.base(origin.getPort()) + path;
    }

    private static void redirect(String from, int status, String location) {
        origin.stubFor(get(urlEqualTo(from)).willReturn(aResponse().withStatus(status).withHeader("Location", location)));
    }

    @Test
    void redirectChainIsFollowedHopByHopAndEveryHopIsKept() throws Exception {
        redirect("/start", 301, url("/dir/middle"));
        redirect("/dir/middle", 302, "../end?from=middle"); // relative: resolved against /dir/middle
        origin.stubFor(get(urlEqualTo("/end?from=middle")).willReturn(ok("arrived")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/start")));

            assertThat(capture.failed()).isFalse();
            assertThat(capture.responses()).extracting(FetchedResponse::status).containsExactly(301, 302, 200);
            assertThat(capture.responses()).extracting(r -> r.url().url())
                    .containsExactly(url("/start"), url("/dir/middle"), url("/end?from=middle"));
            assertThat(capture.responses()).extracting(FetchedResponse::location)
                    .containsExactly(url("/dir/middle"), "../end?from=middle", null);
            assertThat(capture.responses()).extracting(FetchedResponse::isRedirect).containsExactly(true, true, false);
            assertThat(capture.responses()).extracting(r -> text(r.requestHead()).lines().findFirst().orElseThrow())
                    .containsExactly("GET /start HTTP/1.1", "GET /dir/middle HTTP/1.1", "GET /end?from=middle HTTP/1.1");
            assertThat(body(capture.responses().get(2))).isEqualTo("arrived".getBytes(UTF_8));
            assertThat(capture.attempts()).isEqualTo(3);
        }
    }

    @Test
    void redirectLoopIsReportedAndHopsAreKept() throws Exception {
        redirect("/loop/a", 302, "/loop/b");
        redirect("/loop/b", 301, url("/loop/a"));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/loop/a")));

            assertThat(capture.failed()).isTrue();
            assertThat(capture.failure())
                    .isEqualTo("redirect loop: " + url("/loop/a") + " -> " + url("/loop/b") + " -> " + url("/loop/a"));
            assertThat(capture.responses()).extracting(r -> r.url().url()).containsExactly(url("/loop/a"), url("/loop/b"));
            assertThat(capture.responses()).allSatisfy(r -> assertThat(r.body()).exists());
            assertThat(capture.attempts()).isEqualTo(2);
            origin.verify(1, getRequestedFor(urlEqualTo("/loop/a")));
            origin.verify(1, getRequestedFor(urlEqualTo("/loop/b")));
        }
    }

    @Test
    void redirectToItselfIsALoop() throws Exception {
        redirect("/self", 302, "/self");

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/self")));

            assertThat(capture.failure()).startsWith("redirect loop: ");
            assertThat(capture.responses()).hasSize(1);
            origin.verify(1, getRequestedFor(urlEqualTo("/self")));
        }
    }

    @Test
    void tooManyRedirectsEndTheChainAndKeepTheHopsFetched() throws Exception {
        hopChain();

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxRedirects = 2)) {
            FetchedCapture capture = fetcher.fetch(request(url("/hop/1")));

            assertThat(capture.failure()).isEqualTo("more than 2 redirects (tracemap.fetch.max-redirects)");
            assertThat(capture.responses()).extracting(r -> r.url().url())
                    .containsExactly(url("/hop/1"), url("/hop/2"), url("/hop/3"));
            origin.verify(0, getRequestedFor(urlEqualTo("/hop/4")));
        }
    }

    @Test
    void exactlyMaxRedirectsAreStillFollowed() throws Exception {
        hopChain();

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> s.maxRedirects = 3)) {
            FetchedCapture capture = fetcher.fetch(request(url("/hop/1")));

            assertThat(capture.failed()).isFalse();
            assertThat(capture.responses()).extracting(FetchedResponse::status).containsExactly(302, 302, 302, 200);
        }
    }

    @Test
    void redirectStatusWithoutLocationIsTheFinalAnswer() throws Exception {
        origin.stubFor(get("/nowhere").willReturn(aResponse().withStatus(302).withBody("no location given")));

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/nowhere")));

            assertThat(capture.failed()).isFalse();
            assertThat(capture.responses()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(302);
                assertThat(r.location()).isNull();
                assertThat(r.isRedirect()).isFalse();
            });
        }
    }

    @Test
    void redirectToAnUnusableLocationIsReportedWithTheHopKept() throws Exception {
        redirect("/to-ftp", 301, "ftp://files.example.org/report.pdf");

        try (HttpFetcher fetcher = Fetching.fetcher(spool, s -> {})) {
            FetchedCapture capture = fetcher.fetch(request(url("/to-ftp")));

            assertThat(capture.failure()).startsWith("redirect to an unusable location: ").contains("ftp");
            assertThat(capture.responses()).extracting(FetchedResponse::status).containsExactly(301);
        }
    }

    /** /hop/1 -> /hop/2 -> /hop/3 -> /hop/4, which answers 200: three redirects. */
    private static void hopChain() {
        for (int i = 1; i <= 3; i++) redirect("/hop/" + i, 302, "/hop/" + (i + 1));
        origin.stubFor(get(urlEqualTo("/hop/4")).willReturn(ok("end of the chain")));
    }
}
