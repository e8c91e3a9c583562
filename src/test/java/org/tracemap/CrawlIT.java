package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loopback site with robots.txt, a sitemap index pointing at a gzipped sitemap, an RSS feed and pages
 * that change and disappear between runs, crawled through the HTTP API with the real routes.
 */
class CrawlIT {
    private static final String TOKEN = TestServer.ADMIN;

    @TempDir
    Path archive;

    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer site;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
        String base = site.baseUrl();
        page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\n");
        page("/", "text/html", html("Home", "<a href=\"/news/1.html\">one</a> <a href=\"/about.html\">about</a> "
                + "<a href=\"/private/hidden.html\">hidden</a> <a href=\"http://elsewhere.invalid/x\">away</a> <a href=\"mailto:x@y.z\">mail</a>"));
        page("/news/1.html", "text/html", html("One", "<p>Huawei opened an office in Nairobi.</p>"));
        page("/news/2.html", "text/html", html("Two", "<p>Second story.</p>"));
        page("/news/3.html", "text/html", html("Three", "<p>Third story from the feed.</p>"));
        page("/about.html", "text/html", html("About", "<p>About us.</p><a href=\"/\">home</a>"));
        page("/private/secret.html", "text/html", html("Secret", "<p>no</p>"));
        page("/private/hidden.html", "text/html", html("Hidden", "<p>no</p>"));
        page("/sitemap_index.xml", "application/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>" + base + "/sitemap-news.xml.gz</loc></sitemap></sitemapindex>");
        site.stubFor(get(urlEqualTo("/sitemap-news.xml.gz")).willReturn(aResponse().withHeader("Content-Type", "application/x-gzip")
                .withBody(gzip("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                        + "<url><loc>" + base + "/news/1.html</loc></url><url><loc>" + base + "/news/2.html</loc></url>"
                        + "<url><loc>" + base + "/private/secret.html</loc></url></urlset>"))));
        page("/feed.xml", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>News</title><link>" + base
                + "</link><description>d</description><item><title>Three</title><link>" + base + "/news/3.html</link></item></channel></rss>");
        server = new TestServer(archive, Map.of("tracemap.crawl.step-interval", "100ms",
                "tracemap.crawl.dir", archive.resolve("no-crawl-files").toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        site.stop();
    }

    @Test
    void crawlHonoursRobotsAndTheNextRunReportsChangedUnchangedAndGone() throws Exception {
        String base = site.baseUrl();
        HttpResponse<byte[]> defined = post("/api/crawls", Map.of("name", "site", "seeds", List.of(base + "/"),
                "sitemaps", List.of(base + "/sitemap_index.xml"), "feeds", List.of(base + "/feed.xml"), "maxDepth", 2, "maxPages", 100));
        assertThat(defined.statusCode()).as(new String(defined.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(post("/api/crawls", Map.of("name", "Bad Name!", "seeds", List.of(base))).statusCode()).isEqualTo(400);
        assertThat(post("/api/crawls", Map.of("name", "x", "seeds", List.of(base), "schedule", "every day")).statusCode()).isEqualTo(400);

        JsonNode first = runToEnd("site");
        JsonNode c1 = first.path("counts");
        assertThat(first.path("status").asText()).isEqualTo("FINISHED");
        assertThat(c1.path("captured").asInt()).as(first.toPrettyString()).isEqualTo(5); // /, about, news 1-3
        assertThat(c1.path("new").asInt()).isEqualTo(5);
        assertThat(c1.path("blockedByRobots").asInt()).isEqualTo(2);
        assertThat(c1.path("discovered").asInt()).isEqualTo(7);
        assertThat(c1.path("failed").asInt()).isZero();
        assertThat(c1.path("answeredError").asInt()).isZero();
        site.verify(0, getRequestedFor(urlMatching("/private/.*"))); // counted, never fetched
        site.verify(1, getRequestedFor(urlEqualTo("/news/1.html"))); // one URL, once, however often it was discovered

        JsonNode news2Before = snapshots(base + "/news/2.html").get(0);
        Instant between = Instant.now();
        page("/news/1.html", "text/html", html("One", "<p>Huawei opened an office in Nairobi.</p><p>It now has 200 staff.</p>"));
        site.stubFor(get(urlEqualTo("/news/2.html")).willReturn(aResponse().withStatus(404).withBody("gone")));
        // Only the page furniture changes: the bytes differ, the main text does not.
        page("/about.html", "text/html", html("About", "<p>About us.</p><a href=\"/\">home</a>").replace("</body>",
                "<footer><p>Page generated 2026-11-23 12:00:01</p></footer></body>"));

        JsonNode second = runToEnd("site");
        JsonNode c2 = second.path("counts");
        assertThat(c2.path("changed").asInt()).as(second.toPrettyString()).isEqualTo(2);
        assertThat(c2.path("gone").asInt()).isEqualTo(1);
        assertThat(c2.path("unchanged").asInt()).isEqualTo(2);
        assertThat(c2.path("new").asInt()).isZero();

        // The vanished page's earlier capture still replays, byte for byte.
        HttpResponse<byte[]> replay = server.send(HttpRequest.newBuilder(URI.create(news2Before.path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(new String(replay.body(), StandardCharsets.UTF_8)).contains("Second story.");

        JsonNode changes = getJson("/api/changes?crawl=site&since=" + between);
        assertThat(changes.path("items")).extracting(n -> n.path("url").asText() + " " + n.path("change").asText() + " " + n.path("textChanged").asText())
                .containsExactlyInAnyOrder(base + "/news/1.html CHANGED true", base + "/about.html CHANGED false", base + "/news/2.html GONE ");

        JsonNode diff = getJson("/api/diff?url=" + base + "/news/1.html");
        assertThat(diff.path("changed").asBoolean()).isTrue();
        assertThat(diff.path("linesAdded").asInt()).isEqualTo(1);
        assertThat(diff.path("diff").asText()).contains("+It now has 200 staff.");
        JsonNode same = getJson("/api/diff?url=" + base + "/about.html"); // the footer's timestamp is not a change
        assertThat(same.path("changed").asBoolean()).isFalse();
        JsonNode unchanged = getJson("/api/diff?url=" + base + "/news/3.html"); // a revisit: the same text, of course
        assertThat(unchanged.path("changed").asBoolean()).isFalse();
    }

    @Test
    void aRunSurvivesARestartAndResumesWithoutRecapturing() throws Exception {
        String base = site.baseUrl();
        StringBuilder links = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            links.append("<a href=\"/slow/").append(i).append(".html\">").append(i).append("</a> ");
            site.stubFor(get(urlEqualTo("/slow/" + i + ".html")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                    .withFixedDelay(150).withBody(html("Slow " + i, "<p>page " + i + "</p>"))));
        }
        page("/slow/", "text/html", html("Index", links.toString()));
        assertThat(post("/api/crawls", Map.of("name", "slow", "seeds", List.of(base + "/slow/"), "maxDepth", 1,
                "politeness", Map.of("127.0.0.1", Map.of("concurrency", 1))))).extracting(HttpResponse::statusCode).isEqualTo(201);
        String id = json.readTree(post("/api/crawls/slow/runs", Map.of()).body()).path("id").asText();

        long deadline = System.currentTimeMillis() + 20_000;
        while (getJson("/api/crawls/slow/runs/" + id).path("counts").path("captured").asInt() < 4) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(50);
        }
        server.close();
        server.start();

        JsonNode resumed = runToEnd("slow", id);
        assertThat(resumed.path("counts").path("captured").asInt()).as(resumed.toPrettyString()).isEqualTo(13);
        for (int i = 0; i < 12; i++) {
            int requests = site.findAll(getRequestedFor(urlEqualTo("/slow/" + i + ".html"))).size();
            // At most the one capture in flight at the stop is fetched again; every page is captured.
            assertThat(requests).as("/slow/" + i).isBetween(1, 2);
        }
        int refetched = 0;
        for (int i = 0; i < 12; i++) refetched += site.findAll(getRequestedFor(urlEqualTo("/slow/" + i + ".html"))).size() - 1;
        assertThat(refetched).isLessThanOrEqualTo(1);
    }

    @Test
    void anUnreadableRobotsTxtFetchesNothingOfThatSiteAndSaysWhy() throws Exception {
        site.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(503)));
        String base = site.baseUrl();
        assertThat(post("/api/crawls", Map.of("name", "down", "seeds", List.of(base + "/"), "maxDepth", 1)).statusCode()).isEqualTo(201);
        JsonNode run = runToEnd("down");
        assertThat(run.path("counts").path("failed").asInt()).as(run.toPrettyString()).isEqualTo(1);
        assertThat(run.path("counts").path("captured").asInt()).isZero();
        assertThat(run.path("errors").path("robots.txt could not be read (server error or unreachable)").asInt()).isEqualTo(1);
        site.verify(0, getRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anErrorPageIsCountedAsCapturedAndNamedAsWhatTheOriginAnswered() throws Exception {
        String base = site.baseUrl();
        site.stubFor(get(urlEqualTo("/moved-away.html")).willReturn(aResponse().withStatus(404).withBody("not here")));
        assertThat(post("/api/crawls", Map.of("name", "errors", "seeds", List.of(base + "/moved-away.html"), "maxDepth", 0)).statusCode())
                .isEqualTo(201);
        JsonNode run = runToEnd("errors");
        JsonNode counts = run.path("counts");
        // Archived faithfully (captured, and new: the first copy of that URL), but said to be an error page, in words.
        assertThat(counts.path("captured").asInt()).as(run.toPrettyString()).isEqualTo(1);
        assertThat(counts.path("new").asInt()).isEqualTo(1);
        assertThat(counts.path("answeredError").asInt()).isEqualTo(1);
        assertThat(counts.path("failed").asInt()).isZero();
        assertThat(run.path("errors").path("the origin answered 404 Not Found").asInt()).isEqualTo(1);
    }

    private JsonNode runToEnd(String crawl) throws Exception {
        HttpResponse<byte[]> started = post("/api/crawls/" + crawl + "/runs", Map.of());
        assertThat(started.statusCode()).as(new String(started.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return runToEnd(crawl, json.readTree(started.body()).path("id").asText());
    }

    private JsonNode runToEnd(String crawl, String id) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode run = getJson("/api/crawls/" + crawl + "/runs/" + id);
            if (!run.path("status").asText().equals("RUNNING")) return run;
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " of " + crawl + " did not finish within 30 s: " + getJson("/api/crawls/" + crawl + "/runs/" + id));
    }

    private JsonNode snapshots(String url) throws Exception {
        return getJson("/api/snapshots?url=" + url).path("items");
    }

    private void page(String path, String type, String body) {
        site.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withHeader("Content-Type", type + "; charset=utf-8").withBody(body)));
    }

    private static String html(String title, String body) {
        return "<html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>" + body + "</article></body></html>";
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private JsonNode getJson(String path) throws Exception {
        return server.getJson(path, TOKEN);
    }

    private HttpResponse<byte[]> post(String path, Object body) throws Exception {
        return server.post(path, body, TOKEN);
    }
}
