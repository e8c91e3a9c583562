package org.tracemap.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/ui-config}: what the pages need to know about this server's settings before they draw,
 * public because the public map reads it before anyone signs in. Today the map's tile server:
 * {@code {"map": {"tileUrl": null | "https://{s}.tile.example.org/{z}/{x}/{y}.png", "attribution": null | "…"}}}.
 */
public final class UiConfigResource {
    private final MapTiles tiles;

    public UiConfigResource(MapTiles tiles) {
        this.tiles = tiles;
    }

    public ApiResponse get(ApiRequest request) {
        Map<String, Object> map = new LinkedHashMap<>(); // Map.of refuses the nulls that mean "outlines only"
        map.put("tileUrl", tiles.url().orElse(null));
        map.put("attribution", tiles.url().isPresent() ? tiles.attribution() : null);
        return ApiResponse.json(200, Map.of("map", map));
    }
}
