package org.tracemap.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStore;

/**
 * The durable capture queue, which is the catalogue itself, and the dispatcher in front of the fetch workers.
 *
 * <p>Due QUEUED captures are claimed in batches (claiming marks them FETCHING, so a crash loses nothing: they
 * are requeued on start) up to {@code capacity} claimed at once, and wait here, one line per server
 * ({@link NormalizedUrl#hostKey}). A capture starts — goes to a fetch worker — only within its shares: at most
 * {@code perHost} fetches of one server at once and one start per {@code hostGap}, and at most
 * {@code publicSlots} fetches of public submissions. A capture over its share waits here, never in a fetch
 * worker, so a slow site or a flood of submissions cannot stop every other capture. When a fetch ends, the
 * next capture of that server starts at once ({@link #dispatchTo}); the claim timer starts the rest.
 */
public final class CaptureQueue {
    /** Servers named in one claim query at most; past that, the shares are applied capture by capture only. */
    private static final int MAX_SKIPPED_HOSTS = 200;

    private final CaptureStore captures;
    private final int capacity;
    private final int perHost;
    private final Duration hostGap;
    private final int publicSlots;
    /** Claimed captures one server may hold: enough to keep its share busy between two claims, and a quarter left
     * for the others. */
    private final int perHostClaims;
    private final Clock clock;
    private volatile Consumer<CaptureRequest> dispatch;
    /** Every claimed capture until its fetch ends, by id. Guarded by {@code this}. */
    private final Map<String, Claim> claimed = new HashMap<>();
    /** Servers with captures claimed, or a start within the gap; in claim order. Guarded by {@code this}. */
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private int publicInFlight;
    private int publicClaimed;
    private volatile boolean stopping;

    private static final class Claim {
        final String hostKey;
        final boolean isPublic;
        boolean started;

        Claim(String hostKey, boolean isPublic) {
            this.hostKey = hostKey;
            this.isPublic = isPublic;
        }
    }

    private static final class Host {
        final ArrayDeque<CaptureRequest> waiting = new ArrayDeque<>();
        int inFlight;
        int claimed;
        Instant nextStart = Instant.EPOCH;
    }

    public CaptureQueue(CaptureStore captures, int capacity, int perHost, Duration hostGap, int publicSlots, Clock clock) {
        this.captures = captures;
        this.capacity = Math.max(1, capacity);
        this.perHost = Math.max(1, perHost);
        this.hostGap = hostGap;
        this.publicSlots = Math.max(1, publicSlots);
        this.perHostClaims = Math.max(this.perHost, this.capacity * 3 / 4);
        this.clock = clock;
    }

    /** Where captures go when a fetch ending lets the next one start (the fetch stage's input). */
    public void dispatchTo(Consumer<CaptureRequest> dispatch) {
        this.dispatch = dispatch;
    }

    /** Claims what there is room for, and returns the captures that may start now, within their shares. */
    public List<CaptureRequest> claimBatch() {
        if (stopping) return List.of();
        synchronized (this) {
            claimDue();
            return startable(clock.instant());
        }
    }

    private void claimDue() {
        Instant now = clock.instant();
        List<String> skip = new ArrayList<>();
        for (Iterator<Map.Entry<String, Host>> it = hosts.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Host> e = it.next();
            Host h = e.getValue();
            if (h.claimed == 0 && !h.nextStart.isAfter(now)) it.remove();
            else if (h.claimed >= perHostClaims) skip.add(e.getKey());
        }
        // A server over its claims is left out of the query; when one batch fills a server's claims, the query is
        // asked again without it (a few times at most), so a long backlog of one server does not hide the others.
        for (int round = 0; round < 3; round++) {
            int room = capacity - claimed.size();
            if (room <= 0) return;
            List<String> full = new ArrayList<>();
            List<Capture> due = claimRound(room, skip.size() > MAX_SKIPPED_HOSTS ? skip.subList(0, MAX_SKIPPED_HOSTS) : skip, full);
            for (Capture c : due) {
                CaptureRequest request = CaptureRequest.of(c);
                String host = request.url().hostKey();
                Host h = hosts.computeIfAbsent(host, k -> new Host());
                h.waiting.add(request);
                h.claimed++;
                if (request.isPublicSubmission()) publicClaimed++;
                claimed.put(c.id(), new Claim(host, request.isPublicSubmission()));
            }
            if (full.isEmpty()) return;
            skip.addAll(full);
        }
    }

