package org.tracemap.archive;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One pipeline per archive folder. A second pipeline would requeue the first one's in-flight captures as
 * if they had been abandoned, so the pipeline holds an exclusive lock on {@code archive/pipeline.lock}
 * while it runs. Commands that only queue or read do not need it.
 */
public final class ArchiveLock implements Closeable {
    private final FileChannel channel;
    private final FileLock lock;

    private ArchiveLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with a message saying which process holds it. */
    public static ArchiveLock acquire(Path archiveDir) throws IOException {
        Path file = archiveDir.resolve("pipeline.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(readAll(channel), StandardCharsets.UTF_8).strip();
            channel.close();
            throw new IOException("archive " + archiveDir.toAbsolutePath() + " is in use by another Tracemap pipeline"
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + "; queue through it with --server URL --token T, or stop it first");
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        return new ArchiveLock(channel, lock);
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(channel.size(), 200));
        channel.read(buffer, 0);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
