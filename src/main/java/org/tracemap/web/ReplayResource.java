package org.tracemap.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.replay.ReplayBusyException;
import org.tracemap.replay.ReplayResult;
import org.tracemap.replay.ReplayService;

/**
 * {@code GET /replay/{timestamp}/{url}}, with {@code ?raw=1} for the archived bytes unchanged. Replay needs
 * no token by default ({@code tracemap.replay.public}): it serves what was public on the web, sandboxed, and
 * browsers cannot send bearer tokens from an iframe. Made private, it needs a token with READ.
 */
public final class ReplayResource {
    private static final Pattern PATH = Pattern.compile("^(?:[a-z]+://[^/]+)?/replay/([^/]*)/(.+)$", Pattern.DOTALL);
    private static final Pattern RAW = Pattern.compile("([?&])raw=1(?=&|$)");
    /**
     * Error answers open inside the review UI's frame, as replays do: framable by the UI only, sandboxed, loading
     * nothing.
     */
    private static final String ERROR_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'";

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
        if (!m.matches()) return error(400, "replay path must be /replay/{timestamp}/{url}", "url");
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
            ReplayResult result = replay.replay(timestamp, target, raw).orElse(null);
            if (result == null) return error(404, "not archived: " + abbreviate(m.group(2)), "url");
            return new ApiResponse(result.status(), result.headers(), result.body());
        } catch (InvalidInputException e) {
            return error(400, e.getMessage(), e.field());
        } catch (ReplayBusyException e) {
            ApiResponse busy = error(503, e.getMessage(), null);
            List<Map.Entry<String, String>> headers = new ArrayList<>(busy.headers());
            headers.add(Map.entry("Retry-After", "2"));
            return new ApiResponse(503, headers, busy.body());
        } catch (IOException e) {
            throw new UncheckedIOException("replay of " + abbreviate(target) + " failed: " + e.getMessage(), e);
        }
    }

    private static ApiResponse error(int status, String message, String field) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        headers.add(Map.entry("Content-Security-Policy", ERROR_CSP));
        headers.add(Map.entry("X-Frame-Options", "SAMEORIGIN"));
        return new ApiResponse(status, headers, field == null ? Map.of("error", message) : Map.of("error", message, "field", field));
    }

    /** Absurd URLs are echoed in error messages only in part. */
    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
