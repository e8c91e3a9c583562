package org.tracemap.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed token checks per client address over the last minute. Past {@code maxPerMinute} the client
 * is blocked until its oldest counted failure is a minute old. In memory: a restart forgets, which is fine for
 * slowing down guessing (a guess needs a round trip; 10 a minute makes guessing a 256-bit token, or even a
 * long hand-picked one, hopeless).
 */
final class FailedTokenLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Past this many tracked addresses, those with no failure in the window are forgotten. */
    private static final int PRUNE_AT = 10_000;

    private final int maxPerMinute;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailedTokenLimiter(int maxPerMinute, Clock clock) {
        this.maxPerMinute = maxPerMinute;
        this.clock = clock;
    }

    /** How long {@code client} must wait, when it has used up its failures; empty when it may try. */
    Optional<Duration> blocked(String client) {
        Deque<Instant> times = failures.get(client);
        if (times == null) return Optional.empty();
        Instant now = clock.instant();
        synchronized (times) {
            expire(times, now);
            if (times.size() < maxPerMinute) return Optional.empty();
            return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
        }
    }

    void failed(String client) {
        if (failures.size() >= PRUNE_AT) prune();
        Deque<Instant> times = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        Instant now = clock.instant();
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            while (times.size() > maxPerMinute) times.removeFirst(); // more are never needed to decide
        }
    }

    private void prune() {
        Instant now = clock.instant();
        failures.values().removeIf(times -> {
            synchronized (times) {
                expire(times, now);
                return times.isEmpty();
            }
        });
    }

    private static void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) times.removeFirst();
    }
}
