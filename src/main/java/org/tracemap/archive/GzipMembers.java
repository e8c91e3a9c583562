package org.tracemap.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Finds how much of a gzip file is made of complete, intact members. Tracemap writes one gzip member per
 * WARC record, so the end of the last complete member is the end of the last complete record.
 */
final class GzipMembers {
    private GzipMembers() {}

    /** The length of the prefix of {@code channel} that consists of complete gzip members with valid CRCs. */
    static long completePrefix(FileChannel channel) throws IOException {
        long size = channel.size();
        long good = 0;
        while (good < size) {
            long end = memberEnd(channel, good, size);
            if (end < 0) break;
            good = end;
        }
        return good;
    }

    /** The offset just past the member starting at {@code start}, or -1 if it is torn or not gzip. */
    private static long memberEnd(FileChannel channel, long start, long size) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(10);
        if (channel.read(header, start) < 10) return -1;
        byte[] h = header.array();
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) return -1;
        int flags = h[3] & 0xff;
        long pos = start + 10;
        if ((flags & 4) != 0) { // FEXTRA: a 2-byte length, then that many bytes
            ByteBuffer xlen = ByteBuffer.allocate(2);
            if (channel.read(xlen, pos) < 2) return -1;
            pos += 2 + ((xlen.get(0) & 0xff) | (xlen.get(1) & 0xff) << 8);
        }
        if ((flags & 8) != 0) pos = skipZeroTerminated(channel, pos, size); // FNAME
        if (pos >= 0 && (flags & 16) != 0) pos = skipZeroTerminated(channel, pos, size); // FCOMMENT
        if (pos < 0) return -1;
        if ((flags & 2) != 0) pos += 2; // FHCRC
        Inflater inflater = new Inflater(true);
        CRC32 crc = new CRC32();
        long inflated = 0;
        try {
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            byte[] out = new byte[64 * 1024];
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    in.clear();
                    int n = channel.read(in, pos);
                    if (n <= 0) return -1;
                    pos += n;
                    inflater.setInput(in.array(), 0, n);
                }
                int produced = inflater.inflate(out);
                crc.update(out, 0, produced);
                inflated += produced;
                if (produced == 0 && inflater.needsDictionary()) return -1;
            }
            long end = pos - inflater.getRemaining();
            ByteBuffer trailer = ByteBuffer.allocate(8);
            if (channel.read(trailer, end) < 8) return -1;
            long storedCrc = (trailer.get(0) & 0xffL) | (trailer.get(1) & 0xffL) << 8 | (trailer.get(2) & 0xffL) << 16 | (trailer.get(3) & 0xffL) << 24;
            long storedSize = (trailer.get(4) & 0xffL) | (trailer.get(5) & 0xffL) << 8 | (trailer.get(6) & 0xffL) << 16 | (trailer.get(7) & 0xffL) << 24;
            if (storedCrc != crc.getValue() || storedSize != (inflated & 0xffffffffL)) return -1;
            return end + 8;
        } catch (DataFormatException e) {
            return -1;
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
