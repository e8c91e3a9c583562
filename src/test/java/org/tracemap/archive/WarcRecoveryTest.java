package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/** A crash leaves a WARC file {@code .open} with half a record at its end; start-up must cut it back. */
class WarcRecoveryTest {
    @TempDir
    Path dir;

    private Path crashedFile(byte[] tail) throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        byte[] complete = Files.readAllBytes(Path.of("src/test/resources/warc/sample-1.warc.gz"));
        Path open = layout.warc("CRASHED-00001.warc.gz.open");
        Files.write(open, complete);
        Files.write(open, tail, StandardOpenOption.APPEND);
        return open;
    }

    @Test
    void tornTailIsCutBackToTheLastCompleteRecordAndTheFileClosed() throws IOException {
        byte[] complete = Files.readAllBytes(Path.of("src/test/resources/warc/sample-1.warc.gz"));
        byte[] halfOfARecord = Arrays.copyOfRange(complete, 0, 300); // a gzip member cut mid-stream
        Path open = crashedFile(halfOfARecord);

        List<WarcRecovery.Recovered> recovered = new WarcRecovery(new ArchiveLayout(dir)).recoverAll();

        assertThat(recovered).singleElement().satisfies(r -> {
            assertThat(r.keptBytes()).isEqualTo(complete.length);
            assertThat(r.cutBytes()).isEqualTo(300);
        });
        Path closed = dir.resolve("warcs/CRASHED-00001.warc.gz");
        assertThat(open).doesNotExist();
        assertThat(Files.readAllBytes(closed)).isEqualTo(complete);
        assertThat(readTypes(closed)).hasSize(10).startsWith("warcinfo");
    }

    @Test
    void garbageAfterTheLastRecordIsCutToo() throws IOException {
        crashedFile(new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        new WarcRecovery(new ArchiveLayout(dir)).recoverAll();
        assertThat(readTypes(dir.resolve("warcs/CRASHED-00001.warc.gz"))).hasSize(10);
    }

    @Test
    void aCompleteOpenFileIsClosedUnchanged() throws IOException {
        crashedFile(new byte[0]);
        List<WarcRecovery.Recovered> recovered = new WarcRecovery(new ArchiveLayout(dir)).recoverAll();
        assertThat(recovered).singleElement().extracting(WarcRecovery.Recovered::cutBytes).isEqualTo(0L);
    }

    @Test
    void aFileWithNoCompleteRecordIsRemoved() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        Files.write(layout.warc("EMPTY.warc.gz.open"), new byte[] {0x1f, (byte) 0x8b});
        new WarcRecovery(layout).recoverAll();
        assertThat(layout.openWarcs()).isEmpty();
        assertThat(layout.finishedWarcs()).isEmpty();
    }

    @Test
    void aDamagedRecordInTheMiddleIsKeptWithTheIntactRecordsAfterItAndOnlyATornTailIsCut() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        SampleWarcs.flipStoredByte(sample.file(), (sample.response(1) + sample.metadata(1)) / 2);
        long intactSize = Files.size(sample.file());
        SampleWarcs.appendTornCopy(sample, sample.response(2), 100);
        Path open = sample.file().resolveSibling(sample.file().getFileName() + ArchiveLayout.OPEN_SUFFIX);
        Files.move(sample.file(), open);

        WarcRecovery.Recovered r = new WarcRecovery(layout).recover(open);

        assertThat(r.keptBytes()).as("everything up to the torn tail, the damaged record included").isEqualTo(intactSize);
        assertThat(r.cutBytes()).isEqualTo(100);
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });
        assertThat(report.errors()).singleElement().extracting(WarcVerifier.Problem::offset).isEqualTo(sample.response(1));
        assertThat(report.records()).isEqualTo(sample.records() - 1);
    }

    @Test
    void aCaptureWhoseRecordsWereNotAllWrittenIsCutBackSoThatItsRefetchDoesNotDoubleThem() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        java.time.Instant t = java.time.Instant.parse("2026-03-01T12:00:00Z");
        var whole = TestCaptures.capture(t, TestCaptures.response(layout.spool(), "https://example.org/a", 200, "text/html", "<p>a</p>"));
        var cutShort = TestCaptures.capture(t,
                TestCaptures.response(layout.spool(), "https://example.org/old", 301, "text/html", new byte[0], "https://example.org/new"),
                TestCaptures.response(layout.spool(), "https://example.org/new", 200, "text/html", "<p>new</p>"));
        RollingWarcWriter writer = new RollingWarcWriter(layout, "CRASH", 1L << 30, java.time.Clock.systemUTC(), name -> { });
        List<RollingWarcWriter.Written> kept = writer.write(CaptureRecords.build(whole, 0, whole.responses().get(0), null).records());
        writer.write(CaptureRecords.build(cutShort, 0, cutShort.responses().get(0), null).records()); // the stop came before hop 1
        writer.close();
        Path finished = layout.finishedWarcs().get(0);
        Path open = finished.resolveSibling(finished.getFileName() + ArchiveLayout.OPEN_SUFFIX);
        Files.move(finished, open);

        WarcRecovery.Recovered r = new WarcRecovery(layout).recover(open);

        RollingWarcWriter.Written lastKept = kept.get(kept.size() - 1);
        assertThat(r.keptBytes()).isEqualTo(lastKept.offset() + lastKept.length());
        assertThat(readTypes(r.file())).containsExactly("warcinfo", "request", "response", "metadata");
    }

    private static List<String> readTypes(Path warc) throws IOException {
        List<String> types = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord r : reader) types.add(r.type());
        }
        return types;
    }
}
