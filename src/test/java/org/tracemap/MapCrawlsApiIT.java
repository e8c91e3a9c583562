package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoints the map and crawls pages added: the tile setting, the dataset's filters, a crawl's runs. */
class MapCrawlsApiIT {
    private static final String ADMIN = TestServer.ADMIN;

    @TempDir
    Path archive;

    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.crawl.step-interval", "100ms", "tracemap.crawl.dir", archive.resolve("none").toString()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void withoutATileSettingTheMapIsToldToDrawOutlinesAndTheUiReachesNoOtherHost() throws Exception {
        HttpResponse<byte[]> config = anonymous("/api/ui-config");
        assertThat(config.statusCode()).as("public: the public map reads it").isEqualTo(200);
        JsonNode map = server.read(config).path("map");
        assertThat(map.has("tileUrl")).isTrue();
        assertThat(map.path("tileUrl").isNull()).isTrue();
        assertThat(map.path("attribution").isNull()).isTrue();

        String csp = anonymous("/ui/map.html").headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("img-src 127.0.0.1:" + port() + "/ui/ data:;").doesNotContain("http");
    }

    @Test
    void aConfiguredTileServerReachesThePageAndItsPolicy() throws Exception {
        server.close();
        server = new TestServer(archive, Map.of("tracemap.ui.map.tile-url", "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
                "tracemap.ui.map.tile-attribution", "© OpenStreetMap contributors"));

        JsonNode map = server.read(anonymous("/api/ui-config")).path("map");
        assertThat(map.path("tileUrl").asText()).isEqualTo("https://{s}.tiles.example.org/{z}/{x}/{y}.png");
        assertThat(map.path("attribution").asText()).isEqualTo("© OpenStreetMap contributors");
        assertThat(anonymous("/ui/map.html").headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("img-src 127.0.0.1:" + port() + "/ui/ data: https://*.tiles.example.org;");
    }

    @Test
    void theDatasetCanBeFilteredByCompanyCategoryCountryAndYears() throws Exception {
        DataPointFixtures.seed(server.tracemap(), DataPointFixtures.THREE);

        assertThat(labels("/api/datapoints")).containsExactlyInAnyOrder("Nairobi safe city", "Addis Ababa 5G trial", "Dubai data centre");
        assertThat(labels("/api/datapoints?company=huawei")).containsExactlyInAnyOrder("Nairobi safe city", "Dubai data centre");
        assertThat(labels("/api/datapoints?company=huawei&category=data-centre")).containsExactly("Dubai data centre");
        assertThat(labels("/api/datapoints?country=et")).containsExactly("Addis Ababa 5G trial");
        assertThat(labels("/api/datapoints?yearFrom=2015&yearTo=2019")).containsExactlyInAnyOrder("Addis Ababa 5G trial", "Dubai data centre");
        assertThat(labels("/api/datapoints?company=&category=")).as("empty means any, as a form sends it").hasSize(3);

        JsonNode geojson = server.getJson("/api/datapoints?format=geojson&yearTo=2014", ADMIN);
        assertThat(geojson.path("features")).hasSize(1);
        assertThat(geojson.path("features").get(0).path("properties").path("company").asText()).isEqualTo("huawei");
        HttpResponse<byte[]> csv = authorized("/api/datapoints?format=csv&country=AE");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("Dubai data centre").doesNotContain("Nairobi");
    }

    @Test
    void malformedFiltersAreRefusedNamingTheParameter() throws Exception {
        assertRefused("/api/datapoints?company=Huawei%20Inc", "company");
        assertRefused("/api/datapoints?country=KEN", "country");
        assertRefused("/api/datapoints?yearFrom=last%20year", "yearFrom");
        assertRefused("/api/datapoints?yearFrom=2020&yearTo=2010", "yearFrom");
    }

    @Test
    void aCrawlsRunsAreListedNewestFirstWithTheirCounts() throws Exception {
        WireMockServer site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
        try {
            site.stubFor(get(urlEqualTo("/robots.txt")).willReturn(aResponse().withStatus(404)));
            site.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                    .withBody("<html><head><title>Home</title></head><body><p>Hello.</p></body></html>")));
            assertThat(server.post("/api/crawls", Map.of("name", "site", "seeds", List.of(site.baseUrl() + "/"), "maxDepth", 0), ADMIN).statusCode())
                    .isEqualTo(201);
            assertThat(server.getJson("/api/crawls/site/runs", ADMIN).path("total").asInt()).isZero();

            String first = runToEnd("site");
            String second = runToEnd("site");

            JsonNode runs = server.getJson("/api/crawls/site/runs", ADMIN);
            assertThat(runs.path("total").asInt()).isEqualTo(2);
            assertThat(runs.path("items")).extracting(r -> r.path("id").asText()).containsExactly(second, first);
            JsonNode newest = runs.path("items").get(0);
            assertThat(newest.path("status").asText()).isEqualTo("FINISHED");
            assertThat(newest.path("counts").path("captured").asInt()).isEqualTo(1);
            assertThat(newest.path("counts").path("unchanged").asInt()).isEqualTo(1);
            assertThat(server.getJson("/api/crawls/site/runs?limit=1", ADMIN).path("items")).hasSize(1);
        } finally {
            site.stop();
        }
        assertThat(authorized("/api/crawls/nowhere/runs").statusCode()).isEqualTo(404);
        assertThat(anonymous("/api/crawls/site/runs").statusCode()).isEqualTo(401);
    }

    @Test
    void aDiffAskedForOneSnapshotComparesItWithTheOneBeforeIt() throws Exception {
        WireMockServer site = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        site.start();
        try {
            String url = site.baseUrl() + "/news.html";
            List<String> timestamps = new java.util.ArrayList<>();
            for (String version : List.of("first", "second", "third")) {
                site.stubFor(get(urlEqualTo("/news.html")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                        .withBody("<html><head><title>News</title></head><body><p>The " + version + " version of the story.</p></body></html>")));
                timestamps.add(captureToEnd(url));
                Thread.sleep(1100); // snapshot timestamps have whole seconds
            }

            JsonNode middle = server.getJson("/api/diff?url=" + url + "&to=" + timestamps.get(1), ADMIN);
            assertThat(middle.path("from").path("timestamp").asText()).isEqualTo(timestamps.get(0));
            assertThat(middle.path("diff").asText()).contains("-The first version of the story.").contains("+The second version of the story.");
            assertThat(server.getJson("/api/diff?url=" + url, ADMIN).path("from").path("timestamp").asText()).as("the last two by default")
                    .isEqualTo(timestamps.get(1));
            HttpResponse<byte[]> oldest = authorized("/api/diff?url=" + url + "&to=" + timestamps.get(0));
            assertThat(oldest.statusCode()).isEqualTo(404);
            assertThat(server.read(oldest).path("error").asText()).contains("no snapshot of").contains("before " + timestamps.get(0));
        } finally {
            site.stop();
        }
    }

    /** Captures a URL through the API and waits until it is mined; returns its snapshot's timestamp. */
    private String captureToEnd(String url) throws Exception {
        HttpResponse<byte[]> queued = server.post("/api/captures", Map.of("url", url), ADMIN);
        assertThat(queued.statusCode()).isEqualTo(202);
        String id = server.read(queued).path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode capture = server.getJson("/api/captures/" + id, ADMIN);
            String status = capture.path("status").asText();
            if (status.equals("FAILED")) throw new AssertionError("capture failed: " + capture);
            if (status.equals("MINED")) return capture.path("snapshot").path("timestamp").asText();
            Thread.sleep(100);
        }
        throw new AssertionError("capture of " + url + " did not finish within 60 s");
    }

    private String runToEnd(String crawl) throws Exception {
        HttpResponse<byte[]> started = server.post("/api/crawls/" + crawl + "/runs", Map.of(), ADMIN);
        assertThat(started.statusCode()).as(new String(started.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = server.read(started).path("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode run = server.getJson("/api/crawls/" + crawl + "/runs/" + id, ADMIN);
            if (!run.path("status").asText().equals("RUNNING")) return id;
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " of " + crawl + " did not end within 60 s");
    }

    private List<String> labels(String path) throws Exception {
        JsonNode items = server.getJson(path, ADMIN).path("items");
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(n -> n.path("label").asText()).toList();
    }

    private void assertRefused(String path, String field) throws Exception {
        HttpResponse<byte[]> r = authorized(path);
        assertThat(r.statusCode()).as(path).isEqualTo(400);
        assertThat(server.read(r).path("field").asText()).as(path).isEqualTo(field);
    }

    private HttpResponse<byte[]> anonymous(String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).GET());
    }

    private HttpResponse<byte[]> authorized(String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + ADMIN).GET());
    }

    private int port() {
        return URI.create(server.api()).getPort();
    }
}
