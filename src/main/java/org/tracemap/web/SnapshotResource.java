package org.tracemap.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * {@code GET /api/snapshots?url=...}: every capture of a URL, newest first; {@code GET /api/snapshots/{id}/text}: the
 * main text extracted from one, which quotes and hand-added points are read against.
 */
public final class SnapshotResource {
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final UrlNormalizer normalizer;
    private final Authenticator auth;
    private final JsonViews views;

    public SnapshotResource(SnapshotStore snapshots, ExtractionStore extractions, UrlNormalizer normalizer, Authenticator auth, JsonViews views) {
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.normalizer = normalizer;
        this.auth = auth;
        this.views = views;
    }

    public ApiResponse list(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String raw = request.queryParam("url").orElseThrow(() -> new ApiException(400, "url query parameter is required", "url"));
        NormalizedUrl url = normalizer.normalize(raw);
        List<Map<String, Object>> items = snapshots.forUrl(url.surt(), url.url()).stream().map(views::snapshot).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }

    public ApiResponse text(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String id = request.pathParam("id");
        Snapshot snapshot = snapshots.find(id).orElseThrow(() -> new ApiException(404, "no snapshot with id " + id, "id"));
        ExtractionStore.Extraction e = extractions.find(id).orElseThrow(() ->
                new ApiException(404, "snapshot " + id + " has no extracted text (not extracted yet, or not a document)", "id"));
        if (e.error() != null) throw new ApiException(422, "the text of snapshot " + id + " could not be extracted: " + e.error(), "id");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("snapshotId", id);
        out.put("url", snapshot.url());
        out.put("timestamp", snapshot.timestamp());
        out.put("replayUrl", views.replayUrl(snapshot.timestamp(), snapshot.url()));
        out.put("httpStatus", snapshot.httpStatus());
        out.put("originAnswer", org.tracemap.catalog.OriginAnswer.sentence(snapshot.httpStatus()));
        out.put("title", e.title());
        out.put("lang", e.lang());
        out.put("published", e.published() == null ? null : e.published().toString());
        out.put("truncated", e.truncated());
        out.put("text", e.text());
        return ApiResponse.json(200, out);
    }
}
