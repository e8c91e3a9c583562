package org.tracemap.limits;

/** A worker thread's task ended with an {@link Error} (a stack overflow, an out-of-memory), passed on as an exception. */
public class WorkerFailedException extends RuntimeException {
    public WorkerFailedException(String work, Error cause) {
        super(work + " failed: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
