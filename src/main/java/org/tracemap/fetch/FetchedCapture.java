package org.tracemap.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.tracemap.intake.CaptureRequest;

/**
 * What the fetch stage hands to the archive stage: every response of the redirect chain, in order, and
 * the reason the chain ended early (a redirect loop, too many redirects, a request that kept failing), if
 * it did. Responses fetched before a failure are still archived.
 *
 * @param startedAt the moment the capture began: the WARC-Date of every record it produces
 */
public record FetchedCapture(CaptureRequest request, Instant startedAt, List<FetchedResponse> responses, String failure, int attempts) {

    public boolean failed() {
        return failure != null;
    }

    /** Deletes the spooled bodies once they are archived (or the capture is abandoned). */
    public void discardBodies() throws IOException {
        for (FetchedResponse r : responses) Files.deleteIfExists(r.body());
    }
}
