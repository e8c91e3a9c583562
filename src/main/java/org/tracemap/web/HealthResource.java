package org.tracemap.web;

import java.util.Map;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;

/** {@code GET /health} and {@code GET /metrics} (Prometheus text format). */
public final class HealthResource {
    private final CaptureStore captures;

    public HealthResource(CaptureStore captures) {
        this.captures = captures;
    }

    public ApiResponse health(ApiRequest request) {
        captures.countByStatus(); // proves the catalogue answers
        return ApiResponse.json(200, Map.of("status", "UP"));
    }

    public ApiResponse metrics(ApiRequest request) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP tracemap_captures Captures by pipeline status.\n");
        out.append("# TYPE tracemap_captures gauge\n");
        Map<CaptureStatus, Long> counts = captures.countByStatus();
        for (CaptureStatus status : CaptureStatus.values()) {
            out.append("tracemap_captures{status=\"").append(status.name()).append("\"} ").append(counts.getOrDefault(status, 0L)).append('\n');
        }
        return ApiResponse.text(200, "text/plain; version=0.0.4", out.toString());
    }
}
