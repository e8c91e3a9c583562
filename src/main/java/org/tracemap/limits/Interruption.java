package org.tracemap.limits;

import java.util.concurrent.CancellationException;

/**
 * The check that long loops over a document make, so that a {@link TimeLimiter} that gave up on them really
 * stops their thread. Cheap (a flag read); loops call it every few thousand steps.
 */
public final class Interruption {
    private Interruption() {}

    /** Throws when the current thread has been interrupted (its task's time limit passed); the flag stays set. */
    public static void check() {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("stopped: the thread was interrupted");
    }
}
