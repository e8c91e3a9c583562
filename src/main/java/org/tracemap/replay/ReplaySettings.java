package org.tracemap.replay;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tracemap.config.TracemapConfig;

/**
 * Replay's policy and limits ({@code tracemap.replay.*}). The policy is checked here, once, at start: a
 * replay policy that lets archived pages out of the sandbox, or lets them fetch from anywhere, is refused.
 *
 * @param csp                Content-Security-Policy of every replayed response
 * @param maxRewriteBytes    decoded HTML or CSS larger than this is served as archived, not rewritten
 * @param rewriteConcurrency rewrites (parse, rewrite, serialise) running at once
 * @param rewriteWait        how long a replay waits for a rewrite slot before answering 503
 */
public record ReplaySettings(String csp, long maxRewriteBytes, int rewriteConcurrency, Duration rewriteWait) {
    /** The default policy: the sandbox, and fetches only from this server (where the rewritten links point). */
    public static final String DEFAULT_CSP = "sandbox; default-src 'self' data:; style-src 'self' 'unsafe-inline' data:; script-src 'none'; "
            + "object-src 'none'; connect-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

    public ReplaySettings {
        checkCsp(csp);
        if (maxRewriteBytes < 1 || maxRewriteBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tracemap.replay.max-rewrite-bytes must be between 1 byte and 2 GB: " + maxRewriteBytes);
        }
        if (rewriteConcurrency < 1) throw new IllegalArgumentException("tracemap.replay.rewrite-concurrency must be at least 1: " + rewriteConcurrency);
    }

    /** The defaults of {@code config/application.properties}, for tests and tools. */
    public static ReplaySettings defaults() {
        return new ReplaySettings(DEFAULT_CSP, 8L << 20, 2, Duration.ofSeconds(10));
    }

    public static ReplaySettings from(TracemapConfig config) {
        return new ReplaySettings(config.string("tracemap.replay.csp"), config.bytes("tracemap.replay.max-rewrite-bytes"),
                config.integer("tracemap.replay.rewrite-concurrency"), Duration.ofSeconds(10));
    }

    /**
     * Refuses a policy whose first directive is not {@code sandbox}, that allows same-origin anywhere (an
     * archived script would then act as this server), that has no {@code default-src}, or whose fetch
     * directives name any host ({@code *}, a bare scheme): archived pages would then fetch from the live web
     * and tell the site who reads its archived copy.
     */
    static void checkCsp(String csp) {
        String lower = csp == null ? "" : csp.strip().toLowerCase(Locale.ROOT);
        List<String[]> directives = Arrays.stream(lower.split(";")).map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.split("\\s+")).toList();
        boolean sandboxFirst = !directives.isEmpty() && directives.get(0)[0].equals("sandbox");
        boolean hasDefaultSrc = directives.stream().anyMatch(d -> d[0].equals("default-src"));
        boolean wide = directives.stream().anyMatch(d -> d[0].endsWith("-src") && Arrays.stream(d).skip(1).anyMatch(ReplaySettings::isWide));
        if (!sandboxFirst || lower.contains("allow-same-origin") || !hasDefaultSrc || wide) {
            throw new IllegalArgumentException("tracemap.replay.csp must start with 'sandbox', must not allow-same-origin, and must have a "
                    + "default-src; no fetch directive may allow any host (*) or a bare scheme (archived pages must not reach the live web): " + csp);
        }
    }

    /** A source that lets a page reach any host: {@code *}, {@code *.example.org}, or a bare scheme. */
    private static boolean isWide(String source) {
        return source.contains("*") || source.equals("http:") || source.equals("https:") || source.equals("ws:") || source.equals("wss:");
    }
}
