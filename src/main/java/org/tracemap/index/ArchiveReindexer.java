package org.tracemap.index;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTargetRecord;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.CdxjIndex;
import org.tracemap.archive.ContentCoding;
import org.tracemap.archive.WarcArchiver;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractedText;
import org.tracemap.extract.ExtractionException;

/**
 * Rebuilds everything derived from the WARC files — the CDXJ, the extractions and the search index — from
 * the WARC files alone. Snapshot ids are WARC-Record-IDs and capture ids come from Tracemap's metadata
 * records, so the rebuilt documents are the ones the pipeline made; a revisit gets the text of the payload
 * it stands for (extracted once per digest).
 */
public final class ArchiveReindexer {
    /** What a rebuild did. */
    public record Report(int warcFiles, int indexed, int failed) {}

    private final ArchiveLayout layout;
    private final CdxjIndex cdxj;
    private final LuceneIndex index;
    private final DocumentExtractor extractor;
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final CaptureStore captures;
    private final int maxBytes;

    /** @param maxBytes documents larger than this once decoded are not extracted, as in the pipeline ({@code tracemap.extract.max-bytes}) */
    public ArchiveReindexer(ArchiveLayout layout, CdxjIndex cdxj, LuceneIndex index, DocumentExtractor extractor,
                            SnapshotStore snapshots, ExtractionStore extractions, CaptureStore captures, long maxBytes) {
        this.layout = layout;
        this.cdxj = cdxj;
        this.index = index;
        this.extractor = extractor;
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.captures = captures;
        this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
    }

    /** @param progress told each WARC file's name as its turn comes */
    public Report rebuild(Consumer<String> progress) throws IOException {
        index.clear();
        List<Path> warcs = layout.finishedWarcs();
        Map<String, ExtractedText> byDigest = new HashMap<>();
        int indexed = 0, failed = 0;
        for (Path warc : warcs) {
            progress.accept(warc.getFileName().toString());
            cdxj.rebuild(warc);
            Map<URI, String> captureIds = captureIds(warc);
            try (WarcReader reader = new WarcReader(warc)) {
                for (WarcRecord record : reader) {
                    if (!(record instanceof WarcResponse) && !(record instanceof WarcRevisit)) continue;
                    WarcTargetRecord capture = (WarcTargetRecord) record;
                    HttpResponse http = record instanceof WarcResponse r ? r.http() : ((WarcRevisit) record).http();
                    boolean success = http.status() >= 200 && http.status() < 300;
                    Optional<ExtractedText> text = success ? text(capture, http, byDigest) : Optional.empty();
                    if (text.isEmpty()) {
                        if (success && record instanceof WarcResponse) failed++;
                        continue;
                    }
                    String snapshotId = uuid(record.id());
                    String captureId = captureIds.getOrDefault(record.id(), "");
                    ExtractedText t = text.get();
                    index.index(new IndexedDocument(snapshotId, captureId, capture.target(), capture.targetURI().getHost(), t.title(),
                            t.text(), t.lang(), record.date(), WarcArchiver.TIMESTAMP.format(record.date()), t.published(),
                            http.headers().first("Content-Type").orElse(null)));
                    if (!captureId.isEmpty() && snapshots.find(snapshotId).isPresent()) {
                        extractions.save(new ExtractionStore.Extraction(snapshotId, captureId, t.title(), t.published(), t.lang(), t.text(),
                                t.outlinks(), t.truncated(), null), captures, captures.find(captureId).map(c -> c.status()).orElse(CaptureStatus.INDEXED), null);
                    }
                    indexed++;
                }
            }
        }
        index.commit();
        return new Report(warcs.size(), indexed, failed);
    }

    /** The text of a 2xx response (or of the payload a revisit stands for), extracted once per payload digest. */
    private Optional<ExtractedText> text(WarcTargetRecord record, HttpResponse http, Map<String, ExtractedText> byDigest) throws IOException {
        String digest = record.headers().first("WARC-Payload-Digest").orElse(null);
        if (digest != null && byDigest.containsKey(digest)) return Optional.of(byDigest.get(digest));
        if (record instanceof WarcRevisit) return Optional.empty(); // its original comes first in archive order
        byte[] body;
        try {
            // Bounded after decoding, like the extract stage: a gzip bomb costs max-bytes, not the gigabyte it inflates to.
            body = ContentCoding.readDecoded(http.body().stream(), http.headers().first("Content-Encoding").orElse(null), maxBytes + 1);
        } catch (IOException e) {
            return Optional.empty(); // an undecodable or corrupt payload is one document not indexed, not a failed rebuild
        }
        if (body.length > maxBytes) return Optional.empty(); // "not extracted: larger than max-bytes", as the pipeline said
        try {
            ExtractedText t = extractor.extract(body, http.headers().first("Content-Type").orElse(null), record.target());
            if (digest != null) byDigest.put(digest, t);
            return Optional.of(t);
        } catch (ExtractionException e) {
            return Optional.empty();
        }
    }

    /** Tracemap's metadata records name the capture of the response they are concurrent to. */
    private static Map<URI, String> captureIds(Path warc) throws IOException {
        Map<URI, String> ids = new HashMap<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord record : reader) {
                // Other tools write metadata in other forms (wget: its log); only warc-fields can name a capture.
                if (record instanceof WarcMetadata m && m.contentType().base().equals(org.netpreserve.jwarc.MediaType.WARC_FIELDS)) {
                    try {
                        Optional<String> capture = m.fields().first("capture-id");
                        if (capture.isPresent()) for (URI to : m.concurrentTo()) ids.put(to, capture.get());
                    } catch (org.netpreserve.jwarc.ParsingException e) {
                        // malformed fields name no capture; the response is still indexed
                    }
                }
            }
        }
        return ids;
    }

    private static String uuid(URI id) {
        String s = id.toString();
        return s.startsWith("urn:uuid:") ? s.substring(9) : s;
    }
}
