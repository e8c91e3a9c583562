package org.tracemap.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcWriter;

/**
 * One WARC file while it is written: under its {@code .open} name, with an exclusive lock, one gzip member
 * per record. It knows where its last complete record ends, so that a failed append is cut back to there,
 * and it is finished (forced, unlocked, renamed to its final name) only when it ends there: a finished WARC
 * never ends in a torn record.
 *
 * <p>Not thread-safe: {@link RollingWarcWriter} serialises access, except {@link #force}.
 */
final class OpenWarcFile {
    private final String name;
    private final Path openPath;
    private final Path finalPath;
    private final FileChannel channel;
    /** Null after a failed append that could not be cut back: the file then only waits to be finished. */
    private WarcWriter writer;
    /** The end of the last complete record. */
    private long complete;
    /** How much of the file is known to be forced to disk. */
    private long durable;

    private OpenWarcFile(String name, Path openPath, Path finalPath, FileChannel channel) throws IOException {
        this.name = name;
        this.openPath = openPath;
        this.finalPath = finalPath;
        this.channel = channel;
        this.writer = newWriter();
    }

    /** Creates the file and writes its warcinfo record; on failure nothing is left behind that recovery would need. */
    static OpenWarcFile create(RollingWarcWriter.FileOpener opener, Path openPath, Path finalPath, String name, WarcRecord warcinfo) throws IOException {
        FileChannel channel = opener.openNew(openPath);
        try {
            channel.lock(); // held until the channel closes: recovery in another process leaves a locked file alone
            OpenWarcFile file = new OpenWarcFile(name, openPath, finalPath, channel);
            file.append(List.of(warcinfo));
            return file;
        } catch (IOException | RuntimeException e) {
            // It holds at most a torn warcinfo record, and nothing refers to it yet.
            try {
                channel.close();
                Files.deleteIfExists(openPath);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    String name() {
        return name;
    }

    /** The end of the last complete record: the file's length once it is finished. */
    long end() {
        return complete;
    }

    long durable() {
        return durable;
    }

    /** Whether records can be appended (false after a failure that could not be cut back). */
    boolean writable() {
        return writer != null;
    }

    /** Appends the records contiguously; on failure cuts the file back to where this call began, then throws. */
    List<RollingWarcWriter.Written> append(List<WarcRecord> records) throws IOException {
        if (writer == null) throw new IOException(name + " is unfinished after an earlier write failure; it takes no more records");
        List<RollingWarcWriter.Written> written = new ArrayList<>(records.size());
        try {
            for (WarcRecord record : records) {
                long start = channel.position();
                writer.write(record);
                written.add(new RollingWarcWriter.Written(name, start, channel.position() - start));
            }
        } catch (IOException | RuntimeException e) {
            cutBack(e);
            throw e;
        }
        complete = channel.position();
        return written;
    }

    /** Forces what is written so far; safe beside appends (the channel is thread-safe). */
    void force() throws IOException {
        channel.force(false);
    }

    void markDurable(long upTo) {
        durable = Math.max(durable, Math.min(upTo, complete));
    }

    /**
     * Cuts the file back to its last complete record, forces it, releases it and renames it to its final
     * name. If that fails the file stays {@code .open} and this can be called again.
     */
    void finish() throws IOException {
        if (channel.isOpen()) {
            trimToComplete();
            channel.force(true);
            durable = complete;
            writer = null;
            channel.close(); // releases the lock; never the jwarc writer's close, which could finish a torn member
        }
        Files.move(openPath, finalPath, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives the file up (at shutdown): it stays {@code .open}, for recovery at the next start. */
    void abandon() throws IOException {
        writer = null;
        channel.close();
    }

    private void cutBack(Exception failure) {
        // jwarc's writer holds the torn member's compressor state: reusing or closing it would write the rest of
        // that member after the cut. A new writer starts a fresh member at the cut.
        writer = null;
        try {
            trimToComplete();
            writer = newWriter();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private void trimToComplete() throws IOException {
        if (channel.size() > complete) channel.truncate(complete);
        long size = channel.size();
        if (size != complete) {
            throw new IOException("could not cut " + name + " back to its last complete record at " + complete + ": it is " + size + " bytes");
        }
        channel.position(complete);
    }

    private WarcWriter newWriter() throws IOException {
        return new WarcWriter(new WriteFully(channel), WarcCompression.GZIP);
    }

    /**
     * The channel jwarc writes to. A file write can be short when the disk fills up; jwarc's gzip writer
     * would carry on without the missing bytes (a corrupt member and no error), so every write here either
     * writes all its bytes or throws.
     */
    private record WriteFully(FileChannel channel) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            int total = 0;
            while (src.hasRemaining()) {
                int n = channel.write(src);
                if (n <= 0) throw new IOException("the disk accepted no bytes (" + src.remaining() + " left to write)");
                total += n;
            }
            return total;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the file is closed by OpenWarcFile.finish or abandon, never through jwarc
        }
    }
}
