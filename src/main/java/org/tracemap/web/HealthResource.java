package org.tracemap.web;

import java.util.Map;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;

/**
 * {@code GET /health} (always public: load balancers and probes carry no token) and {@code GET /metrics}
 * (Prometheus text format; needs a token with READ unless {@code tracemap.metrics.public} is true, since the
 * counts tell outsiders what the archive is doing; Prometheus sends one with {@code bearer_token_file}).
 */
public final class HealthResource {
    private final CaptureStore captures;
    private final Authenticator auth;
    private final boolean metricsPublic;

    /** Public metrics. */
    public HealthResource(CaptureStore captures) {
        this(captures, null, true);
    }

    public HealthResource(CaptureStore captures, Authenticator auth, boolean metricsPublic) {
        if (!metricsPublic && auth == null) throw new IllegalArgumentException("private metrics need an authenticator");
        this.captures = captures;
        this.auth = auth;
        this.metricsPublic = metricsPublic;
    }

    public ApiResponse health(ApiRequest request) {
        captures.countByStatus(); // proves the catalogue answers
        return ApiResponse.json(200, Map.of("status", "UP"));
    }

    public ApiResponse metrics(ApiRequest request) {
        if (!metricsPublic) auth.require(request, Role.Permission.READ);
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
