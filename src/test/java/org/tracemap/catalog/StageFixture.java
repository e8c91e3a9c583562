package org.tracemap.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A catalogue in a temporary folder holding captures that reached EXTRACTED, as the extract stage leaves them:
 * for testing the index and mine stages without fetching, archiving or Camel.
 */
public final class StageFixture implements AutoCloseable {
    public final Catalog catalog;
    public final CaptureStore captures;
    public final SnapshotStore snapshots;
    public final ExtractionStore extractions;
    public final CandidateStore candidates;

    public StageFixture(Path dir) {
        ObjectMapper json = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        catalog = Catalog.open(dir);
        captures = new CaptureStore(catalog, clock, json);
        snapshots = new SnapshotStore(catalog);
        extractions = new ExtractionStore(catalog, clock, json);
        candidates = new CandidateStore(catalog, clock, json);
    }

    /** A capture of {@code url} that is EXTRACTED with this title and main text; returns its snapshot. */
    public Snapshot extracted(String url, String title, String text) {
        String captureId = UUID.randomUUID().toString();
        captures.insert(captureId, url, "com,example)/" + captureId, Map.of(), null, "tester");
        Snapshot s = new Snapshot(UUID.randomUUID().toString(), captureId, 0, url, "com,example)/" + captureId, "20260101000000",
                Instant.parse("2026-01-01T00:00:00Z"), 200, "text/html", "sha256:00", ChangeKind.NEW, "response", null, null,
                "TEST.warc.gz", 0, 1_000);
        captures.settle(captureId, CaptureStatus.ARCHIVED, List.of(s), s.id(), null, 0);
        extractions.save(new ExtractionStore.Extraction(s.id(), captureId, title, null, "en", text, List.of(), false, null), captures,
                CaptureStatus.EXTRACTED, null);
        return s;
    }

    public Capture capture(Snapshot s) {
        return captures.find(s.captureId()).orElseThrow();
    }

    @Override
    public void close() {
        catalog.close();
    }
}
