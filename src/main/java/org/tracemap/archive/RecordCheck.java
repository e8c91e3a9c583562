package org.tracemap.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcPayload;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;
import org.tracemap.archive.WarcVerifier.Problem;

/**
 * Checks one WARC record read with block digests on ({@code WarcReader.calculateBlockDigest()}): parses its
 * content the way replay and reindexing will (the HTTP head of request, response and revisit records, the
 * warc-fields of warcinfo and metadata records), re-computes the payload digest of a response and the block
 * digest of every record, and adds what is wrong to the problems.
 *
 * <p>A record without {@code WARC-Block-Digest} (Tracemap writes one on every record; other tools and older
 * Tracemap versions may not) cannot be verified: that is a warning, not an error.
 */
final class RecordCheck {
    private static final String HTTP = "http";
    private static final String WARC_FIELDS = "warc-fields";

    private RecordCheck() {}

    static void check(WarcRecord record, String file, long offset, List<Problem> problems) {
        String id = record.headers().first("WARC-Record-ID").orElse(null);
        try {
            parseContent(record);
            if (record instanceof WarcResponse response && response.payloadDigest().isPresent() && is(record, HTTP)) {
                checkPayload(file, offset, id, response, problems);
            }
            record.body().consume();
            checkBlock(file, offset, id, record, problems);
        } catch (IOException | RuntimeException e) {
            problems.add(Problem.error(file, offset, id, "unreadable " + record.type() + " record: " + describe(e)));
        }
    }

    static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Parses what the record holds, so that a block that hashes right but cannot be read is still found. */
    private static void parseContent(WarcRecord record) throws IOException {
        if (is(record, HTTP) && record.body().size() > 0) {
            if (record instanceof WarcRequest request) request.http();
            else if (record instanceof WarcResponse response) response.http();
            else if (record instanceof WarcRevisit revisit) revisit.http();
        } else if (is(record, WARC_FIELDS)) {
            if (record instanceof Warcinfo info) info.fields();
            else if (record instanceof WarcMetadata metadata) metadata.fields();
        }
    }

    /** Whether the record's Content-Type is {@code application/SUBTYPE}, parameters aside. */
    private static boolean is(WarcRecord record, String subtype) {
        MediaType contentType = record.contentType();
        return "application".equalsIgnoreCase(contentType.type()) && subtype.equalsIgnoreCase(contentType.subtype());
    }

    private static void checkBlock(String file, long offset, String id, WarcRecord record, List<Problem> problems) throws IOException {
        Optional<WarcDigest> stored = record.blockDigest();
        if (stored.isEmpty()) {
            problems.add(Problem.warning(file, offset, id, "no WARC-Block-Digest: the " + record.type() + " record cannot be verified"));
            return;
        }
        Optional<WarcDigest> actual = record.calculatedBlockDigest();
        if (actual.isEmpty()) {
            problems.add(Problem.warning(file, offset, id, "block digest algorithm " + stored.get().algorithm() + " is not supported: the record cannot be verified"));
        } else if (!stored.get().equals(actual.get())) {
            problems.add(Problem.error(file, offset, id, "block digest mismatch: record says " + stored.get() + ", bytes hash to " + actual.get()));
        }
    }

    private static void checkPayload(String file, long offset, String id, WarcResponse response, List<Problem> problems) throws IOException {
        WarcDigest stored = response.payloadDigest().get();
        Optional<WarcPayload> payload = response.payload();
        if (payload.isEmpty()) return;
        MessageDigest md;
        try {
            md = stored.getDigester();
        } catch (NoSuchAlgorithmException e) {
            problems.add(Problem.warning(file, offset, id, "payload digest algorithm " + stored.algorithm() + " is not supported: the payload cannot be verified"));
            return;
        }
        try (InputStream in = payload.get().body().stream()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) md.update(buffer, 0, n);
        }
        WarcDigest actual = new WarcDigest(stored.algorithm(), md.digest());
        if (!actual.equals(stored)) {
            problems.add(Problem.error(file, offset, id, "payload digest mismatch: record says " + stored + ", payload hashes to " + actual));
        }
    }
}
