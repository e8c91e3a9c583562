package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF guard through the real server with private fetching off (the default): every spelling of
 * loopback is refused at intake for captures, public submissions and crawl definitions, before any
 * connection; and a URL a sitemap lists on loopback is refused at intake too. The sitemap itself is served
 * from loopback under the name {@code localhost}, exempted by {@code tracemap.fetch.allow-private-hosts};
 * the listed URL spells loopback as {@code 127.0.0.1}, which the exemption does not cover.
 */
class SsrfIT {
    private static final List<String> LOOPBACK_SPELLINGS = List.of("localhost", "LOCALHOST.", "app.localhost", "127.0.0.1", "127.1",
            "0x7f000001", "017700000001", "2130706433", "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
            "[::ffff:0:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]");

    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;

    @BeforeEach
    void startOrigin() {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(any(anyUrl()).willReturn(ok("<html><body>loopback service</body></html>").withHeader("Content-Type", "text/html")));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void everyLoopbackSpellingIsRefusedAtIntakeForCapturesAndSubmissions() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.fetch.allow-private", "false", "tracemap.submissions.per-address-per-hour", "1000"));
        for (String host : LOOPBACK_SPELLINGS) {
            String url = "http://" + host + ":" + origin.port() + "/secret";
            HttpResponse<byte[]> capture = server.post("/api/captures", Map.of("url", url), TestServer.ADMIN);
            assertThat(capture.statusCode()).as(url + ": " + new String(capture.body())).isEqualTo(400);
            assertThat(server.read(capture).path("field").asText()).isEqualTo("url");
            assertThat(server.read(capture).path("error").asText()).contains("cannot be captured");

            HttpResponse<byte[]> submission = server.post("/api/submissions", Map.of("url", url), null);
            assertThat(submission.statusCode()).as(url + ": " + new String(submission.body())).isEqualTo(400);
            assertThat(server.read(submission).path("field").asText()).isEqualTo("url");
        }
        Thread.sleep(300); // a few queue polls: nothing was queued, so nothing may arrive
        assertThat(server.tracemap().captures().countByStatus()).isEmpty();
        assertThat(origin.getAllServeEvents()).isEmpty();
    }

    @Test
    void crawlDefinitionsRefuseLoopbackSeedsSitemapsAndFeedsNamingTheField() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.fetch.allow-private", "false"));
        String loopback = "http://127.1:" + origin.port() + "/";
        for (String field : List.of("seeds", "sitemaps", "feeds")) {
            Map<String, Object> definition = Map.of("name", "probe-" + field, field, List.of("http://example.com/", loopback));
            HttpResponse<byte[]> r = server.post("/api/crawls", definition, TestServer.ADMIN);
            assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(400);
            assertThat(server.read(r).path("field").asText()).isEqualTo(field + "[1]");
            assertThat(server.read(r).path("error").asText()).contains("loopback");
        }
        assertThat(server.getJson("/api/crawls", TestServer.ADMIN).path("total").asInt()).isZero();
    }

    @Test
    void crawlDefinitionsMayNameLoopbackWhenPrivateFetchingIsAllowed() throws Exception {
        server = new TestServer(archive, Map.of());
        HttpResponse<byte[]> r = server.post("/api/crawls", Map.of("name", "local", "seeds", List.of("http://127.0.0.1:" + origin.port() + "/")),
                TestServer.ADMIN);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    }

    @Test
    void aLoopbackUrlListedInASitemapIsRefusedAtIntakeAndNeverRequested() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.fetch.allow-private", "false", "tracemap.fetch.allow-private-hosts", "localhost"));
        String exempt = "http://localhost:" + origin.port();
        String forbidden = "http://127.0.0.1:" + origin.port();
        origin.stubFor(get(urlEqualTo("/sitemap.xml")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<url><loc>" + forbidden + "/secret</loc></url><url><loc>" + exempt + "/page</loc></url></urlset>")));
        origin.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(404)));

        Map<String, Object> definition = Map.of("name", "listed", "sitemaps", List.of(exempt + "/sitemap.xml"), "maxDepth", 0,
                "scope", Map.of("include", List.of(exempt + "/", forbidden + "/")));
        HttpResponse<byte[]> defined = server.post("/api/crawls", definition, TestServer.ADMIN);
        assertThat(defined.statusCode()).as(new String(defined.body())).isEqualTo(201);
        String id = server.read(server.post("/api/crawls/listed/runs", Map.of(), TestServer.ADMIN)).path("id").asText();

        JsonNode run = awaitFinished("/api/crawls/listed/runs/" + id);
        assertThat(run.path("counts").path("discovered").asInt()).isEqualTo(2);
        assertThat(run.path("counts").path("captured").asInt()).isEqualTo(1);
        assertThat(run.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(run.path("errors").fieldNames()).toIterable().singleElement().asString()
                .startsWith("refused at intake:").contains("127.0.0.1, a loopback address");
        origin.verify(getRequestedFor(urlEqualTo("/sitemap.xml")));
        origin.verify(getRequestedFor(urlEqualTo("/page")));
        origin.verify(0, getRequestedFor(urlEqualTo("/secret")));
    }

    private JsonNode awaitFinished(String path) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonNode run = server.getJson(path, TestServer.ADMIN);
            if (!run.path("status").asText().equals("RUNNING")) return run;
            Thread.sleep(100);
        }
        throw new AssertionError("run did not finish within 30 s: " + server.getJson(path, TestServer.ADMIN));
    }
}
