package org.tracemap.web;

import java.util.List;
import java.util.Map;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/** {@code GET /api/snapshots?url=...}: every capture of a URL, newest first. */
public final class SnapshotResource {
    private final SnapshotStore snapshots;
    private final UrlNormalizer normalizer;
    private final Authenticator auth;
    private final JsonViews views;

    public SnapshotResource(SnapshotStore snapshots, UrlNormalizer normalizer, Authenticator auth, JsonViews views) {
        this.snapshots = snapshots;
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
}
