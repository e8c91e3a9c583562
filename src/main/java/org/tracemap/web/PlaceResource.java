package org.tracemap.web;

import java.util.Map;
import org.tracemap.gazetteer.PlaceFinder;

/**
 * {@code GET /api/places?q=TEXT&limit=10}: countries and cities of the gazetteer for a place picker. Public, because
 * the public submission form uses it; the gazetteer is published with the code, so nothing is disclosed. The text
 * and the limit are capped so that one request costs one short scan.
 */
public final class PlaceResource {
    static final int MAX_QUERY = 100;
    static final int MAX_LIMIT = 50;

    private final PlaceFinder places;

    public PlaceResource(PlaceFinder places) {
        this.places = places;
    }

    public ApiResponse search(ApiRequest request) {
        String q = request.queryParam("q").orElse("");
        if (q.length() > MAX_QUERY) throw new ApiException(400, "q is longer than " + MAX_QUERY + " characters", "q");
        int limit = CandidateResource.intParam(request, "limit", 10, 1, MAX_LIMIT);
        var items = places.find(q, limit);
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }
}
