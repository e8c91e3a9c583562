package org.tracemap.limits;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one piece of a stage's work (one document's extraction, tagging or mining) on a worker thread and
 * waits at most the stage's time limit for it. Past the limit the worker is interrupted and the caller gets
 * a {@link TimeLimitExceededException} that names the work and the configuration key, so one hostile
 * document costs its capture, never the stage.
 *
 * <p>Interruption only stops code that looks for it: our own loops call {@link Interruption#check()}, and a
 * library that ignores it (a parser deep in a document) keeps its thread until it ends. Work that must not
 * be interrupted (a Lucene write, a database transaction) belongs outside the task, on the caller's thread.
 */
public final class TimeLimiter implements AutoCloseable {
    /** A task that may throw one kind of checked exception, which {@link #call} passes on unchanged. */
    @FunctionalInterface
    public interface Task<T, E extends Exception> {
        T call() throws E;
    }

    private final String work;
    private final String key;
    private final Duration limit;
    private final ExecutorService workers;

    /**
     * @param work  what the task does, for messages ("extraction", "indexing", "mining")
     * @param key   the configuration key of the limit ("tracemap.extract.time-limit")
     * @param limit the longest a task may run
     */
    public TimeLimiter(String work, String key, Duration limit) {
        if (limit.isNegative() || limit.isZero()) throw new IllegalArgumentException(key + " must be longer than zero");
        this.work = work;
        this.key = key;
        this.limit = limit;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, work + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public Duration limit() {
        return limit;
    }

    /**
     * Runs the task on a worker thread and returns its result, or throws what it threw: its checked
     * exception and runtime exceptions as they are, an {@link Error} (a stack overflow, an out-of-memory)
     * wrapped in a {@link WorkerFailedException}.
     *
     * @throws TimeLimitExceededException the task ran past the limit (it has been interrupted)
     * @throws CancellationException      the calling thread was interrupted while waiting (its flag is set again)
     */
    public <T, E extends Exception> T call(Task<T, E> task) throws E, TimeLimitExceededException {
        Future<T> job = workers.submit(task::call);
        try {
            return job.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            throw new TimeLimitExceededException(work + " took longer than " + describe(limit) + " (" + key + ")");
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancellationException(work + " interrupted");
        } catch (ExecutionException e) {
            throw TimeLimiter.<E>rethrow(e.getCause(), work);
        }
    }

    /** The task's own exception, unchanged: {@link Task} lets it throw only E or unchecked ones. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Throwable cause, String work) throws E {
        if (cause instanceof Error error) throw new WorkerFailedException(work, error);
        throw (E) cause;
    }

    /** "60 s", "1.5 s", "250 ms": as an operator would write the limit. */
    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        if (ms % 1000 == 0) return (ms / 1000) + " s";
        return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
