package org.tracemap.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes WARC files left {@code .open} by a process that stopped without closing them (or by a write
 * failure it could not cut back): a torn record at the tail is cut off, back to the end of the last complete
 * record, and the file is renamed to its final name. A file that another live process still holds locked is
 * left alone.
 *
 * <p>Only the tail is cut. A damaged record with intact records after it stays (cutting there would throw
 * the good records away with it); it is logged, and {@code tracemap verify} names it. Finished files are
 * never touched: a finished WARC is never rewritten.
 */
public final class WarcRecovery {
    private static final Logger log = LoggerFactory.getLogger(WarcRecovery.class);

    /** What recovery did to one file. */
    public record Recovered(Path file, long keptBytes, long cutBytes) {}

    private final ArchiveLayout layout;

    public WarcRecovery(ArchiveLayout layout) {
        this.layout = layout;
    }

    public List<Recovered> recoverAll() throws IOException {
        List<Recovered> done = new ArrayList<>();
        for (Path open : layout.openWarcs()) {
            Recovered r = recover(open);
            if (r != null) done.add(r);
        }
        return done;
    }

    /** Recovers one {@code .open} file; null when another process holds it. */
    public Recovered recover(Path open) throws IOException {
        String name = open.getFileName().toString();
        Path closed = open.resolveSibling(name.substring(0, name.length() - ArchiveLayout.OPEN_SUFFIX.length()));
        long size;
        long good;
        try (FileChannel channel = FileChannel.open(open, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) return null;
            size = channel.size();
            good = GzipMembers.intactEnd(channel, damage -> log.error("{} has a damaged record at offset {} ({}); kept, with the intact records after it",
                    open, damage.start(), damage.defect()));
            long intact = good;
            good = Math.min(good, captureBoundary(channel, good));
            if (good < size) {
                channel.truncate(good);
                channel.force(true);
            }
            if (good < intact) log.warn("{}: cut {} bytes of a capture whose records were not all written", open, intact - good);
            lock.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null; // held by this very process
        }
        if (good == 0) {
            Files.delete(open);
            log.warn("deleted {}: it held no complete record", open);
        } else {
            Files.move(open, closed, StandardCopyOption.ATOMIC_MOVE);
            if (good < size) log.warn("recovered {}: cut a torn tail of {} bytes after the last complete record", closed, size - good);
        }
        return new Recovered(good == 0 ? open : closed, good, size - good);
    }

    /**
     * The end of the last complete capture within the first {@code end} bytes. The archive stage appends all
     * records of a capture at once, and the metadata record of its last hop says so ({@code hops}); records
     * after that point belong to a capture the stop cut short. Keeping them would archive part of it twice
     * when it is fetched again. Files from before captures said so end at every metadata record.
     */
    static long captureBoundary(FileChannel channel, long end) {
        long boundary = 0;
        boolean lastWasBoundary = false;
        try (WarcReader reader = new WarcReader(new BoundedChannel(channel, end))) {
            for (WarcRecord record : reader) {
                if (lastWasBoundary) boundary = record.position();
                lastWasBoundary = endsACapture(record);
            }
        } catch (IOException | RuntimeException e) {
            return end; // unreadable in the middle: only the torn tail is cut (the damage is logged above)
        }
        return lastWasBoundary ? end : boundary;
    }

    private static boolean endsACapture(WarcRecord record) throws IOException {
        if (record instanceof org.netpreserve.jwarc.Warcinfo) return true;
        if (!(record instanceof org.netpreserve.jwarc.WarcMetadata metadata)) return false;
        var fields = metadata.fields();
        var hop = fields.first(CaptureRecords.HOP);
        var hops = fields.first(CaptureRecords.HOPS);
        if (hop.isEmpty() || hops.isEmpty()) return true;
        return Integer.parseInt(hop.get()) == Integer.parseInt(hops.get()) - 1;
    }

    /** Reads a file channel from its start up to {@code end}, never past it (the torn tail is not yet cut). */
    private static final class BoundedChannel implements java.nio.channels.ReadableByteChannel {
        private final FileChannel channel;
        private final long end;
        private long position;

        BoundedChannel(FileChannel channel, long end) {
            this.channel = channel;
            this.end = end;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            if (position >= end) return -1;
            int limit = dst.limit();
            if (dst.remaining() > end - position) dst.limit(dst.position() + (int) (end - position));
            try {
                int n = channel.read(dst, position);
                if (n > 0) position += n;
                return n;
            } finally {
                dst.limit(limit);
            }
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the caller owns the channel
        }
    }
}
