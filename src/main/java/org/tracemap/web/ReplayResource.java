package org.tracemap.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracemap.replay.ReplayResult;
import org.tracemap.replay.ReplayService;

/**
 * {@code GET /replay/{timestamp}/{url}}, with {@code ?raw=1} for the archived bytes unchanged. Replay needs
 * no token by default ({@code tracemap.replay.public}): it serves what was public on the web, sandboxed, and
 * browsers cannot send bearer tokens from an iframe. Made private, it needs a token with READ.
 */
public final class ReplayResource {
    private static final Pattern PATH = Pattern.compile("^(?:[a-z]+://[^/]+)?/replay/(\\d{1,14})/(.+)$", Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("([?&])raw=1(?=&|$)");

    private final ReplayService replay;
    private final Authenticator auth;
    private final boolean isPublic;

    /** Public replay. */
    public ReplayResource(ReplayService replay) {
        this(replay, null, true);
    }

    public ReplayResource(ReplayService replay, Authenticator auth, boolean isPublic) {
        if (!isPublic && auth == null) throw new IllegalArgumentException("private replay needs an authenticator");
        this.replay = replay;
        this.auth = auth;
        this.isPublic = isPublic;
    }

    public ApiResponse get(ApiRequest request) {
        if (!isPublic) auth.require(request, Role.Permission.READ);
        Matcher m = PATH.matcher(request.rawUri());
        if (!m.matches()) throw new ApiException(400, "replay path must be /replay/{timestamp}/{url}", "url");
        String timestamp = m.group(1);
        String target = m.group(2);
        // Our own raw=1 is taken off the end of the archived URL's query, which stays intact otherwise.
        boolean raw = false;
        Matcher r = RAW.matcher(target);
        if (r.find()) {
            raw = true;
            target = target.substring(0, r.start()) + (r.group(1).equals("?") && r.end() < target.length() ? "?" + target.substring(r.end() + 1) : target.substring(r.end()));
        }
        target = target.replaceFirst("^(https?):/(?!/)", "$1://"); // servers may fold the double slash
        try {
            ReplayResult result = replay.replay(timestamp, target, raw).orElseThrow(() ->
                    new ApiException(404, "not archived: " + m.group(2), "url"));
            List<Map.Entry<String, String>> headers = new ArrayList<>(result.headers());
            if (result.length() >= 0) headers.add(Map.entry("Content-Length", Long.toString(result.length())));
            return new ApiResponse(result.status(), headers, result.body());
        } catch (IOException e) {
            throw new UncheckedIOException("replay of " + target + " failed: " + e.getMessage(), e);
        }
    }
}
