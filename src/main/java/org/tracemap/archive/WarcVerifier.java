package org.tracemap.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Re-reads every record of every WARC file: checks each gzip member, parses each record and re-computes its
 * digests ({@link RecordCheck}). A problem names the file and the offset of the damaged record itself, and
 * verification goes on after it: past a damaged gzip member it resumes at the next intact one (Tracemap
 * writes one member per record), in an uncompressed file at the next line that starts a WARC record.
 *
 * <p>Errors are damage: a digest mismatch, a record or member that cannot be read, a finished file that
 * ends in a torn record. Warnings are what cannot be checked but is not damage: a record without a block
 * digest (imported, or written by an older Tracemap), and the unfinished tail of a file still {@code .open}
 * (being written, or left by a crash or a write failure: recovery cuts it at the next start).
 */
public final class WarcVerifier {
    public enum Severity { ERROR, WARNING }

    /** Something wrong with the record or member at {@code offset} of {@code file}. */
    public record Problem(String file, long offset, String recordId, Severity severity, String message) {
        static Problem error(String file, long offset, String recordId, String message) {
            return new Problem(file, offset, recordId, Severity.ERROR, message);
        }

        static Problem warning(String file, long offset, String recordId, String message) {
            return new Problem(file, offset, recordId, Severity.WARNING, message);
        }

        @Override
        public String toString() {
            return file + " @" + offset + (recordId == null ? "" : " " + recordId) + ": " + message;
        }
    }

    /** What a verification run found: {@code ok} when there is no error (warnings may remain). */
    public record Report(int files, long records, List<Problem> problems) {
        public boolean ok() {
            return errors().isEmpty();
        }

        public List<Problem> errors() {
            return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
        }

        public List<Problem> warnings() {
            return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
        }
    }

    private final ArchiveLayout layout;

    public WarcVerifier(ArchiveLayout layout) {
        this.layout = layout;
    }

    /** @param progress told the name of each file as verification starts on it */
    public Report verifyAll(Consumer<String> progress) throws IOException {
        List<Path> files = new ArrayList<>(layout.finishedWarcs());
        files.addAll(layout.openWarcs());
        long records = 0;
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            progress.accept(file.getFileName().toString());
            records += verify(file, problems);
        }
        return new Report(files.size(), records, problems);
    }

    /** Verifies one file, adding what it finds to {@code problems}; returns how many records it read. */
    public long verify(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return GzipMembers.looksCompressed(channel)
                    ? verifyMembers(name, channel, name.endsWith(ArchiveLayout.OPEN_SUFFIX), problems)
                    : verifyUncompressed(name, channel, problems);
        } catch (IOException e) {
            problems.add(Problem.error(name, 0, null, "cannot read the file: " + RecordCheck.describe(e)));
            return 0;
        }
    }

    private long verifyMembers(String name, FileChannel channel, boolean open, List<Problem> problems) throws IOException {
        long size = channel.size();
        long records = 0;
        for (long at = 0; at < size; ) {
            GzipMembers.Span span = GzipMembers.span(channel, at);
            if (span.intact()) {
                records += verifyMember(name, channel, span, problems);
            } else if (span.end() < size) {
                problems.add(Problem.error(name, at, null, "corrupt gzip member (" + span.defect() + "): skipped "
                        + (span.end() - at) + " bytes to the next intact member"));
            } else if (open) {
                problems.add(Problem.warning(name, at, null, "unfinished tail of " + (size - at) + " bytes (" + span.defect()
                        + "): the file is being written, or recovery cuts it at the next start"));
            } else {
                problems.add(Problem.error(name, at, null, "the file ends in a torn or corrupt record of " + (size - at)
                        + " bytes (" + span.defect() + ")"));
            }
            at = span.end();
        }
        return records;
    }

    /** Reads the records of one intact member (one, as Tracemap writes them), bounded so none reads on into the next. */
    private static long verifyMember(String name, FileChannel channel, GzipMembers.Span span, List<Problem> problems) {
        long records = 0;
        try (WarcReader reader = new WarcReader(new Slice(channel, span.start(), span.end()))) {
            reader.calculateBlockDigest();
            reader.onWarning(w -> problems.add(Problem.warning(name, span.start(), null, w)));
            for (Optional<WarcRecord> r = reader.next(); r.isPresent(); r = reader.next()) {
                records++;
                RecordCheck.check(r.get(), name, span.start(), problems);
            }
            if (records == 0) problems.add(Problem.error(name, span.start(), null, "the gzip member holds no WARC record"));
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error(name, span.start(), null, "unreadable record: " + RecordCheck.describe(e)));
        }
        return records;
    }

    /** An uncompressed WARC (imported): read record by record; after an unreadable one, resume at the next record start. */
    private static long verifyUncompressed(String name, FileChannel channel, List<Problem> problems) throws IOException {
        long size = channel.size();
        long records = 0;
        long at = 0;
        while (at >= 0 && at < size) {
            long from = at;
            try (WarcReader reader = new WarcReader(new Slice(channel, from, size))) {
                reader.calculateBlockDigest();
                reader.onWarning(w -> problems.add(Problem.warning(name, from + reader.position(), null, w)));
                at = -1;
                while (true) {
                    Optional<WarcRecord> r;
                    try {
                        r = reader.next();
                    } catch (IOException | RuntimeException e) {
                        // The reader has moved to the start of the record it failed on.
                        long failed = from + reader.position();
                        problems.add(Problem.error(name, failed, null, "unreadable record: " + RecordCheck.describe(e)));
                        at = nextRecordStart(channel, failed + 1);
                        break;
                    }
                    if (r.isEmpty()) break;
                    records++;
                    RecordCheck.check(r.get(), name, from + r.get().position(), problems);
                }
            }
        }
        return records;
    }

    /** The offset of the next line at or after {@code from} that starts a WARC record ("WARC/1."), or -1. */
    private static long nextRecordStart(FileChannel channel, long from) throws IOException {
        byte[] marker = "\nWARC/1.".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long size = channel.size();
        for (long base = from - 1; base < size; base += buffer.capacity() - marker.length) {
            buffer.clear();
            int n = channel.read(buffer, base);
            if (n < marker.length) return -1;
            byte[] b = buffer.array();
            search:
            for (int i = 0; i + marker.length <= n; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (b[i + j] != marker[j]) continue search;
                }
                return base + i + 1;
            }
        }
        return -1;
    }

    /** Bytes {@code [start, end)} of a file; closing it leaves the file open. */
    private static final class Slice implements ReadableByteChannel {
        private final FileChannel channel;
        private final long end;
        private long position;

        Slice(FileChannel channel, long start, long end) {
            this.channel = channel;
            this.position = start;
            this.end = end;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (position >= end) return -1;
            ByteBuffer window = dst.slice();
            window.limit((int) Math.min(window.remaining(), end - position));
            int n = channel.read(window, position);
            if (n > 0) {
                position += n;
                dst.position(dst.position() + n);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            // the file channel belongs to the verifier
        }
    }
}
