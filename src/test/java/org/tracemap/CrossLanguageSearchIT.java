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

    @Test
    void aQueryInUnencodedUtf8InTheRequestLineIsReadAsUtf8() throws Exception {
        captureAndWait(origin.baseUrl() + "/news/netone.html");
        for (String q : new String[] {"华为", "津巴布韦", "华为+津巴布韦", "华为%20津巴布韦"}) {
            JsonNode raw = rawGet("/api/search?q=" + q + "&lang=en");
            assertThat(raw.path("total").asInt()).as("raw " + q).isEqualTo(1);
        }
        assertThat(rawGet("/api/search?q=%E5%8D%8E%E4%B8%BA").path("total").asInt()).as("percent-encoded").isEqualTo(1);
        assertThat(rawGet("/api/search?q=Zimbabwe%20%E5%8D%8E%E4%B8%BA").path("total").asInt()).isEqualTo(1);
    }

    /** A GET whose request line carries {@code pathAndQuery} as raw UTF-8 bytes, as curl sends an unencoded URL. */
    private JsonNode rawGet(String pathAndQuery) throws Exception {
        java.net.URI api = java.net.URI.create(server.api());
        try (java.net.Socket socket = new java.net.Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(30_000);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort() + "\r\nAuthorization: Bearer "
                    + TestServer.ADMIN + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            byte[] response = socket.getInputStream().readAllBytes();
            int split = indexOf(response, 0, "\r\n\r\n");
            String head = new String(response, 0, split, StandardCharsets.ISO_8859_1);
            assertThat(head).as(pathAndQuery).startsWith("HTTP/1.1 200");
            byte[] body = java.util.Arrays.copyOfRange(response, split + 4, response.length);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) body = unchunk(body);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        }
    }

    private static byte[] unchunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOf(body, at, "\r\n");
            int size = Integer.parseInt(new String(body, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) return out.toByteArray();
            out.write(body, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] bytes, int from, String ascii) {
        byte[] what = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + what.length <= bytes.length; i++) {
            for (int j = 0; j < what.length; j++) if (bytes[i + j] != what[j]) continue outer;
            return i;
        }
        throw new AssertionError("no " + ascii.replace("\r\n", "CRLF") + " in the response");
    }

    private void captureAndWait(String url) throws Exception {
        server.captureAndWait(url);
    }
}
