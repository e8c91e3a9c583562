package org.tracemap.intake;

import java.util.ArrayList;
import java.util.List;
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
        return captures.insertAll(List.of(validate(submission))).get(0);
    }

    /** The outcome of one submission in a batch: the capture, or why it was refused. */
    public record Outcome(CaptureSubmission submission, Capture capture, InvalidInputException rejection) {}

    /** Queues many submissions in one transaction (pasted lists, files); bad ones are refused one by one. */
    public List<Outcome> submitAll(List<CaptureSubmission> submissions) {
        List<Outcome> outcomes = new ArrayList<>(submissions.size());
        List<CaptureStore.NewCapture> valid = new ArrayList<>();
        for (CaptureSubmission s : submissions) {
            try {
                valid.add(validate(s));
                outcomes.add(null); // filled in below, in order
            } catch (InvalidInputException e) {
                outcomes.add(new Outcome(s, null, e));
            }
        }
        List<Capture> stored = captures.insertAll(valid);
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) outcomes.set(i, new Outcome(submissions.get(i), stored.get(next++), null));
        }
        return outcomes;
    }

    /**
     * The URL as intake would queue it: normalised and past the SSRF guard's intake check; throws
     * {@link InvalidInputException} otherwise. For callers that must refuse a URL before doing anything
     * else with it (a crawl checks this before fetching the host's robots.txt).
     */
    public NormalizedUrl check(String rawUrl) {
        NormalizedUrl url = normalizer.normalize(rawUrl);
        guard.checkLiteralHost(url.host());
        return url;
    }

    private CaptureStore.NewCapture validate(CaptureSubmission submission) {
        NormalizedUrl url = check(submission.url());
        validateTags(submission.tags());
        if (submission.note() != null && submission.note().length() > MAX_NOTE_LENGTH) {
            throw new InvalidInputException("note", "note is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        return new CaptureStore.NewCapture(UUID.randomUUID().toString(), url.url(), url.surt(), submission.tags(),
                submission.note(), submission.requestedBy());
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
