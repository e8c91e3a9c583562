package org.tracemap.intake;

/** Input that Tracemap refuses, with the field it concerns and a message that names the problem. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
