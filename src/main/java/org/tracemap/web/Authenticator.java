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

    /** Without a failed-attempt limit: for the command line, which manages users but serves no requests. */
    public Authenticator(TokenStore tokens) {
        this(tokens, Integer.MAX_VALUE, Clock.systemUTC());
    }

    public Authenticator(TokenStore tokens, int maxFailuresPerMinute, Clock clock) {
        if (maxFailuresPerMinute < 1) throw new IllegalArgumentException("tracemap.auth.max-failures-per-minute must be at least 1");
        this.tokens = tokens;
        this.failures = new FailedTokenLimiter(maxFailuresPerMinute, clock);
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

    /** The caller behind the request's bearer token; 401 when missing or unknown, 429 after too many unknown ones. */
    public TokenStore.Principal require(ApiRequest request) {
        String client = request.clientAddress() == null ? "unknown" : request.clientAddress();
        Optional<Duration> wait = failures.blocked(client);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(429, "too many unknown tokens from " + client + "; try again in " + seconds + " s", null)
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        String header = request.header("authorization").orElseThrow(() ->
                new ApiException(401, "missing Authorization: Bearer <token> header", null).withHeader("WWW-Authenticate", CHALLENGE));
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            failures.failed(client);
            throw new ApiException(401, "Authorization header must be 'Bearer <token>'", null).withHeader("WWW-Authenticate", CHALLENGE);
        }
        Optional<TokenStore.Principal> who = tokens.lookup(header.substring(7).trim());
        if (who.isEmpty()) {
            failures.failed(client);
            throw new ApiException(401, "unknown or revoked token", null).withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
        }
        return who.get();
    }
}
