package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;
import org.tracemap.config.TracemapConfig;

/**
 * A Tracemap server for integration tests: the real routes on a free loopback port, fast polling, loopback
 * fetching allowed, an admin token; plus the JSON helpers the tests share. Restartable on the same port
 * and archive (for resume tests).
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN = "test-admin-token";

    private final Path archive;
    private final Map<String, String> extra;
    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Tracemap tracemap;
    private String adminToken = ADMIN;

    private final org.tracemap.archive.RollingWarcWriter.FileOpener warcFiles;

    public TestServer(Path archive, Map<String, String> extra) throws Exception {
        this(archive, extra, org.tracemap.archive.RollingWarcWriter.FileOpener.DISK);
    }

    /** A server whose WARC files are opened by {@code warcFiles} (a faulty disk, say). */
    TestServer(Path archive, Map<String, String> extra, org.tracemap.archive.RollingWarcWriter.FileOpener warcFiles) throws Exception {
        this.archive = archive;
        this.extra = extra;
        this.warcFiles = warcFiles;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        start();
    }

    /** Starts (again) on the same port and archive. */
    void start() throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tracemap.archive.dir", archive.toString());
        overrides.put("tracemap.server.port", Integer.toString(port));
        overrides.put("tracemap.fetch.allow-private", "true");
        overrides.put("tracemap.fetch.per-host-delay", "0ms");
        overrides.put("tracemap.queue.poll-interval", "50ms");
        overrides.putAll(extra);
        tracemap = Tracemap.start(TracemapConfig.defaults(overrides), Path.of("."), Tracemap.Mode.SERVER, Map.of("TRACEMAP_ADMIN_TOKEN", adminToken),
                warcFiles);
    }

    /** Stops and starts again with another {@code TRACEMAP_ADMIN_TOKEN}, as an operator changing it would. */
    void restartWithAdminToken(String token) throws Exception {
        close();
        adminToken = token;
        start();
    }

    public Tracemap tracemap() {
        return tracemap;
    }

    public String api() {
        return "http://127.0.0.1:" + port;
    }

    public JsonNode getJson(String path, String token) throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(api() + path)).header("Authorization", "Bearer " + token).GET());
        assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return json.readTree(r.body());
    }

    public HttpResponse<byte[]> post(String path, Object body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b);
    }

    public HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Captures {@code url} as the admin and waits until it is MINED; returns the capture's JSON (with its snapshot).
     * A capture that FAILS, or is not mined within 30 s, fails the test.
     */
    public JsonNode captureAndWait(String url) throws Exception {
        HttpResponse<byte[]> posted = post("/api/captures", Map.of("url", url), adminToken);
        assertThat(posted.statusCode()).as("capture of " + url).isEqualTo(202);
        String id = read(posted).path("id").asText();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode capture = getJson("/api/captures/" + id, adminToken);
            String status = capture.path("status").asText();
            if (status.equals("MINED")) return capture;
            assertThat(status).as("capture of " + url + ": " + capture.path("error").asText()).isNotEqualTo("FAILED");
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " was not mined within 30 s");
    }

    public JsonNode read(HttpResponse<byte[]> response) throws IOException {
        return json.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        if (tracemap != null) tracemap.close();
        tracemap = null;
    }
}
