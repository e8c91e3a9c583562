package org.tracemap.intake;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.tracemap.catalog.CaptureStore;

/**
 * The durable capture queue, which is the catalogue itself: QUEUED captures are claimed in batches no
 * larger than the room left downstream, so the in-memory hand-over between stages stays short and a crash
 * loses nothing (claimed work is FETCHING in the catalogue and is requeued on start).
 */
public final class CaptureQueue {
    private final CaptureStore captures;
    private final int capacity;
    private final AtomicInteger inFlight = new AtomicInteger();

    public CaptureQueue(CaptureStore captures, int capacity) {
        this.captures = captures;
        this.capacity = capacity;
    }

    /** Claims as many QUEUED captures as there is room for downstream. */
    public List<CaptureRequest> claimBatch() {
        int room = capacity - inFlight.get();
        if (room <= 0) return List.of();
        List<CaptureRequest> batch = captures.claimQueued(room).stream().map(CaptureRequest::of).toList();
        inFlight.addAndGet(batch.size());
        return batch;
    }

    /** Called once a claimed capture has settled (archived or failed), to make room for the next. */
    public void release() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
