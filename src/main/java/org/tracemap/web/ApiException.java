package org.tracemap.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ends a request with a 4xx/5xx answer {@code {"error": message, "field": field}}, plus any headers it needs. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String field;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    public ApiException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    /** Adds a header to the answer ({@code Retry-After}, {@code WWW-Authenticate}); returns this exception. */
    public ApiException withHeader(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public List<Map.Entry<String, String>> headers() {
        return List.copyOf(headers);
    }
}
