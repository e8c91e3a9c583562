package org.tracemap.gazetteer;

/** The gazetteer files cannot be read or are malformed; the message names the file (and line). */
public class GazetteerException extends RuntimeException {
    public GazetteerException(String message) {
        super(message);
    }

    public GazetteerException(String message, Throwable cause) {
        super(message, cause);
    }
}
