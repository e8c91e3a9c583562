package org.tracemap.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.crawl.TextDiff;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * {@code GET /api/changes?since=&crawl=&unchanged=} (what crawls found new, changed or gone) and
 * {@code GET /api/diff?url=&from=&to=} (the main-text diff between two snapshots of a URL; by default the
 * last two, and with only {@code to}, that snapshot and the one before it).
 */
public final class ChangesResource {
    private final CrawlStore crawls;
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final UrlNormalizer normalizer;
    private final Authenticator auth;
    private final JsonViews views;

    public ChangesResource(CrawlStore crawls, SnapshotStore snapshots, ExtractionStore extractions, UrlNormalizer normalizer, Authenticator auth,
                           JsonViews views) {
        this.crawls = crawls;
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.normalizer = normalizer;
        this.auth = auth;
        this.views = views;
    }

    public ApiResponse changes(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String since = request.queryParam("since").orElse("1970-01-01T00:00:00Z");
        try {
            since = Instant.parse(since).toString();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "since must be an ISO-8601 instant such as 2026-11-01T00:00:00Z", "since");
        }
        int limit = CandidateResource.intParam(request, "limit", 1000, 1, 10_000);
        boolean unchanged = request.queryParam("unchanged").map(Boolean::parseBoolean).orElse(false);
        List<Map<String, Object>> items = crawls.changes(request.queryParam("crawl").filter(s -> !s.isBlank()).orElse(null), since, unchanged, limit)
                .stream().map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("url", c.url());
                    m.put("change", c.change());
                    m.put("timestamp", c.timestamp());
                    m.put("httpStatus", c.httpStatus());
                    m.put("at", c.at());
                    m.put("crawl", c.crawl());
                    m.put("runId", String.valueOf(c.runId()));
                    m.put("replayUrl", c.timestamp() == null ? null : views.replayUrl(c.timestamp(), c.url()));
                    // The bytes changed; did the main text? Rotating ads and timestamps change the one, not the other.
                    if ("CHANGED".equals(c.change())) m.put("textChanged", textChanged(c.url(), c.timestamp()));
                    return m;
                }).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }

    public ApiResponse diff(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String raw = request.queryParam("url").orElseThrow(() -> new ApiException(400, "url is required", "url"));
        NormalizedUrl url = normalizer.normalize(raw);
        List<Snapshot> all = snapshots.forUrl(url.surt(), url.url()); // newest first
        if (all.size() < 2 && (request.queryParam("from").isEmpty() || request.queryParam("to").isEmpty())) {
            throw new ApiException(404, "fewer than two snapshots of " + url.url(), "url");
        }
        Snapshot to = pick(all, request.queryParam("to").orElse(null), 0, "to");
        // Without "from", the snapshot just before "to": what a change-feed entry changed from.
        int previous = all.indexOf(to) + 1;
        if (request.queryParam("from").filter(s -> !s.isBlank()).isEmpty() && previous >= all.size()) {
            throw new ApiException(404, "no snapshot of " + url.url() + " before " + to.timestamp(), "to");
        }
        Snapshot from = pick(all, request.queryParam("from").orElse(null), previous, "from");
        String before = extractions.find(from.id()).map(ExtractionStore.Extraction::text).orElse("");
        String after = extractions.find(to.id()).map(ExtractionStore.Extraction::text).orElse("");
        TextDiff.Result d = TextDiff.between(before, after, from.timestamp(), to.timestamp());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", url.url());
        out.put("from", Map.of("timestamp", from.timestamp(), "change", from.change().name(), "replayUrl", views.replayUrl(from.timestamp(), url.url())));
        out.put("to", Map.of("timestamp", to.timestamp(), "change", to.change().name(), "replayUrl", views.replayUrl(to.timestamp(), url.url())));
        out.put("changed", d.added() + d.removed() > 0);
        out.put("linesAdded", d.added());
        out.put("linesRemoved", d.removed());
        out.put("diff", String.join("\n", d.unified()));
        return ApiResponse.json(200, out);
    }

    /** Whether the main text of the snapshot at {@code timestamp} differs from the snapshot before it. */
    private boolean textChanged(String rawUrl, String timestamp) {
        NormalizedUrl url = normalizer.normalize(rawUrl);
        List<Snapshot> all = snapshots.forUrl(url.surt(), url.url()); // newest first
        for (int i = 0; i + 1 < all.size(); i++) {
            if (!all.get(i).timestamp().equals(timestamp)) continue;
            String now = extractions.find(all.get(i).id()).map(ExtractionStore.Extraction::text).orElse("");
            String before = extractions.find(all.get(i + 1).id()).map(ExtractionStore.Extraction::text).orElse("");
            TextDiff.Result d = TextDiff.between(before, now, "", "");
            return d.added() + d.removed() > 0;
        }
        return true;
    }

    private static Snapshot pick(List<Snapshot> newestFirst, String timestamp, int fallbackIndex, String field) {
        if (timestamp == null || timestamp.isBlank()) return newestFirst.get(fallbackIndex);
        return newestFirst.stream().filter(s -> s.timestamp().equals(timestamp)).findFirst()
                .orElseThrow(() -> new ApiException(404, "no snapshot at " + timestamp, field));
    }
}
