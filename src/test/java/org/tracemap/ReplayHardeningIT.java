package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.replay.ReplaySettings;

/**
 * The red team's hostile web, over HTTP against the real server: a loopback origin sends a gzip bomb, pages
 * that load from the live site, Camel's and our own header names, a megabyte header and ten thousand
 * headers; then the replays, the UI and the API are read back the way a browser (or curl) would.
 */
class ReplayHardeningIT {
    @TempDir
    Path archive;

    private RawOrigin origin;
    private TestServer server;

    @BeforeEach
    void setUp() throws Exception {
        origin = new RawOrigin();
        // The fetch stage refuses heads this large by default; raised here so that replay meets them (as it
        // would in a WARC imported from another tool).
        server = new TestServer(archive, Map.of("tracemap.replay.max-rewrite-bytes", "1MB",
                "tracemap.fetch.max-header-line", "2MB", "tracemap.fetch.max-header-count", "20000"));
    }

    @AfterEach
    void tearDown() throws Exception {
        server.close();
        origin.close();
    }

    @Test
    void gzipBombReplayedFiveTimesAtOnceIsAnsweredWithinSecondsAsArchived() throws Exception {
        byte[] bomb = gzipOfHtml(1 << 30); // ~1 MB that decodes to 1 GB, as the red team sent
        origin.on("/bomb", RawOrigin.answer(200, List.of("Content-Type: text/html", "Content-Encoding: gzip"), bomb));
        String replayUrl = capture(origin.url("/bomb")).path("snapshot").path("replayUrl").asText();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService readers = Executors.newFixedThreadPool(5);
        long started = System.nanoTime();
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(readers.submit(() -> client.send(HttpRequest.newBuilder(URI.create(replayUrl)).timeout(Duration.ofSeconds(20)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray())));
            }
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> r = answer.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).as("the archived gzip bytes; the browser decodes them, not the server").isEqualTo(bomb);
                assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
                assertThat(r.headers().firstValue("X-Archive-Rewrite")).hasValueSatisfying(v -> assertThat(v).contains("larger than 1048576 bytes"));
                assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("five replays of a 1 GB bomb").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void fivePagesJustUnderTheRewriteLimitReplayedAtOnceAreAllRewritten() throws Exception {
        String big = "<html><body><a href=\"/next\">next</a>" + ("<p>" + "filler ".repeat(140) + "</p>").repeat(900) + "</body></html>"; // ~0.9 MB
        origin.on("/big", RawOrigin.answer(200, List.of("Content-Type: text/html; charset=utf-8"), big.getBytes(StandardCharsets.UTF_8)));
        JsonNode snapshot = capture(origin.url("/big")).path("snapshot");
        String replayUrl = snapshot.path("replayUrl").asText();

        ExecutorService readers = Executors.newFixedThreadPool(5);
        try {
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) answers.add(readers.submit(() -> server.send(HttpRequest.newBuilder(URI.create(replayUrl)).GET())));
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> r = answer.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as("two rewrite at a time (tracemap.replay.rewrite-concurrency), the rest wait their turn").isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("href=\"/replay/" + snapshot.path("timestamp").asText() + "/" + origin.url("/next") + "\"");
                assertThat(r.headers().firstValue("X-Archive-Rewrite")).isEmpty();
            }
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void replayedPageNamesTheLiveSiteOnlyInsideTheArchiveAndItsHeadersLoadNothing() throws Exception {
        String live = origin.url("");
        String page = "<html><head><link rel=\"stylesheet\" href=\"" + live + "/site.css\">"
                + "<style>@import \"" + live + "/i.css\"; @font-face { src: url(" + live + "/f.woff2) } body { background: url('/bg.png') }</style>"
                + "</head><body style=\"background: url(" + live + "/b.png)\"><iframe srcdoc=\"<img src='" + live + "/in.png'>\"></iframe>"
                + "<a href=\"/next\" ping=\"" + live + "/ping\">next</a></body></html>";
        origin.on("/page", RawOrigin.answer(200, List.of("Content-Type: text/html; charset=utf-8",
                "Link: <" + live + "/preload.js>; rel=preload; as=script"), page.getBytes(StandardCharsets.UTF_8)));
        origin.on("/site.css", RawOrigin.answer(200, List.of("Content-Type: text/css"),
                ".x { background: url(img/x.png) } @import url(\"//127.0.0.1:1/elsewhere.css\");".getBytes(StandardCharsets.UTF_8)));
        JsonNode snapshot = capture(origin.url("/page")).path("snapshot");
        capture(origin.url("/site.css"));
        String ts = snapshot.path("timestamp").asText();

        HttpResponse<byte[]> html = server.send(HttpRequest.newBuilder(URI.create(snapshot.path("replayUrl").asText())).GET());
        HttpResponse<byte[]> css = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/replay/" + ts + "/" + live + "/site.css")).GET());

        assertThat(html.headers().allValues("Link")).containsExactly("<" + live + "/page>; rel=\"original\"");
        assertThat(html.headers().allValues("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
        assertThat(mentionsOutsideTheArchive(new String(html.body(), StandardCharsets.UTF_8), ts)).isEmpty();
        assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains("/replay/" + ts + "/" + live + "/in.png")
                .contains("/replay/" + ts + "/" + live + "/f.woff2").contains("/replay/" + ts + "/" + live + "/bg.png");
        assertThat(new String(css.body(), StandardCharsets.UTF_8)).isEqualTo(".x { background: url(\"/replay/" + ts + "/" + live + "/img/x.png\") } "
                + "@import url(\"/replay/" + ts + "/http://127.0.0.1:1/elsewhere.css\");");
    }

    @Test
    void originHeadersNamedLikeCamelsOrOursCannotSteerTheAnswer() throws Exception {
        origin.on("/camel", RawOrigin.answer(200, List.of("Content-Type: text/plain", "CamelHttpResponseCode: 299",
                "X-Content-Type-Options: sniff", "Content-Security-Policy: default-src *", "X-Frame-Options: ALLOWALL", "X-Company: 华为"), "camel body".getBytes(StandardCharsets.UTF_8)));
        String replayUrl = capture(origin.url("/camel")).path("snapshot").path("replayUrl").asText();

        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(replayUrl)).GET());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("camel body");
            assertThat(r.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
            assertThat(r.headers().allValues("X-Frame-Options")).containsExactly("SAMEORIGIN");
            assertThat(r.headers().allValues("X-Archive-Orig-CamelHttpResponseCode")).containsExactly("299");
            assertThat(r.headers().allValues("X-Archive-Orig-X-Content-Type-Options")).containsExactly("sniff");
            assertThat(r.headers().allValues("X-Archive-Orig-X-Company")).as("the bytes the origin sent").containsExactly(
                    new String("华为".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void megabyteHeaderAndTenThousandHeadersReplayOverHttp1AndHttp2WithANote() throws Exception {
        List<String> many = new ArrayList<>(List.of("Content-Type: text/plain"));
        for (int i = 0; i < 10_000; i++) many.add("X-H" + i + ": v" + i);
        origin.on("/many", RawOrigin.answer(200, many, "many body".getBytes(StandardCharsets.UTF_8)));
        origin.on("/huge", RawOrigin.answer(200, List.of("Content-Type: text/plain", "X-Huge: " + "a".repeat(1_000_000), "X-After: 1"),
                "huge body".getBytes(StandardCharsets.UTF_8)));

        for (String path : List.of("/many", "/huge")) {
            String replayUrl = capture(origin.url(path)).path("snapshot").path("replayUrl").asText();
            for (HttpClient.Version version : HttpClient.Version.values()) {
                HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(replayUrl)).version(version).GET());
                assertThat(r.statusCode()).as(path + " over " + version).isEqualTo(200);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(path.substring(1) + " body");
                assertThat(r.headers().firstValue("X-Archive-Dropped-Headers")).as(path).isPresent();
                assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
            }
        }
    }

    @Test
    void uiAndApiAnswersCannotBeFramedAndReplaysOnlyByTheUi() throws Exception {
        origin.on("/plain", RawOrigin.answer(200, List.of("Content-Type: text/plain"), "plain".getBytes(StandardCharsets.UTF_8)));
        String replayUrl = capture(origin.url("/plain")).path("snapshot").path("replayUrl").asText();
        String self = URI.create(server.api()).getAuthority();

        HttpResponse<byte[]> ui = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/ui/")).GET());
        assertThat(ui.statusCode()).isEqualTo(200);
        String uiCsp = ui.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(uiCsp).contains("frame-ancestors 'none'").contains("script-src " + self + "/ui/;").contains("style-src " + self + "/ui/;")
                .doesNotContain("script-src 'self'");
        assertThat(ui.headers().allValues("X-Frame-Options")).containsExactly("DENY");
        assertThat(ui.headers().firstValue("Cache-Control")).as("the UI's no-cache reaches the browser").hasValue("no-cache");

        // Through HttpBridge (a 404 and a 401 in JSON, /health), and past it (Vert.x's own 405 and 404).
        for (String path : List.of("/api/captures/nope", "/health", "/api/search?q=x", "/api/captures", "/no-such-route")) {
            HttpResponse<byte[]> api = server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).GET());
            assertThat(api.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(api.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("default-src 'none'").contains("frame-ancestors 'none'"));
            assertThat(api.headers().allValues("X-Frame-Options")).as(path).containsExactly("DENY");
        }

        for (String path : List.of(URI.create(replayUrl).getPath(), "/replay/2026/http://never.example/")) {
            HttpResponse<byte[]> replay = server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).GET());
            assertThat(replay.headers().firstValue("Content-Security-Policy")).as(path)
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("sandbox").contains("frame-ancestors 'self'"));
            assertThat(replay.headers().allValues("X-Frame-Options")).as(path).containsExactly("SAMEORIGIN");
        }
    }

    @Test
    void malformedOrTraversingReplayPathsAreA4xxWithAMessage() throws Exception {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("/replay/abc/http://example.com/", "timestamp must be 1 to 14 digits"),
                Map.entry("/replay/2026-01-20/http://example.com/", "timestamp must be 1 to 14 digits"),
                Map.entry("/replay/99999999999999999999/http://example.com/", "timestamp must be 1 to 14 digits"),
                Map.entry("/replay//http://example.com/", "timestamp must be 1 to 14 digits"),
                Map.entry("/replay/2026/", "replay path must be"),
                Map.entry("/replay/2026", "replay path must be"),
                Map.entry("/replay/2026/..%2F..%2Fetc%2Fpasswd", "url has no scheme"),
                Map.entry("/replay/2026/file:///etc/passwd", "only http and https"),
                Map.entry("/replay/2026/javascript:alert(1)", "only http and https"),
                Map.entry("/replay/2026/http://user:pw@example.com/", "user name or password"),
                Map.entry("/replay/2026/http://" + "a".repeat(3000) + ".com/", "longer than"),
                Map.entry("/replay/2026/http://[::1/", "url"),
                Map.entry("/replay/2026/http://example.com/../../../etc/passwd", "not archived"));
        for (Map.Entry<String, String> e : expected.entrySet()) {
            RawAnswer answer = rawGet(e.getKey());
            assertThat(answer.status()).as(e.getKey()).isBetween(400, 499);
            assertThat(answer.body()).as(e.getKey()).contains("\"error\"").contains(e.getValue());
        }
        // Refused or re-routed by the HTTP layer before replay sees them (Vert.x answers these itself).
        for (String path : List.of("/replay/2026/../../etc/passwd", "/replay/../../../etc/passwd", "/replay/%2e%2e/%2e%2e/etc/passwd",
                "/replay/2026/http://example.com/%zz%00")) {
            assertThat(rawGet(path).status()).as(path).isBetween(400, 499);
        }
    }

    /** Mentions of the origin's host:port that are not inside a {@code /replay/{ts}/} path. */
    private List<String> mentionsOutsideTheArchive(String text, String ts) {
        String host = URI.create(origin.url("/")).getAuthority();
        Matcher m = Pattern.compile("(.{0,40})" + Pattern.quote(host), Pattern.DOTALL).matcher(text);
        List<String> outside = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).endsWith("/replay/" + ts + "/http://")) outside.add(m.group(0));
        }
        return outside;
    }

    private static byte[] gzipOfHtml(long decoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            gzip.write("<html><body><p>".getBytes(StandardCharsets.US_ASCII));
            byte[] filler = new byte[1 << 20];
            Arrays.fill(filler, (byte) ' ');
            for (long written = 0; written < decoded; written += filler.length) gzip.write(filler);
        }
        return out.toByteArray();
    }

    private JsonNode capture(String url) throws Exception {
        HttpResponse<byte[]> posted = server.post("/api/captures", Map.of("url", url), TestServer.ADMIN);
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = server.read(posted).path("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode capture = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            String status = capture.path("status").asText();
            if (status.equals("MINED") || status.equals("FAILED")) {
                assertThat(capture.path("snapshot").path("replayUrl").isTextual()).as(capture.toString()).isTrue();
                return capture;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " did not settle within 30 s");
    }

    private record RawAnswer(int status, String body) {}

    /** A GET with the path sent byte for byte (java.net.URI refuses most of these), read to the end. */
    private RawAnswer rawGet(String path) throws IOException {
        URI api = URI.create(server.api());
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + api.getAuthority() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            int blank = answer.indexOf("\r\n\r\n");
            return new RawAnswer(status, blank < 0 ? "" : answer.substring(blank + 4));
        }
    }
}
