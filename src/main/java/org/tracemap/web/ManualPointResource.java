package org.tracemap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tracemap.catalog.TokenStore;
import org.tracemap.review.ManualPointService;
import org.tracemap.review.ReviewException;
import org.tracemap.review.ReviewService;

/**
 * {@code POST /api/candidates}: a point added by hand from a passage of a snapshot's text. Whoever may queue captures
 * (CAPTURE: researchers and up) may propose one as a candidate; saving it straight as a reviewed point
 * ({@code "reviewed": true}) is a review decision and needs REVIEW. Answers 201 with
 * {@code {"candidate": {...}, "datapoint": {...} | null}}, the shapes of {@code POST /api/candidates/{id}/decision}.
 */
public final class ManualPointResource {
    private static final int MAX_BODY = 16 * 1024;
    private static final Set<String> FIELDS = Set.of("snapshotId", "url", "timestamp", "quote", "quoteStart", "company", "category", "country",
            "city", "year", "label", "note", "reviewed");

    private final ManualPointService points;
    private final Authenticator auth;
    private final JsonViews views;
    private final DataPointResource datapoints;
    private final ObjectMapper json;

    public ManualPointResource(ManualPointService points, Authenticator auth, JsonViews views, DataPointResource datapoints, ObjectMapper json) {
        this.points = points;
        this.auth = auth;
        this.views = views;
        this.datapoints = datapoints;
        this.json = json;
    }

    public ApiResponse post(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.CAPTURE);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, FIELDS);
        boolean reviewed = bool(body, "reviewed");
        if (reviewed) who = auth.require(request, Role.Permission.REVIEW); // 403 for a researcher: approving is a reviewer's decision
        ManualPointService.Request r = new ManualPointService.Request(text(body, "snapshotId"), text(body, "url"), text(body, "timestamp"),
                text(body, "quote"), integer(body, "quoteStart"), text(body, "company"), text(body, "category"), text(body, "country"),
                text(body, "city"), integer(body, "year"), text(body, "label"), text(body, "note"), reviewed);
        try {
            ReviewService.Outcome outcome = points.add(r, who.name());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("candidate", views.candidate(outcome.candidate()));
            out.put("datapoint", outcome.datapoint() == null ? null : datapoints.view(outcome.datapoint()));
            return ApiResponse.json(201, out);
        } catch (ReviewException x) {
            throw new ApiException(x.kind() == ReviewException.Kind.NOT_FOUND ? 404 : 409, x.getMessage(), "snapshotId");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw new ApiException(400, field + " must be a string", field);
        return n.asText();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isTextual() && n.asText().strip().matches("\\d{1,9}")) return Integer.parseInt(n.asText().strip()); // a form's year box sends text
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new ApiException(400, field + " must be a whole number", field);
        return n.asInt();
    }

    private static boolean bool(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return false;
        if (!n.isBoolean()) throw new ApiException(400, field + " must be true or false", field);
        return n.asBoolean();
    }
}
