package org.tracemap.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcTruncationReason;
import org.tracemap.catalog.Snapshot;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.fetch.FetchedResponse;
import org.tracemap.fetch.Sha256;

/**
 * Builds the WARC records of one fetched response: {@code request}, then {@code response} (or a
 * {@code revisit} when the payload is identical to an earlier capture), then {@code metadata}, linked by
 * {@code WARC-Concurrent-To} and all dated when the capture began.
 */
final class CaptureRecords {
    // Set as plain fields: jwarc's digest setters re-encode to padded base32, which its own validator rejects.
    static final String BLOCK_DIGEST = "WARC-Block-Digest";
    private static final String PAYLOAD_DIGEST = "WARC-Payload-Digest";

    private CaptureRecords() {}

    /** Where the response (or revisit) is among a hop's records: request, response, metadata. */
    static final int RESPONSE_INDEX = 1;

    /** The records to write, and the id of the response or revisit record (the snapshot id). */
    record Built(List<WarcRecord> records, UUID snapshotId) {}

    /**
     * @param original the earlier snapshot with the same payload to point a revisit at, or null for a full response
     */
    static Built build(FetchedCapture capture, int hop, FetchedResponse r, Snapshot original) throws IOException {
        Instant date = capture.startedAt();
        URI target = r.url().uri();
        UUID responseId = UUID.randomUUID();
        URI responseUrn = urn(responseId);
        List<WarcRecord> records = new ArrayList<>(3);

        records.add(new WarcRequest.Builder(target).version(MessageVersion.WARC_1_1).date(date)
                .body(MediaType.HTTP_REQUEST, r.requestHead())
                .setHeader(BLOCK_DIGEST, Sha256.label(Sha256.of(r.requestHead())))
                .concurrentTo(responseUrn)
                .build());

        if (original == null) {
            InputStream block = new SequenceInputStream(new java.io.ByteArrayInputStream(r.responseHead()), Files.newInputStream(r.body()));
            WarcResponse.Builder response = new WarcResponse.Builder(target).version(MessageVersion.WARC_1_1)
                    .recordId(responseId).date(date)
                    .body(MediaType.HTTP_RESPONSE, Channels.newChannel(block), r.responseHead().length + r.bodyLength())
                    .setHeader(BLOCK_DIGEST, Sha256.label(r.blockDigest()))
                    .setHeader(PAYLOAD_DIGEST, Sha256.label(r.payloadDigest()));
            if (r.remoteAddress() != null) response.ipAddress(r.remoteAddress());
            if (r.truncated() != null) response.truncated(WarcTruncationReason.valueOf(r.truncated().toUpperCase()));
            records.add(response.build());
        } else {
            // Identical payload: keep the headers of this answer, point at the original for the body.
            WarcRevisit.Builder revisit = new WarcRevisit.Builder(target, WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1)
                    .version(MessageVersion.WARC_1_1).recordId(responseId).date(date)
                    .refersTo(UUID.fromString(original.id()), URI.create(original.url()), original.capturedAt())
                    .body(MediaType.HTTP_RESPONSE, r.responseHead())
                    .setHeader(BLOCK_DIGEST, Sha256.label(Sha256.of(r.responseHead())))
                    .setHeader(PAYLOAD_DIGEST, Sha256.label(r.payloadDigest()));
            if (r.remoteAddress() != null) revisit.ipAddress(r.remoteAddress());
            records.add(revisit.build());
        }

        byte[] fields = warcFields(metadataFields(capture, hop, r));
        records.add(new WarcMetadata.Builder().version(MessageVersion.WARC_1_1).date(date).targetURI(target)
                .concurrentTo(responseUrn)
                .body(MediaType.WARC_FIELDS, fields)
                .setHeader(BLOCK_DIGEST, Sha256.label(Sha256.of(fields)))
                .build());
        return new Built(records, responseId);
    }

    /** Metadata field: how many hops the capture has. The records of one capture are contiguous, so the metadata
     * of hop {@code hops - 1} ends the capture: recovery cuts an unfinished WARC back to such a boundary. */
    static final String HOPS = "hops";
    /** Metadata field, on the last hop of a capture that ended without its page: why. */
    static final String FETCH_FAILURE = "fetch-failure";
    static final String CAPTURE_ID = "capture-id";
    static final String HOP = "hop";

    private static Map<String, List<String>> metadataFields(FetchedCapture capture, int hop, FetchedResponse r) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put(CAPTURE_ID, List.of(capture.request().captureId()));
        fields.put("requested-by", List.of(capture.request().requestedBy()));
        List<String> tags = new ArrayList<>();
        capture.request().tags().forEach((k, v) -> tags.add(oneLine(k + "=" + v))); // a line break would start a forged field
        if (!tags.isEmpty()) fields.put("tag", tags);
        fields.put(HOP, List.of(Integer.toString(hop)));
        int hops = capture.responses().size();
        fields.put(HOPS, List.of(Integer.toString(hops)));
        if (hop == hops - 1 && capture.failed()) fields.put(FETCH_FAILURE, List.of(oneLine(capture.failure())));
        if (hop > 0) fields.put("via", List.of(capture.responses().get(hop - 1).url().url()));
        fields.put("fetch-time-ms", List.of(Long.toString(r.elapsed().toMillis())));
        fields.put("attempts", List.of(Integer.toString(r.attempts())));
        if (r.remoteAddress() != null) fields.put("remote-ip", List.of(r.remoteAddress().getHostAddress()));
        if (r.truncated() != null) fields.put("truncated", List.of(r.truncated()));
        return fields;
    }

    /** WARC-Fields values are one line: a reason with line breaks (a quoted origin message) is folded to spaces. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    /**
     * The {@code application/warc-fields} block for these fields ("name: value" lines, as jwarc's builders
     * write them), serialised here so that its block digest can be set: every record gets one, or
     * {@code verify} could not tell a changed metadata record from an intact one.
     */
    static byte[] warcFields(Map<String, List<String>> fields) {
        StringBuilder block = new StringBuilder();
        fields.forEach((name, values) -> values.forEach(v -> block.append(name).append(": ").append(v).append("\r\n")));
        return block.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static URI urn(UUID id) {
        return URI.create("urn:uuid:" + id);
    }

}
