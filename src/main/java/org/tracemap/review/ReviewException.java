package org.tracemap.review;

/** A decision that cannot be made: the candidate does not exist, it changed since the reviewer saw it, or it is not theirs to undo. */
public class ReviewException extends RuntimeException {
    /** NOT_FOUND answers 404; CONFLICT answers 409; FORBIDDEN (someone else's decision to undo) answers 403. */
    public enum Kind { NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;

    public ReviewException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
