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
}
