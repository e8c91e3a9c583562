package org.tracemap.extract;

/** A document that could not be extracted; the message says why in terms a researcher understands. */
public class ExtractionException extends Exception {
    public ExtractionException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExtractionException(String message) {
        super(message);
    }
}
