package org.tracemap.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.tracemap.intake.CaptureRequest;

/**
 * What the fetch stage hands on: every response of the redirect chain, in order, and how the attempt ended.
 * <ul>
 *   <li>complete: {@code failure} is null; the last response is the page (with a {@code notice} when its body
 *       was cut short by a limit);</li>
 *   <li>failed for good: {@code failure} says why (a redirect loop, too many redirects, a limit, a request that
 *       kept failing); responses fetched before the failure are still archived;</li>
 *   <li>to be retried: {@code retryAt} says when, {@code failure} why; it goes back to the queue, not to the archive.</li>
 * </ul>
 *
 * @param startedAt the moment the capture began: the WARC-Date of every record it produces
 * @param attempts  HTTP requests made in this attempt (one per redirect hop)
 * @param notice    what the user should know about a complete capture (a truncated body and why), or null
 */
public record FetchedCapture(CaptureRequest request, Instant startedAt, List<FetchedResponse> responses, String failure,
                             int attempts, Instant retryAt, String notice) {

    public FetchedCapture(CaptureRequest request, Instant startedAt, List<FetchedResponse> responses, String failure, int attempts) {
        this(request, startedAt, responses, failure, attempts, null, null);
    }

    /** True when the capture ended for good without its page (a retry is not a failure yet). */
    public boolean failed() {
        return failure != null && retryAt == null;
    }

    /** True when the capture goes back to the queue, to be fetched again at {@link #retryAt}. */
    public boolean isRetrying() {
        return retryAt != null;
    }

    /** Deletes the spooled bodies once they are archived (or the capture is abandoned). */
    public void discardBodies() throws IOException {
        for (FetchedResponse r : responses) Files.deleteIfExists(r.body());
    }
}
