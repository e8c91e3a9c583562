package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;

/**
 * The writer under disk trouble: a failed write never leaves a torn record in a finished WARC, nothing
 * already archived is damaged, and once the fault clears the next write succeeds and everything verifies.
 * The faults come from {@link FaultyDisk} through the writer's file opener seam.
 */
// A writer that spins on a full disk (jwarc's gzip writer did, fed short writes) must fail the test, not hang the build.
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RollingWarcWriterTest {
    @TempDir
    Path dir;

    private ArchiveLayout layout;
    private final FaultyDisk disk = new FaultyDisk();
    private final List<String> sealed = new ArrayList<>();
    private RollingWarcWriter writer;
    private int next;
    /** Records written by calls that returned normally: what verification must find. */
    private long records;

    @BeforeEach
    void setUp() throws IOException {
        layout = new ArchiveLayout(dir);
        layout.create();
        // ~1.3 KB per capture: a new file every three captures or so.
        writer = new RollingWarcWriter(layout, "TEST", 4_000, Clock.fixed(SampleWarcs.T, ZoneOffset.UTC), sealed::add, disk);
    }

    @AfterEach
    void tearDown() throws IOException {
        disk.repair();
        writer.close();
    }

    private List<RollingWarcWriter.Written> writeCapture() throws IOException {
        boolean opens = writer.currentFile() == null;
        List<RollingWarcWriter.Written> written = writer.write(SampleWarcs.records(layout, next++));
        writer.awaitDurable(written.get(written.size() - 1));
        records += written.size() + (opens ? 1 : 0); // a new file starts with its warcinfo record
        return written;
    }

    private WarcVerifier.Report verify() throws IOException {
        return new WarcVerifier(layout).verifyAll(f -> { });
    }

    @Test
    void aRecordThatFailsHalfWrittenIsCutBackAndTheFileGoesOnCleanly() throws IOException {
        writeCapture();
        long end = Files.size(layout.openWarcs().get(0));
        List<WarcRecord> failing = List.of(SampleWarcs.records(layout, 99).get(0), resourceWhoseBodyFailsAfter(50_000));

        assertThatThrownBy(() -> writer.write(failing)).isInstanceOf(IOException.class).hasMessageContaining("spool file unreadable");

        assertThat(verify().problems()).as("no torn record anywhere, in a finished file or an open one").isEmpty();
        assertThat(Files.size(layout.openWarcs().get(0))).as("cut back to the last complete record").isEqualTo(end);
        assertThat(writeCapture().get(0).offset()).as("the next capture starts where the cut left off").isEqualTo(end);
        writer.close();
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
    }

    @Test
    void aFullDiskFailsTheWriteWithAClearErrorAndDamagesNothingAlreadyArchived() throws IOException {
        for (int i = 0; i < 5; i++) writeCapture();
        assertThat(layout.finishedWarcs()).as("earlier files were finished").isNotEmpty();
        assertThat(layout.openWarcs()).hasSize(1);
        disk.fillAfter(300); // the next capture's records need more than that

        assertThatThrownBy(this::writeCapture).isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.NO_SPACE);

        WarcVerifier.Report report = verify();
        assertThat(report.problems()).as("finished files, and the records of the open one, all verify").isEmpty();
        assertThat(report.records()).isEqualTo(records);
        assertThat(sealed).hasSize(layout.finishedWarcs().size());
    }

    @Test
    void onceSpaceIsFreedTheNextWriteSucceedsAndEverythingVerifies() throws IOException {
        for (int i = 0; i < 5; i++) writeCapture();
        disk.fillAfter(300);
        assertThatThrownBy(this::writeCapture).isInstanceOf(IOException.class);
        assertThatThrownBy(this::writeCapture).as("still full").isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.NO_SPACE);

        disk.repair();
        for (int i = 0; i < 5; i++) writeCapture();
        writer.close();

        assertThat(layout.openWarcs()).isEmpty();
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
        assertThat(sealed).hasSize(layout.finishedWarcs().size());
    }

    @Test
    void aDiskFullBeforeTheWarcinfoRecordLeavesNoStrayFileBehind() throws IOException {
        disk.fillAfter(50);
        assertThatThrownBy(this::writeCapture).isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.NO_SPACE);
        assertThat(layout.openWarcs()).isEmpty();

        disk.repair();
        writeCapture();
        writer.close();
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
    }

    @Test
    void aFileThatCannotBeCutBackStaysOpenNeverFinishedTornAndIsFinishedOnceTheDiskIsWritable() throws IOException {
        for (int i = 0; i < 2; i++) writeCapture();
        String torn = writer.currentFile();
        long end = Files.size(layout.warc(torn + ArchiveLayout.OPEN_SUFFIX));
        disk.turnReadOnlyAfter(300); // remounted read-only in the middle of the next capture: no truncating either

        assertThatThrownBy(this::writeCapture).isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.READ_ONLY);

        Path open = layout.warc(torn + ArchiveLayout.OPEN_SUFFIX);
        assertThat(open).as("left .open, not renamed with a torn record at its end").exists();
        assertThat(Files.size(open)).isGreaterThan(end);
        WarcVerifier.Report whileReadOnly = verify();
        assertThat(whileReadOnly.ok()).as("the records before the torn tail verify").isTrue();
        assertThat(whileReadOnly.warnings()).singleElement().satisfies(w -> {
            assertThat(w.offset()).isEqualTo(end);
            assertThat(w.message()).startsWith("unfinished tail");
        });
        assertThatThrownBy(this::writeCapture).as("still read-only").isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.READ_ONLY);
        assertThat(open).exists();

        disk.repair();
        writeCapture();

        assertThat(Files.size(layout.warc(torn))).as("finished by the next write, cut back to its last complete record").isEqualTo(end);
        assertThat(sealed).contains(torn);
        assertThat(writer.currentFile()).isNotEqualTo(torn);
        writer.close();
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
    }

    @Test
    void aFileStillUnfinishedAtShutdownIsLeftOpenForRecoveryWhichCutsItBack() throws IOException {
        writeCapture();
        String torn = writer.currentFile();
        long end = Files.size(layout.warc(torn + ArchiveLayout.OPEN_SUFFIX));
        disk.turnReadOnlyAfter(300);
        assertThatThrownBy(this::writeCapture).isInstanceOf(IOException.class);

        assertThatThrownBy(writer::close).isInstanceOf(IOException.class).hasMessageContaining(torn + " is left unfinished");

        assertThat(new WarcRecovery(layout).recoverAll()).singleElement().extracting(WarcRecovery.Recovered::keptBytes).isEqualTo(end);
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
    }

    @Test
    void aFileThatCannotBeForcedAtTheSizeLimitIsNotRenamedAndIsFinishedByALaterWrite() throws IOException {
        writeCapture();
        writeCapture();
        String full = writer.currentFile();
        disk.failSyncs();

        List<RollingWarcWriter.Written> written = writer.write(SampleWarcs.records(layout, next++)); // passes the size limit
        assertThatThrownBy(() -> writer.awaitDurable(written.get(written.size() - 1)))
                .as("its records are not known to be on disk").isInstanceOf(IOException.class).hasMessageContaining(FaultyDisk.IO_ERROR);
        assertThat(layout.warc(full + ArchiveLayout.OPEN_SUFFIX)).as("not renamed while it cannot be forced").exists();
        assertThat(layout.warc(full)).doesNotExist();

        disk.repair();
        writeCapture();
        records += written.size(); // the records of the capture above were complete: they stay, now forced

        assertThat(layout.warc(full)).exists();
        assertThat(sealed).contains(full);
        writer.close();
        WarcVerifier.Report report = verify();
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(records);
    }

    /** A record whose block cannot be read past {@code bytes}: a spooled body that turns unreadable. */
    private static WarcRecord resourceWhoseBodyFailsAfter(int bytes) {
        byte[] noise = new byte[bytes];
        new Random(1).nextBytes(noise); // incompressible, so compressed bytes reach the file before the failure
        ReadableByteChannel body = new ReadableByteChannel() {
            private int read;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (read >= bytes) throw new IOException("spool file unreadable");
                int n = Math.min(dst.remaining(), bytes - read);
                dst.put(noise, read, n);
                read += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        return new WarcResource.Builder(URI.create("http://example.com/big")).body(MediaType.OCTET_STREAM, body, bytes * 2L).build();
    }
}
