package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/search} as the search page uses it: the year and host facets and filters, and highlighted
 * passages as plain-text parts, on pages captured from loopback origins (one server, two host names).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT {
    /** Markup written as text on the page (escaped in its HTML): the extractor keeps it as the characters a reader sees. */
    private static final String HOSTILE = "<html><head><title>Huawei in Nairobi</title>"
            + "<meta property=\"article:published_time\" content=\"2019-05-04T08:00:00Z\"></head><body><article><h1>Huawei in Nairobi</h1>"
            + "<p>Huawei signed the Nairobi agreement on Tuesday. The tender notice quoted &lt;script&gt;alert(1)&lt;/script&gt; and "
            + "&lt;img src=x onerror=alert(1)&gt; next to the name Huawei, as pasted by its clerk.</p>"
            + "<p>The operator said the second phase covers rural districts around the capital city.</p></article></body></html>";
    private static final String LATER = "<html><head><title>ZTE and Huawei in Lagos</title>"
            + "<meta property=\"article:published_time\" content=\"2021-09-01T08:00:00Z\"></head><body><article><h1>ZTE and Huawei in Lagos</h1>"
            + "<p>ZTE and Huawei both bid for the Lagos backbone contract, the state operator said on Monday.</p>"
            + "<p>The award is expected before the end of the year, according to the ministry.</p></article></body></html>";

    private WireMockServer origin;
    private TestServer server;
    private String hostileUrl;
    private String laterUrl;

    @BeforeAll
    void captureTwoPagesOnTwoHosts(@TempDir Path archive) throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        stub("/news/nairobi.html", HOSTILE);
        stub("/news/lagos.html", LATER);
        server = new TestServer(archive, Map.of());
        hostileUrl = "http://127.0.0.1:" + origin.port() + "/news/nairobi.html";
        laterUrl = "http://localhost:" + origin.port() + "/news/lagos.html";
        captureAndWait(hostileUrl);
        captureAndWait(laterUrl);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (server != null) server.close();
        if (origin != null) origin.stop();
    }

    @Test
    void markupInAnArchivedPageComesBackInPassagesAsPlainText() throws Exception {
        JsonNode hit = search("q=Huawei+Nairobi").path("hits").get(0);
        assertThat(hit.path("url").asText()).isEqualTo(hostileUrl);
        String text = passagesText(hit);
        assertThat(text).contains("<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
        assertThat(hitTexts(hit)).isNotEmpty().allSatisfy(h -> assertThat(h).isIn("Huawei", "Nairobi"));
        assertThat(hit.path("passages").toString()).as("no part is an HTML entity or a highlight tag").doesNotContain("&lt;", "<mark>");
        String snippets = hit.path("snippets").toString();
        assertThat(snippets).as("snippets stay escaped HTML for existing clients").contains("&lt;script&gt;", "<mark>Huawei</mark>")
                .doesNotContain("<script>", "<img");
    }

    @Test
    void aChineseQueryHighlightsTheEnglishNamesInPassages() throws Exception {
        JsonNode hit = search("q=" + URLEncoder.encode("华为 内罗毕", StandardCharsets.UTF_8)).path("hits").get(0);
        assertThat(hit.path("url").asText()).isEqualTo(hostileUrl);
        assertThat(hitTexts(hit)).contains("Huawei", "Nairobi");
    }

    @Test
    void theYearFacetCountsPublicationYearsAndTheYearFilterKeepsOne() throws Exception {
        JsonNode all = search("q=Huawei");
        assertThat(all.path("total").asInt()).isEqualTo(2);
        assertThat(all.path("facets").path("year").path("2019").asInt()).isEqualTo(1);
        assertThat(all.path("facets").path("year").path("2021").asInt()).isEqualTo(1);
        JsonNode in2021 = search("q=Huawei&year=2021");
        assertThat(in2021.path("total").asInt()).isEqualTo(1);
        assertThat(in2021.path("hits").get(0).path("url").asText()).isEqualTo(laterUrl);
        assertThat(search("q=Huawei&year=2021&to=2020-12-31").path("total").asInt()).as("year and to both apply").isZero();
        assertThat(search("q=Huawei&year=2020").path("total").asInt()).isZero();
    }

    @Test
    void theHostFacetCountsEachHostAndTheHostFilterKeepsOne() throws Exception {
        JsonNode hosts = search("q=Huawei").path("facets").path("host");
        assertThat(hosts.path("127.0.0.1").asInt()).isEqualTo(1);
        assertThat(hosts.path("localhost").asInt()).isEqualTo(1);
        JsonNode onLocalhost = search("q=Huawei&host=localhost");
        assertThat(onLocalhost.path("total").asInt()).isEqualTo(1);
        assertThat(onLocalhost.path("hits").get(0).path("url").asText()).isEqualTo(laterUrl);
    }

    @Test
    void aYearThatIsNotANumberIsRefusedNamingTheField() throws Exception {
        for (String year : new String[] {"twenty", "0", "10000"}) {
            HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/search?q=Huawei&year=" + year))
                    .header("Authorization", "Bearer " + TestServer.ADMIN).GET());
            assertThat(r.statusCode()).as(year).isEqualTo(400);
            assertThat(server.read(r).path("field").asText()).isEqualTo("year");
        }
        assertThat(search("q=Huawei&year=").path("total").asInt()).as("an empty year is no filter").isEqualTo(2);
    }

    private JsonNode search(String query) throws Exception {
        return server.getJson("/api/search?" + query, TestServer.ADMIN);
    }

    private static String passagesText(JsonNode hit) {
        StringBuilder out = new StringBuilder();
        for (JsonNode passage : hit.path("passages")) for (JsonNode part : passage) out.append(part.path("text").asText());
        return out.toString();
    }

    private static List<String> hitTexts(JsonNode hit) {
        List<String> out = new ArrayList<>();
        for (JsonNode passage : hit.path("passages")) {
            for (JsonNode part : passage) if (part.path("hit").asBoolean()) out.add(part.path("text").asText());
        }
        return out;
    }

    private void stub(String path, String html) {
        origin.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8").withBody(html)));
    }

    private void captureAndWait(String url) throws Exception {
        HttpResponse<byte[]> posted = server.post("/api/captures", Map.of("url", url), TestServer.ADMIN);
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = server.read(posted).path("id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode capture = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            String status = capture.path("status").asText();
            if (status.equals("MINED")) return;
            assertThat(status).as(capture.toString()).isNotEqualTo("FAILED");
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " was not mined within 20 s");
    }
}
