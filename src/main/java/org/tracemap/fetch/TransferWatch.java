package org.tracemap.fetch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches one HTTP exchange against the fetch limits and says when to abort it: no complete head within
 * the header timeout, no complete response within the total timeout, or a body arriving slower than the
 * minimum speed (bytes per window, as curl's {@code --speed-limit}/{@code --speed-time} and Heritrix's
 * timeouts do). A read timeout alone cannot catch an origin that trickles one byte a second.
 *
 * <p>{@link #check} runs on the watchdog thread, {@link #bodyStarted} and {@link #received} on the fetching one.
 */
final class TransferWatch {
    private final long startedNanos;
    private final FetchSettings settings;
    private final FetchLimits limits;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<String> abort = new AtomicReference<>();
    private volatile boolean inBody;
    private volatile long windowStartNanos;
    private volatile long windowStartBytes;

    TransferWatch(FetchSettings settings, FetchLimits limits, long startedNanos) {
        this.settings = settings;
        this.limits = limits;
        this.startedNanos = startedNanos;
    }

    /** How often {@link #check} should run: often enough that no limit is overshot by more than a quarter. */
    Duration tick() {
        long millis = Math.min(1000, limits.totalTimeout().toMillis() / 4);
        millis = Math.min(millis, settings.headerTimeout().toMillis() / 4);
        if (settings.minSpeed() > 0) millis = Math.min(millis, settings.minSpeedWindow().toMillis() / 4);
        return Duration.ofMillis(Math.max(10, millis));
    }

    void bodyStarted() {
        windowStartNanos = System.nanoTime();
        windowStartBytes = 0;
        inBody = true;
    }

    void received(long n) {
        bytes.addAndGet(n);
    }

    /** Why the exchange was aborted, or null while it is within every limit. */
    String abortReason() {
        return abort.get();
    }

    /** Checks the limits now; returns true (once) when the exchange must be aborted. */
    boolean check() {
        if (abort.get() != null) return false;
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - startedNanos);
        String reason = null;
        if (elapsed.compareTo(limits.totalTimeout()) >= 0) {
            reason = "no complete response within " + format(limits.totalTimeout()) + " (" + limits.key("total-timeout") + ")";
        } else if (!inBody && elapsed.compareTo(settings.headerTimeout()) >= 0) {
            reason = "no complete response head within " + format(settings.headerTimeout()) + " (tracemap.fetch.header-timeout)";
        } else if (inBody && settings.minSpeed() > 0 && now - windowStartNanos >= settings.minSpeedWindow().toNanos()) {
            long got = bytes.get() - windowStartBytes;
            if (got < settings.minSpeed()) {
                reason = "transfer slower than " + settings.minSpeed() + " bytes per " + format(settings.minSpeedWindow())
                        + ": " + got + " bytes in the last " + format(Duration.ofNanos(now - windowStartNanos))
                        + " (tracemap.fetch.min-speed)";
            } else {
                windowStartNanos = now;
                windowStartBytes = bytes.get();
            }
        }
        return reason != null && abort.compareAndSet(null, reason);
    }

    /** A duration the way the configuration spells it: 300ms, 30s. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
