package org.tracemap.web;

import io.vertx.core.MultiMap;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The security headers on answers that never pass through {@link HttpBridge}: Vert.x's own 404 and 405 (no
 * route, wrong method) and Camel's 500 when writing an answer fails. A handler placed first on platform-http's
 * router sets them just before any answer's headers go out; an answer's own policy (the UI's, a replay's) is
 * kept, nosniff always replaces.
 */
public final class HttpSafetyNet {
    private HttpSafetyNet() {}

    /** Installs the handler on the router of the platform-http server listening on {@code port}. */
    public static void install(CamelContext camel, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(camel, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) throw new IllegalStateException("no platform-http router for port " + port + ": is the HTTP server enabled?");
        router.route().order(-1_000_000).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> secure(ctx.response().headers()));
            ctx.next();
        });
    }

    static void secure(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains("Content-Security-Policy")) headers.set("Content-Security-Policy", ResponseHeaders.API_CSP);
        if (!headers.contains("X-Frame-Options")) headers.set("X-Frame-Options", "DENY");
    }
}
