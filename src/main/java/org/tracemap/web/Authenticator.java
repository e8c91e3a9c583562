package org.tracemap.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.tracemap.catalog.TokenStore;

/**
 * Checks bearer tokens and the caller's role on every call that needs one; creates the admin token on start.
 *
 * <p>Guessing is slowed down per client address ({@link ClientAddresses}: the connection's peer unless a
 * trusted proxy forwarded it): after {@code maxFailuresPerMinute} unknown tokens within a minute, every
 * request from that address that needs a token is answered 429 with Retry-After — whatever token it carries,
 * so guesses cannot go on being checked meanwhile. A missing header is not counted (it guesses nothing).
 */
public final class Authenticator {
    private static final String CHALLENGE = "Bearer realm=\"tracemap\"";

    private final TokenStore tokens;
    private final FailedTokenLimiter failures;
    private final Sessions sessions; // null: bearer tokens only

    /** Without a failed-attempt limit: for the command line, which manages users but serves no requests. */
    public Authenticator(TokenStore tokens) {
        this(tokens, Integer.MAX_VALUE, Clock.systemUTC(), null);
    }

    public Authenticator(TokenStore tokens, int maxFailuresPerMinute, Clock clock) {
        this(tokens, maxFailuresPerMinute, clock, null);
    }

    /** @param sessions the browser sessions whose cookie may stand in for the bearer header; null for none */
    public Authenticator(TokenStore tokens, int maxFailuresPerMinute, Clock clock, Sessions sessions) {
        if (maxFailuresPerMinute < 1) throw new IllegalArgumentException("tracemap.auth.max-failures-per-minute must be at least 1");
        this.tokens = tokens;
        this.failures = new FailedTokenLimiter(maxFailuresPerMinute, clock);
        this.sessions = sessions;
    }

    /** Creates a token for a new user with {@code role} and returns it (shown once; only its hashes are kept). */
    public String addUser(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) throw new IllegalArgumentException("a user name of 1 to 100 characters is required");
        String token = newToken();
        tokens.add(token, name.strip(), role.id(), TokenStore.Source.USER);
        return token;
    }

    private static String newToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Makes sure an admin token exists. With {@code TRACEMAP_ADMIN_TOKEN} set, that token is the admin token and
     * replaces the one an earlier start took from the environment. Otherwise, if there is no admin yet, a random
     * one is made; it is returned so it can be printed once (null when nothing was generated).
     */
    public String bootstrapAdmin(String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            tokens.useEnvironmentToken(fromEnvironment.trim());
            return null;
        }
        if (tokens.hasAdmin()) return null;
        String token = newToken();
        tokens.add(token, "admin", "admin", TokenStore.Source.GENERATED);
        return token;
    }

    /** The caller behind the request's bearer token, if their role allows {@code permission}; 401, 403 or 429 otherwise. */
    public TokenStore.Principal require(ApiRequest request, Role.Permission permission) {
        TokenStore.Principal who = require(request);
        Role role;
        try {
            role = Role.parse(who.role());
        } catch (IllegalArgumentException e) {
            throw new ApiException(403, "token of " + who.name() + " has an unknown role '" + who.role() + "'", null);
        }
        if (!role.may(permission)) {
            throw new ApiException(403, who.name() + " (" + role.id() + ") may not " + permission.name().toLowerCase(Locale.ROOT), null);
        }
        return who;
    }

    /**
     * The caller behind the request: its bearer token, or else its session cookie (whose state-changing requests
     * must carry the session's CSRF token). 401 when neither names a valid token, 429 after too many unknown ones.
     */
    public TokenStore.Principal require(ApiRequest request) {
        String client = clientOf(request);
        refuseWhileBlocked(client);
        Optional<String> header = request.header("authorization");
        if (header.isEmpty() && sessions != null) return fromSession(request);
        String value = header.orElseThrow(() -> new ApiException(401, "not signed in: sign in, or send an Authorization: Bearer <token> header", null)
                .withHeader("WWW-Authenticate", CHALLENGE));
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            failures.failed(client);
            throw new ApiException(401, "Authorization header must be 'Bearer <token>'", null).withHeader("WWW-Authenticate", CHALLENGE);
        }
        return verify(client, value.substring(7).trim());
    }

    /**
     * Signs a browser in: checks {@code token} (counted against the client's failed attempts like a bearer token)
     * and opens a session for it.
     */
    public SignIn signIn(ApiRequest request, String token) {
        if (sessions == null) throw new IllegalStateException("this server has no browser sessions");
        String client = clientOf(request);
        refuseWhileBlocked(client);
        TokenStore.Principal who = verify(client, token == null ? "" : token.strip());
        Sessions.Session s = sessions.open(token.strip());
        return new SignIn(who, s.csrf(), sessions.cookieFor(s));
    }

    /** The caller of a signed-in browser, with the CSRF token its page must send back. */
    public SignIn currentSession(ApiRequest request) {
        if (sessions == null) throw new ApiException(401, "not signed in", null);
        Sessions.Session s = sessions.find(request).orElseThrow(() -> new ApiException(401, "not signed in", null));
        TokenStore.Principal who = tokens.lookup(s.token()).orElseThrow(() -> {
            sessions.close(request);
            return new ApiException(401, "your token was revoked; sign in with a valid one", null);
        });
        return new SignIn(who, s.csrf(), null);
    }

    /** Ends the browser's session (if any) and returns the Set-Cookie value that clears it. */
    public String signOut(ApiRequest request) {
        if (sessions == null) throw new IllegalStateException("this server has no browser sessions");
        sessions.close(request);
        return sessions.clearingCookie();
    }

    /** A signed-in browser: who, the CSRF token for its page, and the Set-Cookie value (null when none is to be sent). */
    public record SignIn(TokenStore.Principal principal, String csrf, String setCookie) {}

    private TokenStore.Principal fromSession(ApiRequest request) {
        Optional<Sessions.Session> session = sessions.find(request);
        if (session.isEmpty()) {
            String message = sessions.hasCookie(request) ? "your session has ended; sign in again" : "not signed in: sign in, or send an Authorization: Bearer <token> header";
            throw new ApiException(401, message, null).withHeader("WWW-Authenticate", CHALLENGE);
        }
        TokenStore.Principal who = tokens.lookup(session.get().token()).orElseThrow(() -> {
            sessions.close(request);
            return new ApiException(401, "your token was revoked; sign in with a valid one", null).withHeader("WWW-Authenticate", CHALLENGE);
        });
        if (Sessions.changesState(request) && !Sessions.csrfMatches(session.get(), request)) {
            throw new ApiException(403, "missing or wrong X-CSRF-Token header for this session; reload the page", null);
        }
        return who;
    }

    private TokenStore.Principal verify(String client, String token) {
        Optional<TokenStore.Principal> who = tokens.lookup(token);
        if (who.isEmpty()) {
            failures.failed(client);
            throw new ApiException(401, "unknown or revoked token", null).withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        }
        return who.get();
    }

    private void refuseWhileBlocked(String client) {
        Optional<Duration> wait = failures.blocked(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "too many unknown tokens from " + client + "; try again in " + seconds + " s", null)
                    .withHeader("Retry-After", Long.toString(seconds));
        }
    }

    private static String clientOf(ApiRequest request) {
        return request.clientAddress() == null ? "unknown" : request.clientAddress();
    }
}
