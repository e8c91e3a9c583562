package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.config.TracemapConfig;
import org.tracemap.fetch.Sha256;
import org.tracemap.replay.ReplaySettings;

/**
 * Boots the real routes in {@code routes/} with the HTTP API on a free loopback port, against a WireMock
 * origin, and takes captures from the API through fetch and archive to replay.
 */
class PipelineIT {
    private static final String TOKEN = "pipeline-test-token";
    private static final String PAGE = "<html><head><title>Lab</title></head><body><p>Huawei opened an R&amp;D lab.</p>"
            + "<a href=\"/news/other.html\">other</a><img src=\"/logo.png\"></body></html>";

    @TempDir
    Path archive;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WireMockServer origin;
    private Tracemap tracemap;
    private String api;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/news/lab.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withHeader("Set-Cookie", "tracking=1")
                .withHeader("Content-Security-Policy", "default-src 'self'")
                .withBody(PAGE)));
        origin.stubFor(get(urlEqualTo("/old")).willReturn(aResponse().withStatus(301).withHeader("Location", "/news/lab.html")));
        origin.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("no such page")));
        origin.stubFor(get(urlEqualTo("/zh/news.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><head><title>华为与肯尼亚签署智慧城市合作备忘录</title></head><body><div class=\"nav\"><a href=\"/\">首页</a></div>"
                        + "<div class=\"zw\"><p>华为技术有限公司与肯尼亚内罗毕县政府签署智慧城市合作备忘录，双方将在平安城市和数据中心等领域开展合作。</p></div></body></html>")));
        origin.stubFor(get(urlEqualTo("/tenders/cctv.pdf")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/pdf")
                .withBody(java.nio.file.Files.readAllBytes(Path.of("src/test/resources/extract/docs/tender-notice.pdf")))));
        tracemap = start(true);
    }

    private Tracemap start(boolean allowPrivate) throws Exception {
        return start(allowPrivate, Map.of());
    }

    private Tracemap start(boolean allowPrivate, Map<String, String> extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tracemap.archive.dir", archive.toString());
        overrides.put("tracemap.server.port", Integer.toString(port));
        overrides.put("tracemap.fetch.allow-private", Boolean.toString(allowPrivate));
        overrides.put("tracemap.fetch.per-host-delay", "0ms");
        overrides.put("tracemap.fetch.retry-base-delay", "10ms");
        overrides.put("tracemap.queue.poll-interval", "50ms");
        overrides.putAll(extra);
        api = "http://127.0.0.1:" + port;
        return Tracemap.start(TracemapConfig.defaults(overrides), Path.of("."), Tracemap.Mode.SERVER,
                Map.of("TRACEMAP_ADMIN_TOKEN", TOKEN));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tracemap != null) tracemap.close();
        origin.stop();
    }

    @Test
    void capturedPageIsArchivedAndReplaysByteExactAndSandboxed() throws Exception {
        JsonNode capture = captureAndWait(origin.baseUrl() + "/news/lab.html");

        assertThat(capture.path("status").asText()).isEqualTo("MINED");
        JsonNode extraction = capture.path("extraction");
        assertThat(extraction.path("title").asText()).isEqualTo("Lab");
        assertThat(extraction.path("lang").asText()).isEqualTo("en");
        assertThat(extraction.path("textChars").asInt()).isEqualTo("Huawei opened an R&D lab.".length());
        assertThat(extraction.path("outlinks").asInt()).isEqualTo(1);
        JsonNode snapshot = capture.path("snapshot");
        assertThat(snapshot.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(snapshot.path("change").asText()).isEqualTo("NEW");
        assertThat(snapshot.path("timestamp").asText()).matches("\\d{14}");
        assertThat(snapshot.path("payloadDigest").asText())
                .isEqualTo("sha256:" + HexFormat.of().formatHex(Sha256.of(PAGE.getBytes(StandardCharsets.UTF_8)).bytes()));
        assertThat(snapshot.path("warcFile").asText()).endsWith(".warc.gz");

        HttpResponse<byte[]> raw = send(HttpRequest.newBuilder(URI.create(snapshot.path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(PAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(raw.headers().firstValue("Content-Security-Policy")).hasValue(ReplaySettings.DEFAULT_CSP);
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(raw.headers().map()).doesNotContainKey("set-cookie");

        HttpResponse<byte[]> page = send(HttpRequest.newBuilder(URI.create(snapshot.path("replayUrl").asText())).GET());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("href=\"/replay/" + snapshot.path("timestamp").asText() + "/" + origin.baseUrl() + "/news/other.html\"");
        assertThat(html).contains("src=\"/replay/" + snapshot.path("timestamp").asText() + "/" + origin.baseUrl() + "/logo.png\"");
        assertThat(page.headers().allValues("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
    }

    @Test
    void unchangedRecaptureIsARevisitReportedUnchangedAndReplaysTheOriginalPayload() throws Exception {
        JsonNode first = captureAndWait(origin.baseUrl() + "/news/lab.html").path("snapshot");
        Thread.sleep(1100); // a distinct 14-digit timestamp
        JsonNode second = captureAndWait(origin.baseUrl() + "/news/lab.html").path("snapshot");

        assertThat(second.path("change").asText()).isEqualTo("UNCHANGED");
        assertThat(second.path("recordType").asText()).isEqualTo("revisit");
        assertThat(second.path("timestamp").asText()).isNotEqualTo(first.path("timestamp").asText());
        HttpResponse<byte[]> raw = send(HttpRequest.newBuilder(URI.create(second.path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(raw.body()).isEqualTo(PAGE.getBytes(StandardCharsets.UTF_8));

        JsonNode list = json.readTree(send(authed("/api/snapshots?url=" + origin.baseUrl() + "/news/lab.html").GET()).body());
        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("items").get(0).path("change").asText()).as("newest first").isEqualTo("UNCHANGED");
    }

    @Test
    void capturedPdfTenderIsExtractedWithTitleAndDate() throws Exception {
        JsonNode capture = captureAndWait(origin.baseUrl() + "/tenders/cctv.pdf");
        assertThat(capture.path("status").asText()).isEqualTo("MINED");
        assertThat(capture.path("extraction").path("title").asText()).isEqualTo("Supply of CCTV Surveillance Equipment for the Safe City Project");
        assertThat(capture.path("extraction").path("published").asText()).isEqualTo("2022-06-14");
        assertThat(capture.path("extraction").path("textChars").asInt()).isGreaterThan(1000);
    }

    @Test
    void capturedPagesAreSearchableInEnglishAndChineseWithHighlightedSnippets() throws Exception {
        captureAndWait(origin.baseUrl() + "/news/lab.html");
        captureAndWait(origin.baseUrl() + "/zh/news.html");
        captureAndWait(origin.baseUrl() + "/tenders/cctv.pdf");

        JsonNode en = json.readTree(send(authed("/api/search?q=Huawei%20lab").GET()).body());
        assertThat(en.path("total").asInt()).isEqualTo(1);
        assertThat(en.path("hits").get(0).path("url").asText()).isEqualTo(origin.baseUrl() + "/news/lab.html");
        assertThat(en.path("hits").get(0).path("snippets").get(0).asText()).contains("<mark>Huawei</mark>");
        assertThat(en.path("hits").get(0).path("replayUrl").asText()).contains("/replay/");

        JsonNode zh = json.readTree(send(authed("/api/search?q=" + java.net.URLEncoder.encode("智慧城市", StandardCharsets.UTF_8)).GET()).body());
        assertThat(zh.path("hits").get(0).path("url").asText()).isEqualTo(origin.baseUrl() + "/zh/news.html");
        assertThat(zh.path("hits").get(0).path("lang").asText()).isEqualTo("zh");

        JsonNode pdf = json.readTree(send(authed("/api/search?q=CCTV%20Kisumu&lang=en").GET()).body());
        assertThat(pdf.path("hits").get(0).path("url").asText()).endsWith("/tenders/cctv.pdf");
        assertThat(pdf.path("facets").path("type").path("application/pdf").asInt()).isEqualTo(1);

        assertThat(send(authed("/api/search?q=x&from=yesterday").GET()).statusCode()).isEqualTo(400);
    }

    @Test
    void reindexFromTheWarcsAloneGivesTheSameSearchResultsBack() throws Exception {
        captureAndWait(origin.baseUrl() + "/news/lab.html");
        captureAndWait(origin.baseUrl() + "/zh/news.html");
        captureAndWait(origin.baseUrl() + "/tenders/cctv.pdf");
        Thread.sleep(1100);
        captureAndWait(origin.baseUrl() + "/news/lab.html"); // a revisit: indexed with its original's text
        java.util.List<String> queries = java.util.List.of("Huawei", "智慧城市", "CCTV Kisumu", "lab");
        java.util.Map<String, String> before = new java.util.HashMap<>();
        for (String q : queries) before.put(q, new String(send(authed("/api/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).GET()).body(), StandardCharsets.UTF_8));
        tracemap.close();
        tracemap = null;

        org.tracemap.archive.ArchiveLayout layout = new org.tracemap.archive.ArchiveLayout(archive);
        deleteTree(layout.index());
        deleteTree(layout.cdxj());
        TracemapConfig config = TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString()));
        try (Tracemap exclusive = Tracemap.openExclusive(config)) {
            assertThat(exclusive.rebuildDerived(f -> { }).indexed()).isEqualTo(4);
        }
        tracemap = start(true);
        for (String q : queries) {
            JsonNode was = json.readTree(before.get(q));
            JsonNode now = json.readTree(send(authed("/api/search?q=" + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)).GET()).body());
            assertThat(now.path("total")).as(q).isEqualTo(was.path("total"));
            assertThat(now.path("hits").findValuesAsText("url")).as(q).isEqualTo(was.path("hits").findValuesAsText("url"));
            assertThat(now.path("hits").findValuesAsText("timestamp")).as(q).isEqualTo(was.path("hits").findValuesAsText("timestamp"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!java.nio.file.Files.exists(dir)) return;
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) java.nio.file.Files.delete(p);
        }
    }

    @Test
    void aDocumentOverTheExtractionSizeLimitIsArchivedButNotExtracted() throws Exception {
        tracemap.close();
        tracemap = null;
        origin.stubFor(get(urlEqualTo("/big.html")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><p>" + "smart city ".repeat(200_000) + "</p></body></html>")));
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tracemap.extract.max-bytes", "1MB");
        tracemap = start(true, overrides);
        JsonNode capture = captureAndWait(origin.baseUrl() + "/big.html");
        assertThat(capture.path("status").asText()).isEqualTo("MINED");
        assertThat(capture.path("extraction").path("error").asText()).isEqualTo("not extracted: the document is larger than 1 MB (tracemap.extract.max-bytes)");
        HttpResponse<byte[]> raw = send(HttpRequest.newBuilder(URI.create(capture.path("snapshot").path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(raw.body().length).as("archived whole").isGreaterThan(2_000_000);
    }

    @Test
    void a404AnswerIsASuccessfulCaptureOfThatAnswer() throws Exception {
        JsonNode capture = captureAndWait(origin.baseUrl() + "/missing");
        assertThat(capture.path("status").asText()).isEqualTo("MINED");
        assertThat(capture.path("extraction").path("error").asText()).isEqualTo("not extracted: HTTP 404");
        assertThat(capture.path("snapshot").path("httpStatus").asInt()).isEqualTo(404);
        HttpResponse<byte[]> replay = send(HttpRequest.newBuilder(URI.create(capture.path("snapshot").path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(replay.statusCode()).isEqualTo(404);
        assertThat(new String(replay.body(), StandardCharsets.UTF_8)).isEqualTo("no such page");
    }

    @Test
    void redirectIsFollowedAndEachHopReplays() throws Exception {
        JsonNode capture = captureAndWait(origin.baseUrl() + "/old");
        assertThat(capture.path("snapshot").path("url").asText()).isEqualTo(origin.baseUrl() + "/news/lab.html");
        String ts = capture.path("snapshot").path("timestamp").asText();
        HttpResponse<byte[]> hop = send(HttpRequest.newBuilder(URI.create(api + "/replay/" + ts + "/" + origin.baseUrl() + "/old")).GET());
        assertThat(hop.statusCode()).isEqualTo(301);
        assertThat(hop.headers().firstValue("Location")).hasValue("/replay/" + ts + "/" + origin.baseUrl() + "/news/lab.html");
    }

    @Test
    void badRequestsGetAClearErrorNamingTheProblem() throws Exception {
        HttpResponse<byte[]> ftp = send(authed("/api/captures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"ftp://example.com/x\"}")));
        assertThat(ftp.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(ftp.body());
        assertThat(error.path("error").asText()).contains("only http and https");
        assertThat(error.path("field").asText()).isEqualTo("url");

        assertThat(send(authed("/api/captures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json"))).statusCode()).isEqualTo(400);
        assertThat(send(authed("/api/captures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tags\": {}}"))).statusCode()).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(URI.create(api + "/api/captures")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"http://example.com/\"}"))).statusCode()).isEqualTo(401);
        assertThat(send(authed("/api/captures/no-such-id").GET()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(api + "/replay/2026/http://never.example/")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void ssrfGuardRefusesLoopbackTargetsWhenPrivateFetchingIsOff() throws Exception {
        tracemap.close();
        tracemap = start(false);
        HttpResponse<byte[]> response = send(authed("/api/captures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + origin.baseUrl() + "/news/lab.html\"}")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("error").asText()).contains("loopback");
        assertThat(origin.getAllServeEvents()).isEmpty();
    }

    @Test
    void archiveSurvivesARestartAndHealthAndMetricsAnswer() throws Exception {
        JsonNode capture = captureAndWait(origin.baseUrl() + "/news/lab.html");
        tracemap.close();
        tracemap = start(true);
        HttpResponse<byte[]> raw = send(HttpRequest.newBuilder(URI.create(
                api + "/replay/" + capture.path("snapshot").path("timestamp").asText() + "/" + origin.baseUrl() + "/news/lab.html?raw=1")).GET());
        assertThat(raw.body()).isEqualTo(PAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(send(HttpRequest.newBuilder(URI.create(api + "/health")).GET()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(URI.create(api + "/metrics")).GET()).statusCode()).isEqualTo(401); // tracemap.metrics.public=false
        String metrics = new String(send(HttpRequest.newBuilder(URI.create(api + "/metrics")).header("Authorization", "Bearer " + TOKEN).GET()).body(),
                StandardCharsets.UTF_8);
        assertThat(metrics).contains("tracemap_captures{status=\"MINED\"} 1");
    }

    @Test
    void warcFilesPassJwarcsIndependentValidator() throws Exception {
        captureAndWait(origin.baseUrl() + "/news/lab.html");
        captureAndWait(origin.baseUrl() + "/old");
        captureAndWait(origin.baseUrl() + "/missing");
        Thread.sleep(1100);
        captureAndWait(origin.baseUrl() + "/news/lab.html"); // a revisit
        tracemap.close();
        tracemap = null;

        String jwarcJar = Path.of(org.netpreserve.jwarc.WarcReader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        java.util.List<Path> warcs = new org.tracemap.archive.ArchiveLayout(archive).finishedWarcs();
        assertThat(warcs).isNotEmpty();
        for (Path warc : warcs) {
            Process validate = new ProcessBuilder(javaBin, "-cp", jwarcJar, "org.netpreserve.jwarc.tools.WarcTool", "validate", "-v", warc.toString())
                    .redirectErrorStream(true).start();
            String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(validate.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(validate.exitValue()).as(output).isZero();
            assertThat(output).doesNotContain("ERROR").doesNotContain("fail").contains("payload digest pass");
        }
    }

    private JsonNode captureAndWait(String url) throws Exception {
        HttpResponse<byte[]> posted = send(authed("/api/captures").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("url", url, "tags", Map.of("company", "huawei"))))));
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode accepted = json.readTree(posted.body());
        assertThat(accepted.path("status").asText()).isEqualTo("QUEUED");
        String id = accepted.path("id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode capture = json.readTree(send(authed("/api/captures/" + id).GET()).body());
            String status = capture.path("status").asText();
            if (status.equals("MINED") || status.equals("FAILED")) return capture;
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " did not settle within 20 s");
    }

    private HttpRequest.Builder authed(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
