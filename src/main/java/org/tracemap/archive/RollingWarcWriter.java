package org.tracemap.archive;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.Warcinfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.fetch.Sha256;

/**
 * Appends records to the current WARC file ({@link OpenWarcFile}): gzip, one member per record, a
 * {@code warcinfo} record first. The file carries an {@code .open} suffix and an exclusive lock while it is
 * written, and is renamed once closed — when it passes the size limit, or at shutdown.
 *
 * <p>Durability is a group commit: {@link #write} appends, and {@link #awaitDurable} returns once the
 * records are forced to disk. One force covers every record written before it began, so captures archived
 * concurrently share an fsync; the catalogue is told ARCHIVED only after {@code awaitDurable} returns.
 *
 * <p>Disk trouble: a failed write is cut back to the end of the last complete record, and the file goes on
 * from there. If it cannot be cut back (a read-only file system), or cannot be closed, it stays
 * {@code .open} and unfinished — never renamed with a torn record at its end — and each later write first
 * tries again to finish it; at shutdown what is still unfinished is left to {@link WarcRecovery}. The next
 * write after such a failure starts a fresh file.
 */
public final class RollingWarcWriter implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(RollingWarcWriter.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

    /** Where one record landed: its file (final name), offset and compressed length. */
    public record Written(String fileName, long offset, long length) {}

    /**
     * Opens a new, empty file for writing. The archive's disk seam: tests substitute one whose channel fails
     * like a full or read-only file system.
     */
    @FunctionalInterface
    public interface FileOpener {
        FileOpener DISK = file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

        FileChannel openNew(Path file) throws IOException;
    }

    private final ArchiveLayout layout;
    private final String prefix;
    private final long maxSize;
    private final Clock clock;
    private final Consumer<String> onClosed;
    private final FileOpener opener;
    private int serial;
    private OpenWarcFile current;
    /** Files a failure left {@code .open}: finished by a later write, or left to recovery at shutdown. */
    private final List<OpenWarcFile> unfinished = new ArrayList<>();
    private final Object forceLock = new Object();

    /** @param onClosed told the final name of each WARC file once it is closed (to seal its CDXJ) */
    public RollingWarcWriter(ArchiveLayout layout, String prefix, long maxSize, Clock clock, Consumer<String> onClosed) {
        this(layout, prefix, maxSize, clock, onClosed, FileOpener.DISK);
    }

    public RollingWarcWriter(ArchiveLayout layout, String prefix, long maxSize, Clock clock, Consumer<String> onClosed, FileOpener opener) {
        this.layout = layout;
        this.prefix = prefix;
        this.maxSize = maxSize;
        this.clock = clock;
        this.onClosed = onClosed;
        this.opener = opener;
    }

    /** Appends the records of one capture, contiguously in one file; pair with {@link #awaitDurable}. */
    public synchronized List<Written> write(List<WarcRecord> records) throws IOException {
        finishUnfinished();
        if (current == null) current = openNext();
        List<Written> written;
        try {
            written = current.append(records);
        } catch (IOException | RuntimeException e) {
            if (!current.writable()) { // not cut back: the file keeps its torn tail until it can be finished
                unfinished.add(current);
                current = null;
            }
            throw e;
        }
        if (current.end() >= maxSize) rotate();
        return written;
    }

    /** Returns once {@code last} (and everything written before it) is on disk. */
    public void awaitDurable(Written last) throws IOException {
        long end = last.offset() + last.length();
        synchronized (forceLock) { // whoever waits here may find that the previous force already covered it
            OpenWarcFile file;
            long target;
            synchronized (this) {
                file = find(last.fileName());
                if (file == null) {
                    requireDurable(last.fileName(), end);
                    return;
                }
                if (file.durable() >= end) return;
                target = file.end();
            }
            try {
                file.force(); // outside the writer's lock: others keep appending meanwhile
            } catch (ClosedChannelException e) {
                synchronized (this) {
                    requireDurable(last.fileName(), end); // closed meanwhile: finishing forces the file first
                }
                return;
            }
            synchronized (this) {
                file.markDurable(target);
            }
        }
    }

    /** The name of the file being written, or null when none is open. */
    public synchronized String currentFile() {
        return current == null ? null : current.name();
    }

    /** Finishes the current file and any left unfinished; what cannot be finished stays {@code .open} for recovery. */
    @Override
    public synchronized void close() throws IOException {
        IOException failure = null;
        if (current != null) {
            try {
                finishCurrent();
            } catch (IOException e) {
                failure = e;
            }
        }
        finishUnfinished();
        for (OpenWarcFile file : unfinished) {
            IOException left = new IOException(file.name() + " is left unfinished (.open): recovery cuts it back at the next start");
            try {
                file.abandon();
            } catch (IOException e) {
                left.addSuppressed(e);
            }
            if (failure == null) failure = left;
            else failure.addSuppressed(left);
        }
        unfinished.clear();
        if (failure != null) throw failure;
    }

    private OpenWarcFile find(String fileName) {
        if (current != null && current.name().equals(fileName)) return current;
        for (OpenWarcFile file : unfinished) {
            if (file.name().equals(fileName)) return file;
        }
        return null;
    }

    /**
     * For a file this call does not force: its records up to {@code end} are on disk if it was finished (a
     * file is forced before it is renamed) or forced that far before it was left unfinished.
     */
    private void requireDurable(String fileName, long end) throws IOException {
        OpenWarcFile file = find(fileName);
        if (file != null ? file.durable() >= end : Files.exists(layout.warc(fileName))) return;
        throw new IOException(fileName + " was left unfinished after a write failure: its records up to " + end + " are not known to be on disk");
    }

    /**
     * Finishes the current file at the size limit. If that fails the records just written still stand (they
     * are complete, and {@link #awaitDurable} forces them or says it cannot): the file waits as unfinished.
     */
    private void rotate() {
        String name = current.name();
        try {
            finishCurrent();
        } catch (IOException e) {
            log.warn("could not close {} at the size limit (tried again at the next write): {}", name, e.toString());
        }
    }

    private void finishCurrent() throws IOException {
        OpenWarcFile closing = current;
        current = null;
        try {
            closing.finish();
        } catch (IOException e) {
            unfinished.add(closing);
            throw e;
        }
        onClosed.accept(closing.name());
    }

    /** Tries again to finish the files a failure left {@code .open}; those that still fail wait for the next try. */
    private void finishUnfinished() {
        for (Iterator<OpenWarcFile> it = unfinished.iterator(); it.hasNext(); ) {
            OpenWarcFile file = it.next();
            try {
                file.finish();
            } catch (IOException e) {
                log.warn("{} is still unfinished after a write failure (tried again at the next write): {}", file.name(), e.toString());
                continue;
            }
            it.remove();
            onClosed.accept(file.name());
        }
    }

    private OpenWarcFile openNext() throws IOException {
        // Time, serial and pid make names unique across processes; the existence check covers a second
        // writer in the same process and millisecond.
        String name;
        Path openPath;
        do {
            name = prefix + "-" + NAME_TIME.format(clock.instant()) + "-" + String.format("%05d", ++serial) + "-"
                    + ProcessHandle.current().pid() + ".warc.gz";
            openPath = layout.warc(name + ArchiveLayout.OPEN_SUFFIX);
        } while (Files.exists(openPath) || Files.exists(layout.warc(name)));
        return OpenWarcFile.create(opener, openPath, layout.warc(name), name, warcinfo(name));
    }

    private Warcinfo warcinfo(String fileName) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("software", List.of("Tracemap/" + version() + " (jwarc)"));
        fields.put("format", List.of("WARC File Format 1.1"));
        fields.put("conformsTo", List.of("https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"));
        fields.put("hostname", List.of(hostname()));
        byte[] block = CaptureRecords.warcFields(fields);
        return new Warcinfo.Builder().version(MessageVersion.WARC_1_1).date(clock.instant().truncatedTo(ChronoUnit.MILLIS)).filename(fileName)
                .body(MediaType.WARC_FIELDS, block)
                .setHeader(CaptureRecords.BLOCK_DIGEST, Sha256.label(Sha256.of(block)))
                .build();
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
