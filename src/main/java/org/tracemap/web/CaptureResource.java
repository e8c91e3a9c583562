package org.tracemap.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.catalog.TokenStore;
import org.tracemap.intake.CaptureIntake;
import org.tracemap.intake.CaptureSubmission;
import org.tracemap.intake.UrlNormalizer;

/**
 * {@code POST /api/captures}, {@code GET /api/captures} (a page of captures, filtered), {@code GET /api/captures/{id}}
 * and {@code POST /api/captures/{id}/retry}.
 */
public final class CaptureResource {
    private static final int MAX_BODY = 64 * 1024;
    private static final java.util.Set<String> FIELDS = java.util.Set.of("url", "tags", "note");

    private final CaptureIntake intake;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final Authenticator auth;
    private final JsonViews views;
    private final ObjectMapper json;
    private final CaptureListParams listParams;

    public CaptureResource(CaptureIntake intake, CaptureStore captures, SnapshotStore snapshots, ExtractionStore extractions,
                           Authenticator auth, JsonViews views, ObjectMapper json, UrlNormalizer normalizer) {
        this.listParams = new CaptureListParams(normalizer);
        this.intake = intake;
        this.captures = captures;
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.auth = auth;
        this.views = views;
        this.json = json;
    }

    public ApiResponse post(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.CAPTURE);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        JsonBody.onlyFields(body, FIELDS);
        JsonNode url = body.get("url");
        if (url == null || !url.isTextual()) throw new ApiException(400, "url is required and must be a string", "url");
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagNode = body.get("tags");
        if (tagNode != null && !tagNode.isNull()) {
            if (!tagNode.isObject()) throw new ApiException(400, "tags must be an object of strings", "tags");
            tagNode.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual()) throw new ApiException(400, "tag " + e.getKey() + " must be a string", "tags");
                tags.put(e.getKey(), e.getValue().asText());
            });
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) throw new ApiException(400, "note must be a string", "note");
        Capture capture = intake.submit(new CaptureSubmission(url.asText(), tags, note == null || note.isNull() ? null : note.asText(), who.name()));
        return ApiResponse.json(202, Map.of("id", capture.id(), "status", capture.status().name()));
    }

    public ApiResponse get(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String id = request.pathParam("id");
        Capture capture = captures.find(id).orElseThrow(() -> new ApiException(404, "no capture with id " + id, "id"));
        return ApiResponse.json(200, view(capture));
    }

    /** {@code GET /api/captures}: {@code {"items": [capture...], "total": n}}, newest first; filters in {@link CaptureListParams}. */
    public ApiResponse list(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        CaptureStore.Page page = captures.list(listParams.read(request));
        List<Map<String, Object>> items = page.items().stream().map(this::view).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", page.total()));
    }

    /**
     * {@code POST /api/captures/{id}/retry}: a FAILED capture goes back to the queue for a new round of tries
     * ({@code 202} with the capture); any other status is {@code 409}, since only a failure has anything to retry.
     */
    public ApiResponse retry(ApiRequest request) {
        TokenStore.Principal who = auth.require(request, Role.Permission.CAPTURE);
        String id = request.pathParam("id");
        CaptureStore.Retry retry = captures.retryFailed(id, who.name());
        if (retry.capture() == null) throw new ApiException(404, "no capture with id " + id, "id");
        if (!retry.requeued()) {
            throw new ApiException(409, "capture " + id + " is " + retry.capture().status() + ", not FAILED: only a failed capture can be retried"
                    + (retry.capture().status().isSettled() ? " (capture the URL again to get a new copy)" : " (it is still in the pipeline)"), "id");
        }
        return ApiResponse.json(202, view(retry.capture()));
    }

    private Map<String, Object> view(Capture capture) {
        String snapshotId = capture.snapshotId();
        return views.capture(capture, snapshotId == null ? null : snapshots.find(snapshotId).orElse(null),
                snapshotId == null ? null : extractions.find(snapshotId).orElse(null));
    }
}
