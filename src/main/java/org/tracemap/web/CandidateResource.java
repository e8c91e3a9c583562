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
import org.tracemap.catalog.MergeTargets;
import org.tracemap.catalog.TokenStore;
import org.tracemap.review.ReviewException;
import org.tracemap.review.ReviewService;

/**
 * The review queue: {@code GET /api/candidates} (filters status, company, category, country, origin, minScore, url),
 * {@code GET /api/candidates/{id}} (with its audit trail), {@code GET /api/candidates/{id}/matches} (data points it
 * could be merged into), {@code POST /api/candidates/{id}/decision} (approve, reject, merge, or undo the last one) and
 * {@code POST /api/candidates/bulk-decision} (reject many at once). The reviewer is whoever the token belongs to.
 */
public final class CandidateResource {
    private static final int MAX_BODY = 64 * 1024;
    private static final List<String> STATUSES = List.of("PENDING", "APPROVED", "REJECTED", "MERGED");
    private static final java.util.Set<String> DECISION_FIELDS = java.util.Set.of("action", "edits", "reason", "into", "version");
    private static final java.util.Set<String> BULK_FIELDS = java.util.Set.of("action", "ids", "versions", "reason");
    private static final int MAX_BULK = 200;
    private static final int MATCHES = 10;

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
                origin(request), minScore(request), request.queryParam("url").map(String::strip).orElse(null), limit, offset));
        return ApiResponse.json(200, Map.of("items", page.getKey().stream().map(this::candidate).toList(), "total", page.getValue()));
    }

    public ApiResponse get(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        long id = id(request);
        var c = candidates.find(id).orElseThrow(() -> new ApiException(404, "no candidate with id " + id, "id"));
        Map<String, Object> view = candidate(c);
        view.put("history", audit.entries(id));
        return ApiResponse.json(200, view);
    }

    /** {@code GET /api/candidates/{id}/matches}: {@code {"items": [data points it could be merged into], "total"}}, likeliest first. */
    public ApiResponse matches(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        long id = id(request);
        List<Map<String, Object>> items = reviewing(() -> review.mergeTargets(id, MATCHES)).stream().map(CandidateResource::match).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }

    private static Map<String, Object> match(MergeTargets.Match m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", String.valueOf(m.id()));
        v.put("company", m.company());
        v.put("category", m.category());
        v.put("country", m.country());
        v.put("city", m.city() == null || m.city().isEmpty() ? null : m.city());
        v.put("year", m.yearStarted());
        v.put("label", m.label());
        v.put("sources", m.sources());
        v.put("same", m.same());
        return v;
    }

    public ApiResponse decide(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.REVIEW);
        long id = id(request);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, DECISION_FIELDS);
        if ("undo".equalsIgnoreCase(String.valueOf(text(body, "action")).strip())) return undo(id, body, who);
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
        return ApiResponse.json(200, outcome(reviewing(() -> review.decide(id, d, who.name()))));
    }

    /** {@code {"action": "undo", "version": n}}: the decider or an admin takes the candidate's decision back. */
    private ApiResponse undo(long id, JsonNode body, TokenStore.Principal who) {
        for (String field : List.of("edits", "reason", "into")) {
            if (body.has(field)) throw new ApiException(400, "an undo takes only action and version, not " + field, field);
        }
        Integer version = version(body.get("version"));
        boolean admin = Role.parse(who.role()).may(Role.Permission.ADMIN);
        return ApiResponse.json(200, outcome(reviewing(() -> review.undo(id, version, who.name(), admin))));
    }

    /**
     * {@code POST /api/candidates/bulk-decision} {@code {"action": "reject", "ids": [...], "versions": {id: n}, "reason"}}:
     * one reason for many candidates (a noisy source), each rejected in its own transaction and audited as usual, so
     * one that moved on (409) does not hold back the others. Answers {@code {"items": [{"id", "status", "candidate" |
     * "error"}], "total", "rejected"}} with an HTTP-like status per id.
     */
    public ApiResponse bulkDecide(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.REVIEW);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, BULK_FIELDS);
        if (!"reject".equals(text(body, "action"))) throw new ApiException(400, "bulk decisions only reject: action must be reject", "action");
        String reason = text(body, "reason");
        if (reason == null || reason.isBlank()) throw new ApiException(400, "a reason is required to reject", "reason");
        if (reason.length() > 2000) throw new ApiException(400, "reason is longer than 2000 characters", "reason");
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > MAX_BULK) {
            throw new ApiException(400, "ids must be a list of 1 to " + MAX_BULK + " candidate ids", "ids");
        }
        JsonNode versions = body.get("versions");
        if (versions == null || !versions.isObject()) throw new ApiException(400, "versions must be an object of id: version", "versions");
        // Every id and version is checked before any is rejected: a malformed request changes nothing.
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (JsonNode n : ids) {
            String raw = n.asText();
            if (!n.isValueNode() || !raw.matches("\\d{1,18}")) throw new ApiException(400, "ids must be candidate ids, not '" + raw + "'", "ids");
            if (!versions.has(raw)) throw new ApiException(400, "versions has no version for candidate " + raw, "versions");
            wanted.put(raw, version(versions.get(raw)));
        }
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        int rejected = 0;
        for (var w : wanted.entrySet()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", w.getKey());
            try {
                ReviewService.Outcome o = reviewing(() -> review.decide(Long.parseLong(w.getKey()),
                        new ReviewService.Decision("reject", null, reason, null, w.getValue()), who.name()));
                item.put("status", 200);
                item.put("candidate", candidate(o.candidate()));
                rejected++;
            } catch (ApiException x) {
                item.put("status", x.status());
                item.put("error", x.getMessage());
            }
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("total", items.size());
        out.put("rejected", rejected);
        return ApiResponse.json(200, out);
    }

    /**
     * A candidate as the queue shows it, plus {@code saved}: for a decided one, the data point it became or joined as
     * it is now ({@code {"id", "company", "category", "country", "city", "yearStarted", "label"}}), so the page shows
     * what was saved rather than what was mined; null while pending, after a rejection, or once the point is gone.
     */
    private Map<String, Object> candidate(CandidateStore.Candidate c) {
        Map<String, Object> view = new LinkedHashMap<>(views.candidate(c));
        Map<String, Object> saved = null;
        if (c.datapointId() != null) {
            saved = datapoints.find(c.datapointId()).map(point -> {
                Map<String, Object> v = new LinkedHashMap<>();
                for (String k : List.of("id", "company", "category", "country", "city", "yearStarted", "label")) v.put(k, point.get(k));
                return v;
            }).orElse(null);
        }
        view.put("saved", saved);
        return view;
    }

    private Map<String, Object> outcome(ReviewService.Outcome outcome) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("candidate", candidate(outcome.candidate()));
        out.put("datapoint", outcome.datapoint() == null ? null : datapoints.view(outcome.datapoint()));
        return out;
    }

    /** Runs review work, answering its refusals as HTTP errors: 404 unknown candidate, 403 not yours to undo, 409 conflict. */
    private static <T> T reviewing(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (ReviewException x) {
            switch (x.kind()) {
                case NOT_FOUND -> throw new ApiException(404, x.getMessage(), "id");
                case FORBIDDEN -> throw new ApiException(403, x.getMessage(), null);
                default -> throw new ApiException(409, x.getMessage(), "version");
            }
        }
    }

    private static Integer version(JsonNode version) {
        if (version == null || version.isNull()) return null;
        if (!version.canConvertToInt() || !version.isIntegralNumber()) throw new ApiException(400, "version must be an integer", "version");
        return version.asInt();
    }

    private static String origin(ApiRequest request) {
        String origin = request.queryParam("origin").map(s -> s.strip().toUpperCase(Locale.ROOT)).orElse(null);
        if (origin == null || origin.isEmpty()) return null;
        if (!List.of("MINED", "SUBMISSION", "MANUAL").contains(origin)) throw new ApiException(400, "origin must be mined, submission or manual", "origin");
        return origin;
    }

    private static Double minScore(ApiRequest request) {
        String raw = request.queryParam("minScore").map(String::strip).orElse("");
        if (raw.isEmpty()) return null;
        try {
            double v = Double.parseDouble(raw);
            if (v >= 0 && v <= 1) return v;
        } catch (NumberFormatException notANumber) {
            // answered below with the same message as a number out of range
        }
        throw new ApiException(400, "minScore must be a number from 0 to 1", "minScore");
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
