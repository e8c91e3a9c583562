package org.tracemap.web;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * What a resource answers: status, headers and a body that is either a value to render as JSON, or bytes
 * to stream ({@link InputStream}).
 */
public record ApiResponse(int status, List<Map.Entry<String, String>> headers, Object body) {
    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, List.of(Map.entry("Content-Type", "application/json")), value);
    }

    public static ApiResponse error(int status, String message, String field) {
        return json(status, field == null ? Map.of("error", message) : Map.of("error", message, "field", field));
    }

    /** The answer an {@link ApiException} asks for: its status, message, field and headers. */
    public static ApiResponse error(ApiException e) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(List.of(Map.entry("Content-Type", "application/json")));
        headers.addAll(e.headers());
        return new ApiResponse(e.status(), headers, e.field() == null ? Map.of("error", e.getMessage()) : Map.of("error", e.getMessage(), "field", e.field()));
    }

    public static ApiResponse text(int status, String contentType, String text) {
        return new ApiResponse(status, List.of(Map.entry("Content-Type", contentType)), text);
    }
}
