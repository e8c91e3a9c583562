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
            if (good < size) {
                channel.truncate(good);
                channel.force(true);
            }
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
}
