package org.tracemap.limits;

/** A stage's work on one document ran past its time limit; the message names the work, the limit and its key. */
public class TimeLimitExceededException extends Exception {
    public TimeLimitExceededException(String message) {
        super(message);
    }
}
