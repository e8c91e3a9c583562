package org.tracemap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.intake.CaptureQueue;
import org.tracemap.intake.CaptureRequest;

/**
 * Records an exception that a stage did not turn into data: the capture in hand is marked FAILED with the
 * route (stage) and the cause, and its place in the queue is released. Called from the routes' shared
 * error handler ({@code routes/00-failures.camel.yaml}).
 */
public final class StageFailures {
    private static final Logger log = LoggerFactory.getLogger(StageFailures.class);

    private final CaptureStore captures;
    private final CaptureQueue queue;

    public StageFailures(CaptureStore captures, CaptureQueue queue) {
        this.captures = captures;
        this.queue = queue;
    }

    public void record(Object body, Exception cause, String stage) {
        String captureId = captureIdOf(body);
        log.error("stage {} failed on capture {}", stage, captureId, cause);
        if (captureId == null) return;
        String message = stage + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        try {
            captures.transition(captureId, CaptureStatus.FAILED, null, message, 0);
        } finally {
            if (body instanceof FetchedCapture fetched) {
                try {
                    fetched.discardBodies();
                } catch (java.io.IOException e) {
                    log.warn("could not delete spooled bodies of {}: {}", captureId, e.getMessage());
                }
            }
            // A claimed capture holds its share until its fetch ends (releasing twice is harmless).
            if (captureId != null && (body instanceof CaptureRequest || body instanceof FetchedCapture)) queue.release(captureId);
        }
    }

    private static String captureIdOf(Object body) {
        if (body instanceof CaptureRequest r) return r.captureId();
        if (body instanceof FetchedCapture f) return f.request().captureId();
        if (body instanceof org.tracemap.catalog.Snapshot s) return s.captureId();
        return null;
    }
}
