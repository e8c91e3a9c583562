package org.tracemap.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a gzip file as a sequence of members and says which are intact (inflate cleanly, CRC and length
 * match). Tracemap writes one gzip member per WARC record, so a member is a record: a damaged one is skipped
 * up to the next intact member, and the records after it can still be read.
 */
final class GzipMembers {
    private static final int BUFFER = 64 * 1024;

    private GzipMembers() {}

    /**
     * A stretch of the file from {@code start} to {@code end}: one intact member ({@code defect} null), or
     * damaged bytes up to where the next intact member begins (or the end of the file, when none does), with
     * what is wrong with the member that should have started there.
     */
    record Span(long start, long end, String defect) {
        boolean intact() {
            return defect == null;
        }
    }

    /** The span that starts at {@code start}: the member there, or the damage up to the next intact member. */
    static Span span(FileChannel channel, long start) throws IOException {
        Member m = member(channel, start);
        if (m.defect() == null) return new Span(start, m.end(), null);
        long next = nextIntact(channel, start + 1);
        return new Span(start, next < 0 ? channel.size() : next, m.defect());
    }

    /**
     * The length a file can be cut back to without losing an intact member: the end of the last intact
     * member, since only damage at the tail (a torn last record) is cut; damage with intact members after
     * it stays, because cutting there would throw good records away. Such damage is told to {@code kept}.
     */
    static long intactEnd(FileChannel channel, Consumer<Span> kept) throws IOException {
        long size = channel.size();
        long at = 0;
        long end = 0;
        while (at < size) {
            Span span = span(channel, at);
            if (span.intact()) end = span.end();
            else if (span.end() < size) kept.accept(span);
            at = span.end();
        }
        return end;
    }

    /** Whether the file starts like gzip (a WARC file otherwise is read as uncompressed). */
    static boolean looksCompressed(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        return channel.read(magic, 0) == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }

    /** The member at {@code start}: its end if intact, else what is wrong with it. */
    private record Member(long end, String defect) {}

    /** The first offset at or after {@code from} where an intact member starts, or -1. */
    private static long nextIntact(FileChannel channel, long from) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        for (long base = from; base < size - 2; base += BUFFER - 2) { // blocks overlap so a magic across a boundary is seen
            buffer.clear();
            int n = channel.read(buffer, base);
            if (n < 3) return -1;
            byte[] b = buffer.array();
            for (int i = 0; i + 2 < n; i++) {
                if ((b[i] & 0xff) == 0x1f && (b[i + 1] & 0xff) == 0x8b && b[i + 2] == 8
                        && member(channel, base + i).defect() == null) {
                    return base + i;
                }
            }
        }
        return -1;
    }

    private static Member member(FileChannel channel, long start) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(10);
        if (channel.read(header, start) < 10) return new Member(-1, "the file ends inside its gzip header");
        byte[] h = header.array();
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) return new Member(-1, "no gzip header");
        int flags = h[3] & 0xff;
        long pos = start + 10;
        if ((flags & 4) != 0) { // FEXTRA: a 2-byte length, then that many bytes
            ByteBuffer xlen = ByteBuffer.allocate(2);
            if (channel.read(xlen, pos) < 2) return new Member(-1, "the file ends inside its gzip header");
            pos += 2 + ((xlen.get(0) & 0xff) | (xlen.get(1) & 0xff) << 8);
        }
        if ((flags & 8) != 0) pos = skipZeroTerminated(channel, pos, size); // FNAME
        if (pos >= 0 && (flags & 16) != 0) pos = skipZeroTerminated(channel, pos, size); // FCOMMENT
        if (pos < 0) return new Member(-1, "the file ends inside its gzip header");
        if ((flags & 2) != 0) pos += 2; // FHCRC
        return inflate(channel, pos);
    }

    private static Member inflate(FileChannel channel, long pos) throws IOException {
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        long inflated = 0;
        try {
            ByteBuffer in = ByteBuffer.allocate(BUFFER);
            byte[] out = new byte[BUFFER];
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    in.clear();
                    int n = channel.read(in, pos);
                    if (n <= 0) return new Member(-1, "its compressed data runs to the end of the file");
                    pos += n;
                    inflater.setInput(in.array(), 0, n);
                }
                int produced = inflater.inflate(out);
                crc.update(out, 0, produced);
                inflated += produced;
                if (produced == 0 && inflater.needsDictionary()) return new Member(-1, "it asks for a preset dictionary");
            }
            long end = pos - inflater.getRemaining();
            ByteBuffer trailer = ByteBuffer.allocate(8);
            if (channel.read(trailer, end) < 8) return new Member(-1, "the file ends inside its gzip trailer");
            long storedCrc = (trailer.get(0) & 0xffL) | (trailer.get(1) & 0xffL) << 8 | (trailer.get(2) & 0xffL) << 16 | (trailer.get(3) & 0xffL) << 24;
            long storedSize = (trailer.get(4) & 0xffL) | (trailer.get(5) & 0xffL) << 8 | (trailer.get(6) & 0xffL) << 16 | (trailer.get(7) & 0xffL) << 24;
            if (storedCrc != crc.getValue()) return new Member(-1, "CRC mismatch");
            if (storedSize != (inflated & 0xffffffffL)) return new Member(-1, "length mismatch");
            return new Member(end + 8, null);
        } catch (DataFormatException e) {
            return new Member(-1, "invalid compressed data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private static long skipZeroTerminated(FileChannel channel, long pos, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (pos < size) {
            one.clear();
            if (channel.read(one, pos++) < 1) return -1;
            if (one.get(0) == 0) return pos;
        }
        return -1;
    }
}
