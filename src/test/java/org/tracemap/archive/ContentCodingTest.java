package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentCodingTest {
    @Test
    void aGzipBombIsDecodedOnlyUpToTheLimit() throws Exception {
        byte[] member;
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(one)) {
            gz.write(new byte[1 << 20]);
        }
        member = one.toByteArray();
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        for (int i = 0; i < 1024; i++) bomb.write(member); // ~1 MB on the wire, 1 GB decoded
        long start = System.nanoTime();
        byte[] decoded = ContentCoding.readDecoded(new ByteArrayInputStream(bomb.toByteArray()), "gzip", (32 << 20) + 1);
        assertThat(decoded).hasSize((32 << 20) + 1); // one byte more than max-bytes tells "too large"
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSmallPayloadIsDecodedWhole() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("<p>hello</p>".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertThat(new String(ContentCoding.readDecoded(new ByteArrayInputStream(gz.toByteArray()), "gzip", 1000), "US-ASCII")).isEqualTo("<p>hello</p>");
        assertThat(ContentCoding.readDecoded(new ByteArrayInputStream(new byte[] {1, 2, 3}), null, 2)).containsExactly(1, 2);
    }
}
