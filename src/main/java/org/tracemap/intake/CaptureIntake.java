package org.tracemap.intake;

import java.util.Map;
import java.util.UUID;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStore;

/**
 * The intake stage: validates and normalises a submitted URL, applies the SSRF guard to literal hosts,
 * hands back a capture of the same URL that is already waiting, and otherwise persists a QUEUED capture.
 */
public final class CaptureIntake {
    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_LENGTH = 200;
    private static final int MAX_NOTE_LENGTH = 10_000;

    private final UrlNormalizer normalizer;
    private final AddressGuard guard;
    private final CaptureStore captures;

    public CaptureIntake(UrlNormalizer normalizer, AddressGuard guard, CaptureStore captures) {
        this.normalizer = normalizer;
        this.guard = guard;
        this.captures = captures;
    }

    /** Queues the submission, or returns the pending capture of the same URL; throws {@link InvalidInputException}. */
    public Capture submit(CaptureSubmission submission) {
        NormalizedUrl url = normalizer.normalize(submission.url());
        guard.checkLiteralHost(url.host());
        validateTags(submission.tags());
        if (submission.note() != null && submission.note().length() > MAX_NOTE_LENGTH) {
            throw new InvalidInputException("note", "note is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        return captures.findPending(url.surt(), url.url()).orElseGet(() -> captures.insert(
                UUID.randomUUID().toString(), url.url(), url.surt(), submission.tags(), submission.note(),
                submission.requestedBy()));
    }

    private static void validateTags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) throw new InvalidInputException("tags", "at most " + MAX_TAGS + " tags are allowed");
        tags.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("tags", "tag names must be 1 to " + MAX_TAG_LENGTH + " characters");
            }
            if (v == null || v.length() > MAX_TAG_LENGTH) {
                throw new InvalidInputException("tags", "tag " + k + " must have a value of at most " + MAX_TAG_LENGTH + " characters");
            }
        });
    }
}
