package org.tracemap.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Politeness towards each host: at most N fetches in flight and a minimum gap between the starts of two
 * fetches. Global concurrency is the number of fetch workers.
 */
final class HostPoliteness {
    private final int perHost;
    private final Duration gap;
    private final Clock clock;
    private final ConcurrentHashMap<String, HostSlot> hosts = new ConcurrentHashMap<>();

    HostPoliteness(int perHost, Duration gap, Clock clock) {
        this.perHost = perHost;
        this.gap = gap;
        this.clock = clock;
    }

    /** Blocks until a fetch from {@code host} may start; pair with {@link #release}. */
    void acquire(String host) throws InterruptedException {
        HostSlot slot = hosts.computeIfAbsent(host, h -> new HostSlot(new Semaphore(perHost, true)));
        slot.permits.acquire();
        try {
            synchronized (slot) {
                // Rounded up: a wait truncated to whole milliseconds would start up to 1 ms before the gap is over.
                long waitNanos = Duration.between(clock.instant(), slot.nextStart).toNanos();
                if (waitNanos > 0) Thread.sleep((waitNanos + 999_999) / 1_000_000);
                slot.nextStart = clock.instant().plus(gap);
            }
        } catch (InterruptedException e) {
            slot.permits.release();
            throw e;
        }
    }

    void release(String host) {
        HostSlot slot = hosts.get(host);
        if (slot != null) slot.permits.release();
    }

    private static final class HostSlot {
        final Semaphore permits;
        Instant nextStart = Instant.EPOCH;

        HostSlot(Semaphore permits) {
            this.permits = permits;
        }
    }
}
