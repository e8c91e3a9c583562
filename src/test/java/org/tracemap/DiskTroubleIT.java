package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.FaultyDisk;
import org.tracemap.archive.WarcVerifier;

/**
 * The archive on a disk that fills up or turns read-only, through the real server: captures fail with a clear
 * error and stay queued for a retry, what is already archived is untouched and still replays, the server
 * answers throughout, and once the disk is repaired the waiting captures go through with nothing doubled.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class DiskTroubleIT {
    @TempDir
    Path archive;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FaultyDisk.NO_SPACE, FaultyDisk.READ_ONLY})
    void capturesWaitOutADiskFaultAndNothingArchivedIsDamaged(String fault) throws Exception {
        FaultyDisk disk = new FaultyDisk();
        Consumer<FaultyDisk> breakIt = fault.equals(FaultyDisk.NO_SPACE) ? d -> d.fillAfter(0) : FaultyDisk::makeReadOnly;
        try (HostileOrigin origin = new HostileOrigin();
             TestServer server = new TestServer(archive, Map.of("tracemap.archive.retry-delay", "500ms"), disk)) {
            String before = FaultsIT.queue(server, origin.url("/ok/before"));
            JsonNode archived = FaultsIT.awaitSettled(server, before, 30);
            assertThat(archived.path("status").asText()).isEqualTo("MINED");

            breakIt.accept(disk);
            String during = FaultsIT.queue(server, origin.url("/ok/during"));
            JsonNode waiting = awaitError(server, during, 20);
            assertThat(waiting.path("status").asText()).isEqualTo("QUEUED");
            assertThat(waiting.path("error").asText()).startsWith("archive: could not write the WARC").contains(fault);
            assertThat(waiting.path("retryAt").asText()).isNotBlank();
            // The server stays up and what was archived before still replays, byte for byte.
            assertThat(server.send(HttpRequest.newBuilder(URI.create(server.api() + "/health")).GET()).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> replay = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/replay/"
                    + archived.path("snapshot").path("timestamp").asText() + "/" + origin.url("/ok/before") + "?raw=1")).GET());
            assertThat(new String(replay.body(), StandardCharsets.UTF_8)).isEqualTo(HostileOrigin.ARTICLE);
            assertThat(new WarcVerifier(new ArchiveLayout(archive)).verifyAll(f -> { }).errors()).isEmpty();

            disk.repair();
            assertThat(FaultsIT.awaitSettled(server, during, 30).path("status").asText()).isEqualTo("MINED");
        }

        WarcVerifier.Report report = new WarcVerifier(new ArchiveLayout(archive)).verifyAll(f -> { });
        assertThat(report.errors()).isEmpty();
        Map<String, Integer> responses = new HashMap<>();
        for (Path warc : new ArchiveLayout(archive).finishedWarcs()) {
            try (WarcReader reader = new WarcReader(warc)) {
                for (WarcRecord r : reader) if (r instanceof WarcResponse response) responses.merge(response.target(), 1, Integer::sum);
            }
        }
        assertThat(responses.values()).containsOnly(1).hasSize(2);
    }

    /** Waits until the capture carries an error (it is waiting for a retry, or failed). */
    private static JsonNode awaitError(TestServer server, String id, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode capture = null;
        while (System.currentTimeMillis() < deadline) {
            capture = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            if (!capture.path("error").isNull() && !capture.path("error").asText().isEmpty()) return capture;
            Thread.sleep(50);
        }
        throw new AssertionError("capture " + id + " never said why it waits: " + capture);
    }
}
