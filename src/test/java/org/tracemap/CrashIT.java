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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.WarcVerifier;

/**
 * Crash safety with a real process: the server runs as its own JVM, a batch is queued against a slow origin,
 * the JVM is killed with SIGKILL mid-batch, and a new server on the same archive finishes the work. Every
 * capture completes, none is lost or archived twice (one response record per URL), and every WARC file passes
 * both our verifier and jwarc's validator.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CrashIT {
    private static final String TOKEN = "crash-test-token";
    private static final int BATCH = 40;

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aServerKilledMidBatchLosesAndDoublesNothing() throws Exception {
        Path archive = dir.resolve("archive");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (HostileOrigin origin = new HostileOrigin()) {
            Process first = startServer(archive, port, dir.resolve("first.log"));
            List<String> ids = new ArrayList<>();
            Map<String, String> urlOf = new HashMap<>();
            for (int i = 0; i < BATCH; i++) {
                String url = origin.url("/slow/" + i);
                String id = post(port, url);
                ids.add(id);
                urlOf.put(id, url);
            }
            // Mid-batch: some captures done, others being fetched, archived or waiting.
            long deadline = System.currentTimeMillis() + 60_000;
            while (countSettled(port, ids) < BATCH / 4) {
                assertThat(System.currentTimeMillis()).as("a quarter of the batch settles within a minute").isLessThan(deadline);
                Thread.sleep(50);
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no closing of files
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Process second = startServer(archive, port, dir.resolve("second.log"));
            try {
                deadline = System.currentTimeMillis() + 90_000;
                while (countSettled(port, ids) < BATCH) {
                    assertThat(System.currentTimeMillis()).as("the rest settles after the restart; log: " + log("second.log")).isLessThan(deadline);
                    Thread.sleep(100);
                }
                for (String id : ids) {
                    JsonNode capture = get(port, "/api/captures/" + id);
                    assertThat(capture.path("status").asText()).as(urlOf.get(id) + ": " + capture).isEqualTo("MINED");
                }
            } finally {
                second.destroy(); // SIGTERM: a graceful stop closes the WARC file
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("graceful stop; log: " + log("second.log")).isTrue();
            }

            Map<String, Integer> responsesPerUrl = new HashMap<>();
            List<Path> warcs = new ArchiveLayout(archive).finishedWarcs();
            for (Path warc : warcs) {
                try (WarcReader reader = new WarcReader(warc)) {
                    for (WarcRecord record : reader) {
                        if (record instanceof WarcResponse || record instanceof WarcRevisit) {
                            responsesPerUrl.merge(((org.netpreserve.jwarc.WarcTargetRecord) record).target(), 1, Integer::sum);
                        }
                    }
                }
            }
            for (String url : urlOf.values()) assertThat(responsesPerUrl.get(url)).as("response records for " + url).isEqualTo(1);

            WarcVerifier.Report report = new WarcVerifier(new ArchiveLayout(archive)).verifyAll(f -> { });
            assertThat(report.problems()).isEmpty();
            validateWithJwarc(warcs);
        }
    }

    private Process startServer(Path archive, int port, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.tracemap.cli.TracemapCommand", "serve", "--archive", archive.toString(), "--port", Integer.toString(port),
                "--set", "tracemap.fetch.allow-private=true", "--set", "tracemap.fetch.per-host-delay=0ms",
                "--set", "tracemap.fetch.concurrency=4", "--set", "tracemap.fetch.per-host-concurrency=4",
                "--set", "tracemap.queue.poll-interval=50ms");
        pb.environment().put("TRACEMAP_ADMIN_TOKEN", TOKEN);
        pb.environment().put("TRACEMAP_HOME", Path.of("").toAbsolutePath().toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            assertThat(p.isAlive()).as("server process exited: " + Files.readString(log)).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) return p;
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.currentTimeMillis()).as("server healthy within a minute: " + Files.readString(log)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private String post(int port, String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/captures"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("url", url)))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return json.readTree(r.body()).path("id").asText();
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return json.readTree(r.body());
    }

    private int countSettled(int port, List<String> ids) throws Exception {
        int settled = 0;
        for (String id : ids) {
            String status = get(port, "/api/captures/" + id).path("status").asText();
            if (status.equals("MINED") || status.equals("FAILED")) settled++;
        }
        return settled;
    }

    private String log(String name) throws IOException {
        Path p = dir.resolve(name);
        return Files.exists(p) ? Files.readString(p) : "(none)";
    }

    private static void validateWithJwarc(List<Path> warcs) throws Exception {
        String jwarcJar = Path.of(WarcReader.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (Path warc : warcs) {
            Process validate = new ProcessBuilder(java, "-cp", jwarcJar, "org.netpreserve.jwarc.tools.WarcTool", "validate", warc.toString())
                    .redirectErrorStream(true).start();
            String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(validate.exitValue()).as(warc.getFileName() + ": " + output).isZero();
        }
    }
}
