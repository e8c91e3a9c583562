package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.config.TracemapConfig;

/**
 * Hostile content through the real pipeline (issue 9): each hostile capture ends with a recorded outcome and the
 * captures queued behind it keep flowing.
 */
class HostileCapturesIT {
    private static final String NORMAL = "<html><head><title>Lab</title></head><body><p>ZTE built a 5G network in Lima, Peru in 2022.</p></body></html>";

    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/normal.html")).willReturn(aResponse().withHeader("Content-Type", "text/html; charset=utf-8").withBody(NORMAL)));
        server = new TestServer(archive, Map.of("tracemap.extract.max-bytes", "8MB"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    /** The public submission that held the index stage 45 s and the mine stage 15 s while every other capture waited. */
    @Test
    void theTwoMegabyteSubmissionNoLongerHoldsTheCaptureBehindIt() throws Exception {
        String page = "<html><body><p>" + "Huawei Nairobi ".repeat(2 * 1024 * 1024 / 15) + "</p></body></html>";
        origin.stubFor(get(urlEqualTo("/submission.html")).willReturn(aResponse().withHeader("Content-Type", "text/html").withBody(page)));
        String hostile = capture(origin.baseUrl() + "/submission.html");
        String normal = capture(origin.baseUrl() + "/normal.html");
        JsonNode h = await(hostile);
        JsonNode n = await(normal);
        assertThat(h.path("status").asText()).isEqualTo("MINED");
        assertThat(n.path("status").asText()).isEqualTo("MINED");
        assertThat(server.getJson("/api/candidates", TestServer.ADMIN).path("total").asInt()).isEqualTo(1); // ZTE in Lima only
    }

    /** 1 MB that inflates a thousandfold: decoding stops at tracemap.extract.max-bytes, in the pipeline and in a rebuild. */
    @Test
    void aGzipBombIsNotExtractedAndARebuildDoesNotInflateIt() throws Exception {
        origin.stubFor(get(urlEqualTo("/bomb.html")).willReturn(aResponse().withHeader("Content-Type", "text/html")
                .withHeader("Content-Encoding", "gzip").withBody(gzipBomb())));
        JsonNode bomb = await(capture(origin.baseUrl() + "/bomb.html"));
        assertThat(bomb.path("status").asText()).isEqualTo("MINED");
        assertThat(bomb.path("extraction").path("error").asText())
                .isEqualTo("not extracted: the document is larger than 8 MB (tracemap.extract.max-bytes)");
        await(capture(origin.baseUrl() + "/normal.html"));
        server.close();

        TracemapConfig config = TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString(), "tracemap.extract.max-bytes", "8MB"));
        long start = System.nanoTime();
        try (Tracemap exclusive = Tracemap.openExclusive(config)) {
            var report = exclusive.rebuildDerived(f -> { });
            assertThat(report.indexed()).isEqualTo(1); // the normal page; the bomb is left out as the pipeline left it
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds to rebuild").isLessThan(30);
    }

    /** 1 GB of HTML text as 1,024 gzip members of 1 MB each (GZIPInputStream reads them as one stream): about 1 MB on the wire. */
    private static byte[] gzipBomb() throws Exception {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
            gz.write("<p>smart city </p>".repeat(1024 * 1024 / 18).getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 1024; i++) bomb.write(member.toByteArray());
        return bomb.toByteArray();
    }

    private String capture(String url) throws Exception {
        return server.read(server.post("/api/captures", Map.of("url", url), TestServer.ADMIN)).path("id").asText();
    }

    private JsonNode await(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode c = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            String status = c.path("status").asText();
            if (status.equals("MINED") || status.equals("FAILED")) return c;
            Thread.sleep(50);
        }
        throw new AssertionError("capture " + id + " did not settle within 30 s");
    }
}
