package org.tracemap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The per-host gate on its own: permits per host and the minimum gap between two starts. */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostPolitenessTest {
    private static final Instant T0 = Instant.parse("2025-03-04T10:00:00Z");

    @Test
    void gapThatIsNotAWholeNumberOfMillisecondsIsWaitedInFull() throws Exception {
        // First acquire reads the clock twice (check, then stamp T0); the second finds 199.5 ms of the gap left.
        ScriptedClock clock = new ScriptedClock(T0, T0, T0.plusNanos(500_000), T0.plusMillis(200));
        HostPoliteness politeness = new HostPoliteness(1, Duration.ofMillis(200), clock);
        politeness.acquire("example.org");
        politeness.release("example.org");

        long started = System.nanoTime();
        politeness.acquire("example.org");
        long waitedMicros = (System.nanoTime() - started) / 1000;

        assertThat(waitedMicros).isGreaterThanOrEqualTo(199_500);
    }

    @Test
    void secondFetchFromAHostWaitsUntilTheFirstReleases() throws Exception {
        HostPoliteness politeness = new HostPoliteness(1, Duration.ZERO, Clock.systemUTC());
        politeness.acquire("example.org");

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> acquireUnchecked(politeness, "example.org"));
        Thread.sleep(100);
        assertThat(second).isNotDone();

        politeness.release("example.org");
        second.get(2, TimeUnit.SECONDS);
    }

    @Test
    void anotherHostIsNotHeldUpByABusyOne() throws Exception {
        HostPoliteness politeness = new HostPoliteness(1, Duration.ofSeconds(30), Clock.systemUTC());
        politeness.acquire("busy.example.org");

        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> acquireUnchecked(politeness, "other.example.org"));
        other.get(2, TimeUnit.SECONDS);
    }

    private static void acquireUnchecked(HostPoliteness politeness, String host) {
        try {
            politeness.acquire(host);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A clock that tells the given instants in turn, then keeps telling the last one. */
    private static final class ScriptedClock extends Clock {
        private final Deque<Instant> instants;

        ScriptedClock(Instant... instants) {
            this.instants = new ArrayDeque<>(List.of(instants));
        }

        @Override
        public synchronized Instant instant() {
            return instants.size() > 1 ? instants.poll() : instants.peek();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
