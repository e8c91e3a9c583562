package org.tracemap.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A disk that fills up or turns read-only on demand, for the archive's {@link RollingWarcWriter.FileOpener}
 * seam: no mount, no root tricks. Files are real files in the test's folder; only the writes through this
 * opener's channels see the faults.
 *
 * <ul>
 *   <li>{@link #fillAfter}: the next writes succeed for that many more bytes; the write that crosses the
 *       limit is short (as the kernel's is), the one after it fails with "No space left on device".
 *       Truncating a file gives its bytes back, as on a real disk.
 *   <li>{@link #makeReadOnly}: writes and truncation fail with "Read-only file system", and so does opening
 *       a new file. {@link #turnReadOnlyAfter} does it after that many more bytes, the way a file system
 *       that meets an error is remounted read-only in the middle of a write.
 *   <li>{@link #failSyncs}: forcing a file to disk fails with "Input/output error".
 *   <li>{@link #repair}: space is freed and the file system is writable again; channels opened before keep
 *       working.
 * </ul>
 */
public final class FaultyDisk implements RollingWarcWriter.FileOpener {
    public static final String NO_SPACE = "No space left on device";
    public static final String READ_ONLY = "Read-only file system";
    public static final String IO_ERROR = "Input/output error";

    private long free = Long.MAX_VALUE;
    private long writableFor = Long.MAX_VALUE;
    private boolean readOnly;
    private boolean syncFails;

    /** The disk holds {@code bytes} more bytes, then it is full. */
    public synchronized void fillAfter(long bytes) {
        free = bytes;
    }

    public synchronized void makeReadOnly() {
        readOnly = true;
    }

    /** The file system takes {@code bytes} more bytes, then turns read-only. */
    public synchronized void turnReadOnlyAfter(long bytes) {
        writableFor = bytes;
    }

    /** Forcing a file to disk (fsync) fails with "Input/output error". */
    public synchronized void failSyncs() {
        syncFails = true;
    }

    public synchronized void repair() {
        free = Long.MAX_VALUE;
        writableFor = Long.MAX_VALUE;
        readOnly = false;
        syncFails = false;
    }

    @Override
    public FileChannel openNew(Path file) throws IOException {
        synchronized (this) {
            if (readOnly) throw new FileSystemException(file.toString(), null, READ_ONLY);
        }
        return new Channel(RollingWarcWriter.FileOpener.DISK.openNew(file));
    }

    /** How many of {@code wanted} bytes fit; throws when none does. */
    private synchronized int take(int wanted) throws IOException {
        if (wanted > 0 && writableFor == 0) readOnly = true;
        if (readOnly) throw new IOException(READ_ONLY);
        if (wanted > 0 && free == 0) throw new IOException(NO_SPACE);
        int n = (int) Math.min(wanted, Math.min(free, writableFor));
        if (free != Long.MAX_VALUE) free -= n;
        if (writableFor != Long.MAX_VALUE) writableFor -= n;
        return n;
    }

    private synchronized void sync() throws IOException {
        if (syncFails) throw new IOException(IO_ERROR);
    }

    private synchronized void giveBack(long bytes) throws IOException {
        if (readOnly) throw new IOException(READ_ONLY);
        if (free != Long.MAX_VALUE) free += bytes;
    }

    /** A file channel whose writes go through the disk's faults; everything else is the real file's. */
    private final class Channel extends FileChannel {
        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int n = take(src.remaining());
            ByteBuffer part = src.slice();
            part.limit(n);
            int written = file.write(part);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                if (!srcs[i].hasRemaining()) continue;
                int n = write(srcs[i]);
                total += n;
                if (srcs[i].hasRemaining()) break;
            }
            return total;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int n = take(src.remaining());
            ByteBuffer part = src.slice();
            part.limit(n);
            int written = file.write(part, position);
            src.position(src.position() + written);
            return written;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            long before = file.size();
            if (size < before) giveBack(before - size);
            file.truncate(size);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public void force(boolean metaData) throws IOException {
            sync();
            file.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException("not used by the archive");
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the archive");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the archive");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}
