package org.tracemap.intake;

import java.util.Map;
import org.tracemap.catalog.Capture;

/** A claimed capture on its way to the fetch stage: the message body between intake and fetch. */
public record CaptureRequest(String captureId, NormalizedUrl url, Map<String, String> tags, String requestedBy, int attempt) {
    public static CaptureRequest of(Capture capture) {
        return new CaptureRequest(capture.id(), new NormalizedUrl(capture.url(), capture.surt()), capture.tags(),
                capture.requestedBy(), capture.attempts());
    }
}
