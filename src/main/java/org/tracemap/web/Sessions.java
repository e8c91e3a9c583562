package org.tracemap.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sign-in: a token typed once becomes a session whose id lives only in an HttpOnly, SameSite=Strict
 * cookie, so no script on the page (nor an archived page that escaped its sandbox) can read a credential.
 *
 * <p>A session holds the token it was opened with and looks it up again on every request (through the token
 * store's short cache), so revoking the token ends its sessions as quickly as it ends bearer use. Each session
 * has its own CSRF token, given to the page in the sign-in answer and required in {@code X-CSRF-Token} on every
 * state-changing request the cookie authenticates; SameSite=Strict already keeps other sites' requests from
 * carrying the cookie, the CSRF token also covers browsers and same-site neighbours where it would not.
 *
 * <p>Sessions are kept in memory: a restart signs everyone out, which costs a reviewer one paste of their token
 * and keeps session ids out of the catalogue and its backups.
 */
public final class Sessions {
    public static final String COOKIE = "tracemap_session";
    public static final String CSRF_HEADER = "x-csrf-token";
    /** Far above any team's open tabs; what it bounds is memory under a flood of sign-ins with a valid token. */
    private static final int MAX_SESSIONS = 10_000;

    /** One signed-in browser. {@code token} is what it signed in with; {@code lastSeen} moves with use. */
    record Session(String id, String token, String csrf, Instant created, Instant lastSeen) {}

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration idle;
    private final Duration maxAge;
    private final boolean secureCookie;
    private final Clock clock;

    /**
     * @param idle         a session unused this long ends ({@code tracemap.ui.session-idle})
     * @param maxAge       a session ends this long after sign-in whatever its use ({@code tracemap.ui.session-max-age})
     * @param secureCookie mark the cookie Secure: the UI is served over https ({@code tracemap.server.public-url})
     */
    public Sessions(Duration idle, Duration maxAge, boolean secureCookie, Clock clock) {
        if (idle.isNegative() || idle.isZero() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("tracemap.ui.session-idle and tracemap.ui.session-max-age must be positive");
        }
        this.idle = idle;
        this.maxAge = maxAge;
        this.secureCookie = secureCookie;
        this.clock = clock;
    }

    /** Opens a session for an already verified token. */
    Session open(String token) {
        Instant now = clock.instant();
        if (byId.size() >= MAX_SESSIONS) expire(now);
        if (byId.size() >= MAX_SESSIONS) throw new ApiException(503, "too many open sessions; try again later", null);
        Session s = new Session(randomId(), token, randomId(), now, now);
        byId.put(s.id(), s);
        return s;
    }

    /** The live session named by the request's cookie, touched; empty when there is no cookie or it has ended. */
    Optional<Session> find(ApiRequest request) {
        return cookie(request).flatMap(id -> {
            Session s = byId.get(id);
            if (s == null) return Optional.empty();
            Instant now = clock.instant();
            if (ended(s, now)) {
                byId.remove(id, s);
                return Optional.empty();
            }
            Session touched = new Session(s.id(), s.token(), s.csrf(), s.created(), now);
            byId.replace(id, s, touched);
            return Optional.of(touched);
        });
    }

    /** Whether the request carries the cookie at all (a stale cookie is a different answer from none). */
    boolean hasCookie(ApiRequest request) {
        return cookie(request).isPresent();
    }

    void close(ApiRequest request) {
        cookie(request).ifPresent(byId::remove);
    }

    /** True when a state-changing request carries the session's CSRF token (compared in constant time). */
    static boolean csrfMatches(Session s, ApiRequest request) {
        String sent = request.header(CSRF_HEADER).map(String::strip).orElse("");
        return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    static boolean changesState(ApiRequest request) {
        String m = request.method() == null ? "GET" : request.method().toUpperCase(java.util.Locale.ROOT);
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }

    /** The Set-Cookie value that hands {@code s} to the browser. */
    String cookieFor(Session s) {
        return COOKIE + "=" + s.id() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAge.toSeconds() + (secureCookie ? "; Secure" : "");
    }

    /** The Set-Cookie value that makes the browser forget its session. */
    String clearingCookie() {
        return COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" + (secureCookie ? "; Secure" : "");
    }

    int size() {
        return byId.size();
    }

    private boolean ended(Session s, Instant now) {
        return !s.lastSeen().plus(idle).isAfter(now) || !s.created().plus(maxAge).isAfter(now);
    }

    private void expire(Instant now) {
        for (Iterator<Session> it = byId.values().iterator(); it.hasNext(); ) {
            if (ended(it.next(), now)) it.remove();
        }
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The session id from the Cookie header; other cookies (and malformed pairs) are ignored. */
    private static Optional<String> cookie(ApiRequest request) {
        // HttpBridge joins repeated headers with ", "; cookie pairs are separated by "; ".
        return request.header("cookie").flatMap(header -> {
            for (String pair : header.split("[;,]")) {
                String p = pair.strip();
                if (p.startsWith(COOKIE + "=")) {
                    String v = p.substring(COOKIE.length() + 1);
                    if (!v.isEmpty() && v.length() <= 100) return Optional.of(v);
                }
            }
            return Optional.empty();
        });
    }
}
