package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcRecord;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.intake.UrlNormalizer;

/**
 * A crash between "records written" and "catalogue told": at the next start, captures whose records are all in
 * the archive are settled from them (not fetched a second time); captures with records missing stay in flight.
 */
class ArchivedInFlightTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    private ArchiveLayout layout;
    private Catalog catalog;
    private CaptureStore captures;
    private SnapshotStore snapshots;
    private CdxjIndex cdxj;
    private RollingWarcWriter writer;

    @BeforeEach
    void open() throws IOException {
        layout = new ArchiveLayout(dir.resolve("archive"));
        layout.create();
        catalog = Catalog.open(layout.root());
        captures = new CaptureStore(catalog, Clock.systemUTC(), new ObjectMapper());
        snapshots = new SnapshotStore(catalog);
        cdxj = new CdxjIndex(layout, new ObjectMapper());
        writer = new RollingWarcWriter(layout, "TEST", 1L << 30, Clock.systemUTC(), name -> { });
    }

    @AfterEach
    void close() throws IOException {
        writer.close();
        catalog.close();
    }

    /** Claims the capture (FETCHING) and writes its records the way the archive stage does, but never settles it. */
    private Capture writtenButNotRecorded(FetchedCapture fetched, int hopsWritten) throws IOException {
        captures.insert(fetched.request().captureId(), fetched.request().url().url(), fetched.request().url().surt(), Map.of(), null, "tester");
        captures.claimQueued(10);
        List<WarcRecord> records = new ArrayList<>();
        for (int hop = 0; hop < hopsWritten; hop++) {
            records.addAll(CaptureRecords.build(fetched, hop, fetched.responses().get(hop), null).records());
        }
        writer.write(records);
        return captures.find(fetched.request().captureId()).orElseThrow();
    }

    private int settle(Capture... inFlight) throws IOException {
        writer.close(); // what recovery does to the file a crash left open
        cdxj.rebuildMissing();
        Set<String> ids = new HashSet<>();
        for (Capture c : inFlight) ids.add(c.id());
        return new ArchivedInFlight(layout, cdxj, snapshots, captures, new UrlNormalizer()).settle(ids, inFlight[0].updatedAt());
    }

    @Test
    void aCaptureWhoseRecordsAreAllInTheArchiveIsSettledFromThem() throws IOException {
        FetchedCapture fetched = TestCaptures.capture(T,
                TestCaptures.response(layout.spool(), "https://www.zte.com.cn/old", 301, "text/html", new byte[0], "https://www.zte.com.cn/new"),
                TestCaptures.response(layout.spool(), "https://www.zte.com.cn/new", 200, "text/html", "<p>ZTE signs a 5G deal.</p>"));
        Capture capture = writtenButNotRecorded(fetched, 2);

        assertThat(settle(capture)).isEqualTo(1);

        Capture settled = captures.find(capture.id()).orElseThrow();
        assertThat(settled.status()).isEqualTo(CaptureStatus.ARCHIVED);
        Snapshot last = snapshots.find(settled.snapshotId()).orElseThrow();
        assertThat(last.hop()).isEqualTo(1);
        assertThat(last.url()).isEqualTo("https://www.zte.com.cn/new");
        assertThat(last.httpStatus()).isEqualTo(200);
        assertThat(last.change()).isEqualTo(ChangeKind.NEW);
        assertThat(last.payloadDigest()).isEqualTo("sha256:" + org.tracemap.fetch.Sha256.of("<p>ZTE signs a 5G deal.</p>".getBytes()).hex());
        assertThat(cdxj.nearest(last.surt(), last.timestamp())).get().extracting(CdxjEntry::offset).isEqualTo(last.warcOffset());
    }

    @Test
    void aCaptureWithAHopMissingIsLeftToBeFetchedAgain() throws IOException {
        FetchedCapture fetched = TestCaptures.capture(T,
                TestCaptures.response(layout.spool(), "https://example.org/a", 302, "text/html", new byte[0], "https://example.org/b"),
                TestCaptures.response(layout.spool(), "https://example.org/b", 200, "text/html", "<p>b</p>"));
        Capture capture = writtenButNotRecorded(fetched, 1);

        assertThat(settle(capture)).isZero();
        assertThat(captures.find(capture.id()).orElseThrow().status()).isEqualTo(CaptureStatus.FETCHING);
    }

    @Test
    void whileRunningACaptureLeftFetchingIsSettledFromItsRecordsOrQueuedAgain() throws IOException {
        FetchedCapture written = TestCaptures.capture(T, TestCaptures.response(layout.spool(), "https://example.org/written", 200, "text/html", "<p>w</p>"));
        Capture archivedButNotRecorded = writtenButNotRecorded(written, 1);
        FetchedCapture lost = TestCaptures.capture(T, TestCaptures.response(layout.spool(), "https://example.org/lost", 200, "text/html", "<p>l</p>"));
        Capture neverArchived = writtenButNotRecorded(lost, 0);
        FetchedCapture busy = TestCaptures.capture(T, TestCaptures.response(layout.spool(), "https://example.org/busy", 200, "text/html", "<p>b</p>"));
        Capture stillFetching = writtenButNotRecorded(busy, 0);
        writer.close();
        cdxj.rebuildMissing();

        StaleFetches sweep = new StaleFetches(captures, snapshots, new ArchivedInFlight(layout, cdxj, snapshots, captures, new UrlNormalizer()),
                id -> id.equals(stillFetching.id()), java.time.Duration.ZERO, Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(1)));
        List<Snapshot> toExtract = sweep.sweep();

        assertThat(toExtract).extracting(Snapshot::url).containsExactly("https://example.org/written");
        assertThat(captures.find(archivedButNotRecorded.id()).orElseThrow().status()).isEqualTo(CaptureStatus.ARCHIVED);
        Capture requeued = captures.find(neverArchived.id()).orElseThrow();
        assertThat(requeued.status()).isEqualTo(CaptureStatus.QUEUED);
        assertThat(requeued.error()).contains("left unfinished");
        assertThat(captures.find(stillFetching.id()).orElseThrow().status()).as("a fetch still holds it").isEqualTo(CaptureStatus.FETCHING);
    }
}
