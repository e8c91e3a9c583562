package org.tracemap.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.TokenStore;
import org.tracemap.review.ReviewException;
import org.tracemap.review.ReviewService;

/**
 * The review queue: {@code GET /api/candidates}, {@code GET /api/candidates/{id}} (with its audit trail)
 * and {@code POST /api/candidates/{id}/decision}. The reviewer is whoever the token belongs to.
 */
public final class CandidateResource {
    private static final int MAX_BODY = 64 * 1024;
    private static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REJECTED", "MERGED");
    private static final java.util.Set<String> DECISION_FIELDS = java.util.Set.of("action", "edits", "reason", "into", "version");

    private final CandidateStore candidates;
    private final ReviewService review;
    private final AuditLog audit;
    private final Authenticator auth;
    private final JsonViews views;
    private final DataPointResource datapoints;
    private final ObjectMapper json;

    public CandidateResource(CandidateStore candidates, ReviewService review, AuditLog audit, Authenticator auth, JsonViews views,
                             DataPointResource datapoints, ObjectMapper json) {
        this.candidates = candidates;
        this.review = review;
        this.audit = audit;
        this.auth = auth;
        this.views = views;
        this.datapoints = datapoints;
        this.json = json;
    }

    public ApiResponse list(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String status = request.queryParam("status").map(s -> s.toUpperCase(Locale.ROOT)).orElse("PENDING");
        if (!status.equals("ALL") && !STATUSES.contains(status)) {
            throw new ApiException(400, "status must be one of " + String.join(", ", STATUSES) + " or ALL", "status");
        }
        int limit = intParam(request, "limit", 50, 1, 500);
        int offset = intParam(request, "offset", 0, 0, Integer.MAX_VALUE);
        var page = candidates.list(new CandidateStore.Query(status.equals("ALL") ? null : status, request.queryParam("company").orElse(null),
                request.queryParam("category").orElse(null), request.queryParam("country").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null),
                request.queryParam("origin").map(s -> s.toUpperCase(Locale.ROOT)).orElse(null), limit, offset));
        return ApiResponse.json(200, Map.of("items", page.getKey().stream().map(views::candidate).toList(), "total", page.getValue()));
    }

    public ApiResponse get(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        long id = id(request);
        var c = candidates.find(id).orElseThrow(() -> new ApiException(404, "no candidate with id " + id, "id"));
        Map<String, Object> view = new LinkedHashMap<>(views.candidate(c));
        view.put("history", audit.entries(id));
        return ApiResponse.json(200, view);
    }

    public ApiResponse decide(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.REVIEW);
        long id = id(request);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, DECISION_FIELDS);
        Map<String, Object> edits = null;
        JsonNode e = body.get("edits");
        if (e != null && !e.isNull()) {
            if (!e.isObject()) throw new ApiException(400, "edits must be an object of field: value", "edits");
            edits = json.convertValue(e, new TypeReference<Map<String, Object>>() {});
        }
        JsonNode version = body.get("version");
        if (version != null && !version.isNull() && !version.canConvertToInt()) throw new ApiException(400, "version must be an integer", "version");
        ReviewService.Decision d = new ReviewService.Decision(text(body, "action"), edits, text(body, "reason"), text(body, "into"),
                version == null || version.isNull() ? null : version.asInt());
        try {
            ReviewService.Outcome outcome = review.decide(id, d, who.name());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("candidate", views.candidate(outcome.candidate()));
            out.put("datapoint", outcome.datapoint() == null ? null : datapoints.view(outcome.datapoint()));
            return ApiResponse.json(200, out);
        } catch (ReviewException x) {
            throw new ApiException(x.kind() == ReviewException.Kind.NOT_FOUND ? 404 : 409, x.getMessage(),
                    x.kind() == ReviewException.Kind.NOT_FOUND ? "id" : "version");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw new ApiException(400, field + " must be a string", field);
        return n.asText();
    }

    private static long id(ApiRequest request) {
        String raw = request.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no candidate with id " + raw, "id");
        }
    }

    /** A whole-number query parameter within {@code [min, max]}; {@code fallback} when absent; 400 naming it otherwise. */
    static int intParam(ApiRequest request, String name, int fallback, int min, int max) {
        String raw = request.queryParam(name).orElse(null);
        if (raw == null || raw.isBlank()) return fallback;
        String text = raw.strip();
        String range = name + " must be a whole number from " + min + " to " + max;
        if (!text.matches("[+-]?\\d+")) {
            throw new ApiException(400, range + ", not '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'", name);
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException moreDigitsThanALong) {
            v = text.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (v < min || v > max) throw new ApiException(400, range, name);
        return (int) v;
    }
}
