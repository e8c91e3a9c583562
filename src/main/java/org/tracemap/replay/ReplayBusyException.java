package org.tracemap.replay;

/** Every page rewrite slot stayed taken while a replay waited: the server is at its replay limit, try again. */
public final class ReplayBusyException extends RuntimeException {
    public ReplayBusyException(String message) {
        super(message);
    }
}
