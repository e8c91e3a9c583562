package org.tracemap.fetch;

import java.io.IOException;

/**
 * A fetch cut off by one of our own limits (time for the head, total time, speed, header size). Asking again
 * would cost the same again, so it is never retried; the message names the limit and its setting.
 */
final class FetchLimitException extends IOException {
    FetchLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
