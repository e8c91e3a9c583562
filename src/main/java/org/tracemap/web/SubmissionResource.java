package org.tracemap.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.tracemap.review.SubmissionService;

/**
 * {@code POST /api/submissions}: the public suggests a URL with optional fields. No token; the body is
 * size-limited and each client address rate-limited (429 with Retry-After).
 */
public final class SubmissionResource {
    private final SubmissionService submissions;
    private final int maxBody;
    private final ObjectMapper json;

    public SubmissionResource(SubmissionService submissions, int maxBody, ObjectMapper json) {
        this.submissions = submissions;
        this.maxBody = maxBody;
        this.json = json;
    }

    public ApiResponse post(ApiRequest request) {
        JsonNode body = JsonBody.object(request, json, maxBody);
        body.fields().forEachRemaining(f -> {
            if (!f.getValue().isValueNode()) throw new ApiException(400, f.getKey() + " must be a string or number", f.getKey());
        });
        try {
            SubmissionService.Receipt r = submissions.submit(json.convertValue(body, new TypeReference<Map<String, Object>>() {}),
                    request.clientAddress());
            return ApiResponse.json(202, Map.of("id", String.valueOf(r.candidateId()), "status", "PENDING", "captureId", r.captureId()));
        } catch (SubmissionService.RateLimitedException e) {
            return new ApiResponse(429, List.of(Map.entry("Content-Type", "application/json"),
                    Map.entry("Retry-After", Long.toString(e.retryAfter().toSeconds()))), Map.of("error", e.getMessage()));
        }
    }
}
