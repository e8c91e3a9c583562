package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.tracemap.fetch.Sha256;

class WarcVerifierTest {
    @TempDir
    Path dir;

    @Test
    void intactFixtureArchivesVerify() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        Files.copy(Path.of("src/test/resources/warc/sample-1.warc.gz"), layout.warc("sample-1.warc.gz"));
        Files.copy(Path.of("src/test/resources/warc/sample-2.warc.gz"), layout.warc("sample-2.warc.gz"));
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.records()).isEqualTo(14);
        assertThat(report.ok()).isTrue();
        // Written before every record carried a block digest: those records are named, as unverifiable.
        assertThat(report.warnings()).hasSize(6).allSatisfy(w -> assertThat(w.message()).startsWith("no WARC-Block-Digest"));
    }

    @Test
    void everyRecordTheWriterProducesCarriesABlockDigestAndVerifiesWithoutWarnings() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 2);
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });
        assertThat(report.records()).isEqualTo(sample.records());
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void recordsWhoseBytesNoLongerMatchTheirDigestsAreReported() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        byte[] block = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\naltered body".getBytes(StandardCharsets.US_ASCII);
        try (WarcWriter writer = new WarcWriter(Files.newByteChannel(layout.warc("bad.warc.gz"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), WarcCompression.GZIP)) {
            writer.write(new WarcResponse.Builder(URI.create("http://example.com/"))
                    .body(MediaType.HTTP_RESPONSE, block)
                    .setHeader("WARC-Block-Digest", Sha256.label(Sha256.of("something else".getBytes(StandardCharsets.US_ASCII))))
                    .setHeader("WARC-Payload-Digest", Sha256.label(Sha256.of("original body".getBytes(StandardCharsets.US_ASCII))))
                    .build());
        }
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(WarcVerifier.Problem::message)
                .anySatisfy(m -> assertThat(m).startsWith("payload digest mismatch"))
                .anySatisfy(m -> assertThat(m).startsWith("block digest mismatch"));
        assertThat(report.problems().get(0).toString()).contains("bad.warc.gz");
    }

    @Test
    void aRecordWhoseWarcHeaderCannotBeParsedIsNamedAndTheRecordsAfterItAreStillChecked() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        SampleWarcs.flipInHeader(sample, sample.request(1), "WARC-Type:"); // "WARC-Type;" is no header line

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.offset()).isEqualTo(sample.request(1));
            assertThat(p.message()).startsWith("unreadable record");
        });
        assertThat(report.records()).isEqualTo(sample.records() - 1);
    }

    @Test
    void theUnfinishedTailOfAnOpenFileIsAWarningNotAnError() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 2);
        long tornAt = Files.size(sample.file());
        SampleWarcs.appendTornCopy(sample, sample.response(1), 200);
        Files.move(sample.file(), sample.file().resolveSibling(sample.file().getFileName() + ArchiveLayout.OPEN_SUFFIX));

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.offset()).isEqualTo(tornAt);
            assertThat(w.message()).startsWith("unfinished tail");
        });
    }

    @Test
    void importedRecordsWithoutABlockDigestAreWarningsThatNameEachRecord() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        layout.create();
        Files.copy(Path.of("src/test/resources/warc/wget-sample.warc.gz"), layout.warc("IMPORTED-wget.warc.gz"));
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });
        assertThat(report.ok()).isTrue();
        assertThat(report.warnings()).allSatisfy(w -> assertThat(w.message()).startsWith("no WARC-Block-Digest"));
    }

    @Test
    void anUncompressedWarcResumesAtTheNextRecordAfterAnUnreadableOne() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        byte[] plain;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(sample.file()))) {
            plain = in.readAllBytes();
        }
        String text = new String(plain, java.nio.charset.StandardCharsets.ISO_8859_1);
        int second = text.indexOf("WARC/1.1", text.indexOf("WARC-Type: response") ); // the record after the first response
        int broken = text.indexOf("WARC-Type:", second);
        plain[broken + "WARC-Type".length()] = ';';
        Files.delete(sample.file());
        Files.write(layout.warc("IMPORTED-plain.warc"), plain);

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("IMPORTED-plain.warc");
            assertThat(p.offset()).isEqualTo(second);
        });
        assertThat(report.records()).isEqualTo(sample.records() - 1);
    }

    @Test
    void aFlippedBitInAMetadataRecordIsNamedByFileAndOffsetAndTheRecordsAfterItAreStillChecked() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        SampleWarcs.flipInBlock(sample, sample.metadata(1), "hop: 0");

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(sample.file().getFileName().toString());
            assertThat(p.offset()).isEqualTo(sample.metadata(1));
            assertThat(p.message()).startsWith("block digest mismatch");
        });
        assertThat(report.records()).as("every record, the damaged one and those after it").isEqualTo(sample.records());
    }

    @Test
    void aFlippedBitInAResponsesHttpHeadIsNamedByFileAndOffsetAndTheRecordsAfterItAreStillChecked() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        SampleWarcs.flipInBlock(sample, sample.response(0), "Content-Type:");

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(sample.file().getFileName().toString());
            assertThat(p.offset()).isEqualTo(sample.response(0));
            assertThat(p.message()).startsWith("block digest mismatch");
        });
        assertThat(report.records()).isEqualTo(sample.records());
    }

    @Test
    void aCorruptGzipMemberIsNamedByItsOffsetAndVerificationResumesAtTheNextMember() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 3);
        long damaged = sample.response(1);
        SampleWarcs.flipStoredByte(sample.file(), (damaged + sample.metadata(1)) / 2); // in the middle of its compressed data

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(sample.file().getFileName().toString());
            assertThat(p.offset()).isEqualTo(damaged);
            assertThat(p.message()).contains("gzip member");
        });
        assertThat(report.records()).as("all records but the unreadable one").isEqualTo(sample.records() - 1);
    }

    @Test
    void aFinishedWarcThatEndsInATornRecordIsReported() throws IOException {
        ArchiveLayout layout = new ArchiveLayout(dir);
        SampleWarcs.Sample sample = SampleWarcs.write(layout, 2);
        long tornAt = Files.size(sample.file());
        SampleWarcs.appendTornCopy(sample, sample.response(1), 200);

        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(f -> { });

        assertThat(report.ok()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.offset()).isEqualTo(tornAt);
            assertThat(p.message()).contains("torn");
        });
        assertThat(report.records()).isEqualTo(sample.records());
    }
}
