package org.tracemap.archive;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Appends records to the current WARC file: gzip, one member per record, a {@code warcinfo} record first.
 * The file carries an {@code .open} suffix and an exclusive lock while it is written, and is renamed once
 * closed — when it passes the size limit, or at shutdown.
 *
 * <p>Durability is a group commit: {@link #write} appends, and {@link #awaitDurable} returns once the
 * records are forced to disk. One force covers every record written before it began, so captures archived
 * concurrently share an fsync; the catalogue is told ARCHIVED only after {@code awaitDurable} returns.
 */
public final class RollingWarcWriter implements Closeable {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    /** Where one record landed: its file (final name), offset and compressed length. */
    public record Written(String fileName, long offset, long length) {}

    private final ArchiveLayout layout;
    private final String prefix;
    private final long maxSize;
    private final Clock clock;
    private final Consumer<String> onClosed;
    private int serial;
    private FileChannel channel;
    private FileLock lock;
    private WarcWriter writer;
    private Path openPath;
    private String fileName;
    /** Bytes of the current file known to be on disk. */
    private long durableUpTo;
    private final Object forceLock = new Object();

    /** @param onClosed told the final name of each WARC file once it is closed (to seal its CDXJ) */
    public RollingWarcWriter(ArchiveLayout layout, String prefix, long maxSize, Clock clock, Consumer<String> onClosed) {
        this.layout = layout;
        this.prefix = prefix;
        this.maxSize = maxSize;
        this.clock = clock;
        this.onClosed = onClosed;
    }

    /** Appends the records of one capture, contiguously in one file; pair with {@link #awaitDurable}. */
    public synchronized List<Written> write(List<WarcRecord> records) throws IOException {
        if (writer == null) openNext();
        long captureStart = channel.position();
        List<Written> written = new ArrayList<>(records.size());
        try {
            for (WarcRecord record : records) {
                long start = channel.position();
                writer.write(record);
                written.add(new Written(fileName, start, channel.position() - start));
            }
        } catch (IOException | RuntimeException e) {
            // Leave no half-written capture behind: cut back to where it began, then start a fresh file.
            channel.truncate(captureStart);
            closeCurrent();
            throw e;
        }
        if (channel.size() >= maxSize) closeCurrent();
        return written;
    }

    /** Returns once {@code last} (and everything written before it) is on disk. */
    public void awaitDurable(Written last) throws IOException {
        long end = last.offset() + last.length();
        synchronized (forceLock) { // whoever waits here may find that the previous force already covered it
            FileChannel forcing;
            long target;
            synchronized (this) {
                if (!last.fileName().equals(fileName) || durableUpTo >= end) return; // closed files were forced at close
                forcing = channel;
                target = channel.position();
            }
            try {
                forcing.force(false); // outside the writer's lock: others keep appending meanwhile
            } catch (java.nio.channels.ClosedChannelException e) {
                return; // rotated or closed meanwhile, and closing forces the file first
            }
            synchronized (this) {
                if (forcing == channel) durableUpTo = Math.max(durableUpTo, target);
            }
        }
    }

    /** The name of the file being written, or null when none is open. */
    public synchronized String currentFile() {
        return fileName;
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) closeCurrent();
    }

    private void openNext() throws IOException {
        // Time, serial and pid make names unique across processes; the existence check covers a second
        // writer in the same process and millisecond.
        do {
            fileName = prefix + "-" + NAME_TIME.format(clock.instant()) + "-" + String.format("%05d", ++serial) + "-"
                    + ProcessHandle.current().pid() + ".warc.gz";
            openPath = layout.warc(fileName + ArchiveLayout.OPEN_SUFFIX);
        } while (Files.exists(openPath) || Files.exists(layout.warc(fileName)));
        channel = FileChannel.open(openPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        lock = channel.lock();
        durableUpTo = 0;
        writer = new WarcWriter(channel, WarcCompression.GZIP);
        writer.write(warcinfo());
    }

    private void closeCurrent() throws IOException {
        String closing = fileName;
        try {
            channel.force(true);
            lock.release();
            writer.close();
        } finally {
            writer = null;
            channel = null;
            lock = null;
        }
        Files.move(openPath, layout.warc(closing), StandardCopyOption.ATOMIC_MOVE);
        fileName = null;
        onClosed.accept(closing);
    }

    private Warcinfo warcinfo() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of("Tracemap/" + version() + " (jwarc)"));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        fields.put("hostname", List.of(hostname()));
        return new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).filename(fileName).fields(fields).build();
    }

    private static String version() {
        String v = RollingWarcWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
