package org.tracemap.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStore;

/**
 * The durable capture queue, which is the catalogue itself: due QUEUED captures are claimed in batches no
 * larger than the room left in the fetch stage, so the in-memory hand-over stays short and a crash loses
 * nothing (claimed work is FETCHING in the catalogue and is requeued on start).
 *
 * <p>Claims keep to each source's share of the fetch workers: one server ({@link NormalizedUrl#hostKey}) has
 * at most {@code perHost} fetches in flight and one start per {@code hostGap}; public submissions at most
 * {@code publicSlots}. A capture over its share stays QUEUED and is not claimed, so it never holds a worker
 * while it waits — a slow origin, or a flood of submissions, cannot stop every other capture.
 */
public final class CaptureQueue {
    /** Servers named in one claim query at most; past that, the shares are applied capture by capture only. */
    private static final int MAX_SKIPPED_HOSTS = 200;

    private final CaptureStore captures;
    private final int capacity;
    private final int perHost;
    private final Duration hostGap;
    private final int publicSlots;
    private final Clock clock;
    /** Claimed captures until their fetch ends, by capture id. Guarded by {@code this}. */
    private final Map<String, Claim> inFlight = new HashMap<>();
    /** Servers with a fetch in flight or a start within the gap. Guarded by {@code this}. */
    private final Map<String, Host> hosts = new HashMap<>();
    private int publicInFlight;

    private record Claim(String hostKey, boolean isPublic) {}

    private static final class Host {
        int inFlight;
        Instant nextStart = Instant.EPOCH;
    }

    public CaptureQueue(CaptureStore captures, int capacity, int perHost, Duration hostGap, int publicSlots, Clock clock) {
        this.captures = captures;
        this.capacity = capacity;
        this.perHost = Math.max(1, perHost);
        this.hostGap = hostGap;
        this.publicSlots = Math.max(1, publicSlots);
        this.clock = clock;
    }

    /** Claims as many due captures as there is room for, within each server's and source's share. */
    public synchronized List<CaptureRequest> claimBatch() {
        int room = capacity - inFlight.size();
        if (room <= 0) return List.of();
        Instant now = clock.instant();
        List<String> skip = new ArrayList<>();
        for (Iterator<Map.Entry<String, Host>> it = hosts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Host> e = it.next();
            Host h = e.getValue();
            boolean waiting = h.nextStart.isAfter(now);
            if (h.inFlight == 0 && !waiting) it.remove();
            else if ((h.inFlight >= perHost || waiting) && skip.size() < MAX_SKIPPED_HOSTS) skip.add(e.getKey());
        }
        // Shares taken by this batch so far; applied to the maps only once the claim has committed.
        Map<String, Integer> batchPerHost = new HashMap<>();
        int[] batchPublic = {0};
        List<Capture> claimed = captures.claimDue(room, skip, publicInFlight >= publicSlots, c -> {
            String host = NormalizedUrl.hostKeyOf(c.surt());
            boolean isPublic = c.requestedBy().startsWith(CaptureRequest.PUBLIC_PREFIX);
            Host h = hosts.get(host);
            int taken = batchPerHost.getOrDefault(host, 0);
            if (taken > 0 && !hostGap.isZero()) return false; // one start per gap
            if ((h == null ? 0 : h.inFlight) + taken >= perHost || (h != null && h.nextStart.isAfter(now))) return false;
            if (isPublic && publicInFlight + batchPublic[0] >= publicSlots) return false;
            batchPerHost.merge(host, 1, Integer::sum);
            if (isPublic) batchPublic[0]++;
            return true;
        });
        List<CaptureRequest> batch = new ArrayList<>(claimed.size());
        for (Capture c : claimed) {
            CaptureRequest request = CaptureRequest.of(c);
            String host = request.url().hostKey();
            Host h = hosts.computeIfAbsent(host, k -> new Host());
            h.inFlight++;
            h.nextStart = now.plus(hostGap);
            if (request.isPublicSubmission()) publicInFlight++;
            inFlight.put(c.id(), new Claim(host, request.isPublicSubmission()));
            batch.add(request);
        }
        return batch;
    }

    /**
     * Gives back the capture's share and puts it back in the queue, due at {@code retryAt}.
     *
     * @param refundTry true when the try failed on our side, so it does not count against the capture
     */
    public void retryLater(String captureId, Instant retryAt, String reason, int attempts, boolean refundTry) {
        release(captureId);
        captures.retryLater(captureId, retryAt, reason, attempts, refundTry);
    }

    /** Gives back the share a claimed capture holds; a second call for the same capture does nothing. */
    public synchronized void release(String captureId) {
        Claim claim = inFlight.remove(captureId);
        if (claim == null) return;
        Host h = hosts.get(claim.hostKey());
        if (h != null) h.inFlight = Math.max(0, h.inFlight - 1);
        if (claim.isPublic()) publicInFlight = Math.max(0, publicInFlight - 1);
    }

    /** True while a fetch holds the capture (claimed, its fetch not yet over). */
    public synchronized boolean holds(String captureId) {
        return inFlight.containsKey(captureId);
    }

    public synchronized int inFlight() {
        return inFlight.size();
    }

    /** Fetches in flight for public submissions (for tests and metrics). */
    public synchronized int publicInFlight() {
        return publicInFlight;
    }
}
