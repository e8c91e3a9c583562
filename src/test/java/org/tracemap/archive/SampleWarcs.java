package org.tracemap.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tracemap.fetch.FetchedCapture;

/**
 * Writes WARC files with the real writer, and damages them the way a bad disk or a bad copy would: one
 * flipped bit inside a record (then compressed again, so the gzip CRC is valid and only the WARC digests can
 * tell), or one flipped bit in the compressed bytes themselves.
 */
final class SampleWarcs {
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private SampleWarcs() {}

    /**
     * A finished WARC file and the offset of each record in it: the warcinfo record at index 0, then for
     * capture {@code i} its request at {@code 1 + 3i}, response at {@code 2 + 3i} and metadata at {@code 3 + 3i}.
     */
    record Sample(Path file, List<Long> offsets) {
        long request(int capture) {
            return offsets.get(1 + 3 * capture);
        }

        long response(int capture) {
            return offsets.get(2 + 3 * capture);
        }

        long metadata(int capture) {
            return offsets.get(3 + 3 * capture);
        }

        int records() {
            return offsets.size();
        }
    }

    static Sample write(ArchiveLayout layout, int captures) throws IOException {
        layout.create();
        List<Long> offsets = new ArrayList<>(List.of(0L));
        try (RollingWarcWriter writer = new RollingWarcWriter(layout, "SAMPLE", 1L << 30, Clock.fixed(T, ZoneOffset.UTC), name -> { })) {
            for (int i = 0; i < captures; i++) {
                for (RollingWarcWriter.Written w : writer.write(records(layout, i))) offsets.add(w.offset());
            }
        }
        return new Sample(layout.finishedWarcs().get(0), offsets);
    }

    /** The request, response and metadata records of a capture of {@code http://example.com/page/i}. */
    static List<org.netpreserve.jwarc.WarcRecord> records(ArchiveLayout layout, int i) throws IOException {
        FetchedCapture c = TestCaptures.capture(T, TestCaptures.response(layout.spool(), "http://example.com/page/" + i, 200,
                "text/html", "<html><body><p>Page " + i + " of the sample.</p></body></html>"));
        return CaptureRecords.build(c, 0, c.responses().get(0), null).records();
    }

    /**
     * Flips the lowest bit of the last character of the first {@code marker} found in the block of the record
     * whose gzip member starts at {@code offset} (the block begins after the WARC header's blank line), and
     * compresses that record again. Members after it move; the damaged one keeps its offset.
     */
    static void flipInBlock(Sample sample, long offset, String marker) throws IOException {
        flip(sample, offset, marker, true);
    }

    /** Like {@link #flipInBlock}, but in the record's WARC header. */
    static void flipInHeader(Sample sample, long offset, String marker) throws IOException {
        flip(sample, offset, marker, false);
    }

    private static void flip(Sample sample, long offset, String marker, boolean inBlock) throws IOException {
        byte[] file = Files.readAllBytes(sample.file());
        int start = (int) offset;
        int end = (int) sample.offsets().stream().filter(o -> o > offset).findFirst().orElse((long) file.length).longValue();
        byte[] record;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(file, start, end - start))) {
            record = in.readAllBytes();
        }
        int block = indexOf(record, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 4;
        int at = indexOf(record, marker.getBytes(StandardCharsets.UTF_8), inBlock ? block : 0);
        if (block < 4 || at < 0 || (!inBlock && at >= block)) {
            throw new IllegalArgumentException(marker + " is not in the " + (inBlock ? "block" : "header") + " of the record at " + offset);
        }
        record[at + marker.length() - 1] ^= 1;
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(member)) {
            out.write(record);
        }
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(file, 0, start);
        spliced.write(member.toByteArray());
        spliced.write(file, end, file.length - end);
        Files.write(sample.file(), spliced.toByteArray());
    }

    /** Flips the lowest bit of the byte at {@code position} of the file, as it is stored (compressed). */
    static void flipStoredByte(Path file, long position) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 1;
        Files.write(file, bytes);
    }

    /** Appends the first {@code length} bytes of the record at {@code offset}: a member cut off mid-stream. */
    static void appendTornCopy(Sample sample, long offset, int length) throws IOException {
        byte[] file = Files.readAllBytes(sample.file());
        Files.write(sample.file(), Arrays.copyOfRange(file, (int) offset, (int) offset + length), java.nio.file.StandardOpenOption.APPEND);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
