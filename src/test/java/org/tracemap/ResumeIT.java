package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.config.TracemapConfig;

/**
 * A stop can leave captures between stages (ARCHIVED, EXTRACTED, INDEXED). The next start takes each on from
 * where it stopped, and mining it again creates no duplicate candidate.
 */
class ResumeIT {
    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/a.html")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>A</title></head><body><p>ZTE built a 5G network in Lima, Peru in 2022.</p></body></html>")));
        origin.stubFor(get(urlEqualTo("/b.html")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>B</title></head><body><p>Huawei opened a data centre in Nairobi, Kenya in 2021.</p></body></html>")));
        server = new TestServer(archive, Map.of());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void capturesLeftBetweenStagesAreTakenOnAtTheNextStart() throws Exception {
        String a = capture(origin.baseUrl() + "/a.html");
        String b = capture(origin.baseUrl() + "/b.html");
        await(a);
        await(b);
        assertThat(server.getJson("/api/candidates", TestServer.ADMIN).path("total").asInt()).isEqualTo(2);
        server.close();

        // As if the last run had stopped after archiving one and after indexing the other.
        try (Tracemap t = Tracemap.openExclusive(TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString())))) {
            t.captures().transition(a, CaptureStatus.ARCHIVED, null, null, 0);
            t.captures().transition(b, CaptureStatus.INDEXED, null, null, 0);
        }
        server.start();
        await(a);
        await(b);
        JsonNode candidates = server.getJson("/api/candidates", TestServer.ADMIN);
        assertThat(candidates.path("total").asInt()).isEqualTo(2); // mined again, nothing doubled
        for (JsonNode c : candidates.path("items")) assertThat(c.path("sources")).hasSize(1);
    }

    private String capture(String url) throws Exception {
        return server.read(server.post("/api/captures", Map.of("url", url), TestServer.ADMIN)).path("id").asText();
    }

    private void await(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (server.getJson("/api/captures/" + id, TestServer.ADMIN).path("status").asText().equals("MINED")) return;
            Thread.sleep(50);
        }
        throw new AssertionError("capture " + id + " was not mined within 20 s");
    }
}
