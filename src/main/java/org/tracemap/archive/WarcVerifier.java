package org.tracemap.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcPayload;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/** Re-reads every record of every WARC file and re-computes its block and payload digests. */
public final class WarcVerifier {
    /** A record whose stored bytes no longer match its digest, or that cannot be read at all. */
    public record Problem(String file, long offset, String recordId, String message) {
        @Override
        public String toString() {
            return file + " @" + offset + (recordId == null ? "" : " " + recordId) + ": " + message;
        }
    }

    /** What a verification run found. */
    public record Report(int files, long records, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
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
        long count = 0;
        long offset = 0;
        try (WarcReader reader = new WarcReader(file)) {
            reader.calculateBlockDigest();
            while (true) {
                Optional<WarcRecord> next = reader.next();
                if (next.isEmpty()) break;
                WarcRecord record = next.get();
                offset = record.position();
                count++;
                String id = record.id().toString();
                if (record instanceof WarcResponse response && response.payloadDigest().isPresent()) {
                    checkPayload(name, offset, id, response, problems);
                }
                record.body().consume();
                Optional<WarcDigest> stored = record.blockDigest();
                Optional<WarcDigest> actual = record.calculatedBlockDigest();
                if (stored.isPresent() && actual.isPresent() && !stored.get().equals(actual.get())) {
                    problems.add(new Problem(name, offset, id, "block digest mismatch: record says " + stored.get() + ", bytes hash to " + actual.get()));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(name, offset, null, "unreadable after " + count + " records: " + e.getMessage()));
        }
        return count;
    }

    private static void checkPayload(String file, long offset, String id, WarcResponse response, List<Problem> problems) throws IOException {
        WarcDigest stored = response.payloadDigest().get();
        Optional<WarcPayload> payload = response.payload();
        if (payload.isEmpty()) return;
        MessageDigest md;
        try {
            md = stored.getDigester();
        } catch (NoSuchAlgorithmException e) {
            problems.add(new Problem(file, offset, id, "unknown payload digest algorithm " + stored.algorithm()));
            return;
        }
        try (InputStream in = payload.get().body().stream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) md.update(buffer, 0, n);
        }
        WarcDigest actual = new WarcDigest(stored.algorithm(), md.digest());
        if (!actual.equals(stored)) {
            problems.add(new Problem(file, offset, id, "payload digest mismatch: record says " + stored + ", payload hashes to " + actual));
        }
    }
}
