package org.tracemap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/** Reads a request's JSON object body with the checks every POST shares: content type, size, syntax. */
final class JsonBody {
    private JsonBody() {}

    /**
     * The body as a JSON object: 415 unless sent as {@code application/json} (form-encoded bodies are
     * consumed by the HTTP layer, so the JSON would be lost), 413 past {@code maxBytes}, 400 when not a
     * JSON object.
     */
    static JsonNode object(ApiRequest request, ObjectMapper json, int maxBytes) {
        String type = request.header("content-type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "send the body as JSON with Content-Type: application/json", null);
        }
        if (request.body().length > maxBytes) throw new ApiException(413, "request body is larger than " + maxBytes + " bytes", null);
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            throw new ApiException(400, "request body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), null);
        }
        if (body == null || !body.isObject()) throw new ApiException(400, "request body must be a JSON object", null);
        return body;
    }
}
