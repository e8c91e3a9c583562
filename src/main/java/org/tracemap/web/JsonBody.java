package org.tracemap.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a request's JSON object body with the checks every POST shares: content type, size, syntax and
 * shape. Request bodies come from anyone, so they get a parser of their own with tight limits (Jackson's
 * {@link StreamReadConstraints}): nesting depth 32 (no API body needs more than 4), strings and numbers
 * far shorter than the defaults, duplicate keys and anything after the object refused (two values for one
 * field, or a second document, would make what the API acted on ambiguous).
 */
final class JsonBody {
    static final int MAX_DEPTH = 32;
    private static final ObjectMapper REQUESTS = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxStringLength(1 << 20).maxNumberLength(100).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBody() {}

    /**
     * The body as a JSON object: 415 unless sent as {@code application/json} (form-encoded bodies are
     * consumed by the HTTP layer, so the JSON would be lost), 413 past {@code maxBytes}, 400 when not one
     * well-formed JSON object within the parser's limits.
     */
    static JsonNode object(ApiRequest request, ObjectMapper json, int maxBytes) {
        String type = request.header("content-type").orElse("");
        String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiException(415, "send the body as JSON with Content-Type: application/json"
                    + (type.isBlank() ? "" : " (not " + abbreviate(type) + ")"), null);
        }
        if (request.body().length > maxBytes) throw new ApiException(413, "request body is larger than " + maxBytes + " bytes", null);
        JsonNode body;
        try {
            body = REQUESTS.readTree(request.body());
        } catch (StreamConstraintsException e) {
            throw new ApiException(400, "request body is beyond this API's limits: " + firstLine(e.getOriginalMessage()), null);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ApiException(400, "request body is not valid JSON: " + abbreviate(firstLine(e.getOriginalMessage())) + where, null);
        } catch (IOException e) {
            throw new ApiException(400, "request body could not be read: " + abbreviate(firstLine(e.getMessage())), null);
        }
        if (body == null || !body.isObject()) throw new ApiException(400, "request body must be a JSON object", null);
        return body;
    }

    /** Refuses the first field of {@code body} that is not in {@code accepted}: 400 naming it and listing the accepted ones. */
    static void onlyFields(JsonNode body, Set<String> accepted) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!accepted.contains(name)) {
                throw new ApiException(400, "unknown field '" + abbreviate(name) + "'; accepted: "
                        + accepted.stream().sorted().collect(Collectors.joining(", ")), abbreviate(name));
            }
        }
    }

    /** The dotted path of the field a Jackson mapping error is about ({@code scope.include}), or null. */
    static String fieldOf(JsonMappingException e) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? null : path;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Echoing input back is fine; echoing a megabyte of it is not. */
    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
