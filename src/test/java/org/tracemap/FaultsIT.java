package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile web, end to end through the real server: every fault a misbehaving origin can throw ends in a
 * recorded outcome with a reason a person can read, within bounded time, and while faults hold fetches, other
 * captures keep flowing. Limits are scaled down (seconds, a megabyte) so the suite stays fast; the defaults in
 * config/application.properties keep the same shape at production sizes.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class FaultsIT {
    private static final Map<String, String> FAST_LIMITS = Map.ofEntries(
            Map.entry("tracemap.fetch.header-timeout", "1s"),
            Map.entry("tracemap.fetch.read-timeout", "2s"),
            Map.entry("tracemap.fetch.min-speed", "100B"),
            Map.entry("tracemap.fetch.min-speed-window", "1s"),
            Map.entry("tracemap.fetch.total-timeout", "6s"),
            Map.entry("tracemap.fetch.max-body-size", "1MB"),
            Map.entry("tracemap.fetch.max-attempts", "3"),
            Map.entry("tracemap.fetch.retry-base-delay", "50ms"),
            Map.entry("tracemap.fetch.retry-max-delay", "200ms"),
            Map.entry("tracemap.fetch.submission.total-timeout", "4s"),
            Map.entry("tracemap.extract.max-bytes", "4MB"));

    @TempDir
    Path archive;

    /** Where each fault must end: the status, and words the capture's error must contain. */
    private record Expected(String status, String reason) {}

    @Test
    void everyFaultEndsInARecordedOutcomeWithItsReason() throws Exception {
        Map<String, Expected> faults = new LinkedHashMap<>();
        faults.put("/trickle-body", new Expected("MINED", "transfer slower than 100 bytes per 1s"));
        faults.put("/trickle-head", new Expected("FAILED", "no complete response head within 1s"));
        faults.put("/endless", new Expected("MINED", "larger than 1048576 bytes (tracemap.fetch.max-body-size)"));
        faults.put("/drop", new Expected("FAILED", "failed after 3 attempts"));
        faults.put("/loop/a", new Expected("FAILED", "redirect loop"));
        faults.put("/chain/0", new Expected("FAILED", "more than 10 redirects"));
        faults.put("/big-header", new Expected("FAILED", "Maximum line length limit exceeded"));
        faults.put("/many-headers", new Expected("FAILED", "Maximum header count exceeded"));
        faults.put("/storm", new Expected("MINED", null));
        faults.put("/gzip-bomb", new Expected("MINED", null));
        faults.put("/wrong-type", new Expected(null, null));
        faults.put("/bad-charset", new Expected(null, null));
        faults.put("/nested", new Expected("MINED", null));

        Map<String, String> config = new LinkedHashMap<>(FAST_LIMITS);
        config.put("tracemap.fetch.per-host-concurrency", "8"); // every fault is on one server: take them all at once
        try (HostileOrigin origin = new HostileOrigin(); TestServer server = new TestServer(archive, config)) {
            Map<String, String> ids = new LinkedHashMap<>();
            for (String path : faults.keySet()) ids.put(path, queue(server, origin.url(path)));
            String healthy = queue(server, origin.url("/ok/after-the-faults"));

            long started = System.nanoTime();
            Map<String, JsonNode> settled = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : ids.entrySet()) settled.put(e.getKey(), awaitSettled(server, e.getValue(), 90));
            assertThat(awaitSettled(server, healthy, 30).path("status").asText()).isEqualTo("MINED");
            assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds until every fault settled").isLessThan(90);

            faults.forEach((path, expected) -> {
                JsonNode capture = settled.get(path);
                String status = capture.path("status").asText();
                String error = capture.path("error").asText("");
                if (expected.status() != null) assertThat(status).as(path + ": " + capture).isEqualTo(expected.status());
                if (expected.reason() != null) assertThat(error).as(path + ": " + capture).contains(expected.reason());
                if (status.equals("FAILED")) assertThat(error).as(path + " failed without a reason").isNotBlank();
            });
            // The storm was asked three times, and its last answer is what the archive keeps.
            assertThat(origin.requests("/storm")).isEqualTo(3);
            assertThat(settled.get("/storm").path("snapshot").path("httpStatus").asInt()).isEqualTo(503);
            // A limit that ran out is not tried again: one request each.
            assertThat(origin.requests("/trickle-head")).isEqualTo(1);
            assertThat(origin.requests("/big-header")).isEqualTo(1);
            // A failed redirect chain keeps its hops in the archive but never reaches extraction.
            assertThat(settled.get("/loop/a").path("snapshot").isMissingNode() || settled.get("/loop/a").path("snapshot").isNull()
                    || settled.get("/loop/a").path("snapshot").path("httpStatus").asInt() == 302).isTrue();
        }
    }

    @Test
    void slowOriginsAndSubmissionFloodsHoldOnlyTheirShareOfFetchWorkers() throws Exception {
        Map<String, String> config = new LinkedHashMap<>(FAST_LIMITS);
        config.put("tracemap.fetch.concurrency", "4");
        config.put("tracemap.fetch.per-host-concurrency", "2");
        config.put("tracemap.fetch.submission-share", "25"); // one of four workers
        config.put("tracemap.fetch.total-timeout", "20s");
        try (HostileOrigin submitted = new HostileOrigin(); HostileOrigin slow = new HostileOrigin(); HostileOrigin fine = new HostileOrigin();
             TestServer server = new TestServer(archive, config)) {
            // Eight slow pages from the public form, and eight slow pages of one server from a researcher...
            for (int i = 0; i < 8; i++) {
                HttpResponse<byte[]> r = server.post("/api/submissions", Map.of("url", submitted.url("/slow-body/" + i)), null);
                assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
            }
            for (int i = 0; i < 8; i++) queue(server, slow.url("/slow-body/" + i));
            Thread.sleep(1500); // let them take every worker they can get
            // ...and the researcher's other captures still go through, while the slow ones are still being read.
            List<String> others = new ArrayList<>();
            for (int i = 0; i < 6; i++) others.add(queue(server, fine.url("/ok/" + i)));
            long started = System.nanoTime();
            for (String id : others) assertThat(awaitSettled(server, id, 15).path("status").asText()).isEqualTo("MINED");
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms for six healthy captures beside the slow ones").isLessThan(10_000);

            assertThat(submitted.mostAtOnce("/slow-body")).as("submission fetches at once").isEqualTo(1);
            assertThat(slow.mostAtOnce("/slow-body")).as("fetches of one server at once").isEqualTo(2);
        }
    }

    static String queue(TestServer server, String url) throws Exception {
        HttpResponse<byte[]> posted = server.post("/api/captures", Map.of("url", url), TestServer.ADMIN);
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return server.read(posted).path("id").asText();
    }

    static JsonNode awaitSettled(TestServer server, String id, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode capture = null;
        while (System.currentTimeMillis() < deadline) {
            capture = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            String status = capture.path("status").asText();
            if (status.equals("MINED") || status.equals("FAILED")) return capture;
            Thread.sleep(100);
        }
        throw new AssertionError("capture " + id + " did not settle within " + seconds + " s: " + capture);
    }
}
