package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/search} through the real server: a query in Chinese finds an English page through the gazetteer. */
class CrossLanguageSearchIT {
    private static final String ARTICLE = "<html><head><title>Huawei to expand NetOne's network in Zimbabwe</title></head><body>"
            + "<article><h1>Huawei to expand NetOne's network in Zimbabwe</h1><p>Published 4 May 2021</p>"
            + "<p>Huawei Technologies has signed an agreement with the state operator NetOne to add 4G base stations across "
            + "Zimbabwe, the operator said on Tuesday. The second phase covers rural districts.</p></article></body></html>";

    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/news/netone.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(ARTICLE)));
        server = new TestServer(archive, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void aChineseQueryFindsTheEnglishPageWithTheEnglishNamesHighlighted() throws Exception {
        String url = origin.baseUrl() + "/news/netone.html";
        captureAndWait(url);
        for (String q : new String[] {"华为", "津巴布韦", "华为 津巴布韦 4G"}) {
            JsonNode result = server.getJson("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), TestServer.ADMIN);
            assertThat(result.path("total").asInt()).as(q).isEqualTo(1);
            JsonNode hit = result.path("hits").get(0);
            assertThat(hit.path("url").asText()).isEqualTo(url);
            assertThat(hit.path("lang").asText()).isEqualTo("en");
            assertThat(hit.path("snippets").toString()).as(q).containsAnyOf("<mark>Huawei", "<mark>Zimbabwe");
        }
        assertThat(server.getJson("/api/search?q=" + URLEncoder.encode("\"华为\"", StandardCharsets.UTF_8), TestServer.ADMIN).path("total").asInt())
                .as("quoted: searched as typed").isZero();
        assertThat(server.getJson("/api/search?q=" + URLEncoder.encode("中兴", StandardCharsets.UTF_8), TestServer.ADMIN).path("total").asInt()).isZero();
    }

    private void captureAndWait(String url) throws Exception {
        HttpResponse<byte[]> posted = server.post("/api/captures", Map.of("url", url), TestServer.ADMIN);
        assertThat(posted.statusCode()).isEqualTo(202);
        String id = server.read(posted).path("id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            String status = server.getJson("/api/captures/" + id, TestServer.ADMIN).path("status").asText();
            if (status.equals("MINED")) return;
            assertThat(status).isNotEqualTo("FAILED");
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " was not mined within 20 s");
    }
}