    /** One claim query; the servers whose claims it filled are added to {@code full}. */
    private List<Capture> claimRound(int room, List<String> skip, List<String> full) {
        Map<String, Integer> batchPerHost = new HashMap<>();
        int[] batchPublic = {0};
        return captures.claimDue(room, skip, publicClaimed >= publicSlots, c -> {
            String host = NormalizedUrl.hostKeyOf(c.surt());
            boolean isPublic = c.requestedBy().startsWith(CaptureRequest.PUBLIC_PREFIX);
            Host h = hosts.get(host);
            if ((h == null ? 0 : h.claimed) + batchPerHost.getOrDefault(host, 0) >= perHostClaims) {
                if (!full.contains(host)) full.add(host);
                return false;
            }
            if (isPublic && publicClaimed + batchPublic[0] >= publicSlots) return false;
            batchPerHost.merge(host, 1, Integer::sum);
            if (isPublic) batchPublic[0]++;
            return true;
        });
    }

    /** Takes the waiting captures that may start now off their lines and marks them started. */
    private List<CaptureRequest> startable(Instant now) {
        List<CaptureRequest> start = new ArrayList<>();
        for (Map.Entry<String, Host> e : hosts.entrySet()) startable(e.getValue(), now, start);
        return start;
    }

    private void startable(Host h, Instant now, List<CaptureRequest> start) {
        while (!h.waiting.isEmpty() && h.inFlight < perHost && !h.nextStart.isAfter(now)) {
            CaptureRequest next = h.waiting.peek();
            if (next.isPublicSubmission() && publicInFlight >= publicSlots) return; // its line waits for a slot
            h.waiting.poll();
            h.inFlight++;
            if (!hostGap.isZero()) h.nextStart = now.plus(hostGap);
            if (next.isPublicSubmission()) publicInFlight++;
            claimed.get(next.captureId()).started = true;
            start.add(next);
        }
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

    /**
     * Gives back the share a claimed capture holds (its fetch is over), and starts the captures that were
     * waiting for it. A second call for the same capture does nothing.
     */
    public void release(String captureId) {
        List<CaptureRequest> start = new ArrayList<>();
        synchronized (this) {
            Claim claim = claimed.remove(captureId);
            if (claim == null) return;
            Host h = hosts.get(claim.hostKey);
            if (h != null) {
                h.claimed--;
                if (claim.started) h.inFlight--;
            }
            if (claim.isPublic) {
                publicClaimed--;
                if (claim.started) publicInFlight--;
            }
            Instant now = clock.instant();
            if (h != null) startable(h, now, start);
            // A public slot freed may let another server's submission start.
            if (claim.isPublic && claim.started) startable(now).forEach(start::add);
        }
        Consumer<CaptureRequest> to = dispatch;
        if (to == null || stopping) {
            unstart(start); // nowhere to send them yet: the claim timer starts them
            return;
        }
        for (CaptureRequest r : start) to.accept(r);
    }

    private synchronized void unstart(List<CaptureRequest> start) {
        for (CaptureRequest r : start) {
            Claim claim = claimed.get(r.captureId());
            Host h = hosts.get(claim.hostKey);
            claim.started = false;
            h.inFlight--;
            h.waiting.addFirst(r);
            if (claim.isPublic) publicInFlight--;
        }
    }

    /**
     * Stops claiming and starting captures, and puts those claimed but not started back in the queue, their
     * tries given back (a stop is not their fault); returns how many. Called first when the pipeline stops.
     */
    public int stop() {
        stopping = true;
        return returnWaiting();
    }

    /** True once {@link #stop} was called: a fetch that ends now was cut short by the stop. */
    public boolean isStopping() {
        return stopping;
    }

    private int returnWaiting() {
        List<String> ids = new ArrayList<>();
        synchronized (this) {
            for (Host h : hosts.values()) {
                for (CaptureRequest r : h.waiting) ids.add(r.captureId());
                h.claimed -= h.waiting.size();
                h.waiting.clear();
            }
            for (String id : ids) {
                if (claimed.remove(id).isPublic) publicClaimed--;
            }
        }
        if (!ids.isEmpty()) captures.unclaim(ids);
        return ids.size();
    }

    /** True while the capture is claimed: waiting here to start, or being fetched. */
    public synchronized boolean holds(String captureId) {
        return claimed.containsKey(captureId);
    }

    /** Claimed captures: waiting to start and being fetched. */
    public synchronized int inFlight() {
        return claimed.size();
    }

    /** Fetches of public submissions started and not yet over (for tests and metrics). */
    public synchronized int publicInFlight() {
        return publicInFlight;
    }
}
