package org.tracemap.review;

/** A decision that cannot be made: the candidate does not exist, or it changed since the reviewer saw it. */
public class ReviewException extends RuntimeException {
    /** NOT_FOUND answers 404; CONFLICT answers 409. */
    public enum Kind { NOT_FOUND, CONFLICT }

    private final Kind kind;

    public ReviewException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
