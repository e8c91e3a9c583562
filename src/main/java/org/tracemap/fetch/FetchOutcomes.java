package org.tracemap.fetch;

import org.tracemap.intake.CaptureQueue;

/**
 * Where a fetch's outcome goes next (called by the fetch route after every fetch): the capture's share of the
 * fetch workers is given back to the queue; a capture to be retried goes back to the queue, due at its retry
 * time, and nothing goes on (null); everything else goes on to the archive stage.
 */
public final class FetchOutcomes {
    private final CaptureQueue queue;

    public FetchOutcomes(CaptureQueue queue) {
        this.queue = queue;
    }

    public FetchedCapture settle(FetchedCapture fetched) {
        if (fetched.isRetrying()) {
            // A retry asked for while the pipeline stops was caused by the stop: the try is given back.
            queue.retryLater(fetched.request().captureId(), fetched.retryAt(), fetched.failure(), fetched.attempts(), queue.isStopping());
            return null;
        }
        queue.release(fetched.request().captureId());
        return fetched;
    }
}
