package org.tracemap.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.tracemap.catalog.TokenStore;

/** Checks bearer tokens; creates the admin token on first start. */
public final class Authenticator {
    private final TokenStore tokens;

    public Authenticator(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** Creates a token for a new user with {@code role} and returns it (shown once; only its hash is kept). */
    public String addUser(String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) throw new IllegalArgumentException("a user name of 1 to 100 characters is required");
        String token = newToken();
        tokens.add(token, name.strip(), role.id());
        return token;
    }

    private static String newToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * Makes sure an admin token exists: the given one (from {@code TRACEMAP_ADMIN_TOKEN}) if set, else a new
     * random one. Returns the new token so it can be printed once, or null when nothing was generated.
     */
    public String bootstrapAdmin(String fromEnvironment) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            tokens.add(fromEnvironment.trim(), "admin", "admin");
            return null;
        }
        if (tokens.hasAdmin()) return null;
        String token = newToken();
        tokens.add(token, "admin", "admin");
        return token;
    }

    /** The caller behind the request's bearer token, if their role allows {@code permission}; 401 or 403 otherwise. */
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

    /** The caller behind the request's bearer token; 401 when missing or unknown. */
    public TokenStore.Principal require(ApiRequest request) {
        String header = request.header("authorization").orElseThrow(() ->
                new ApiException(401, "missing Authorization: Bearer <token> header", null));
        if (!header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new ApiException(401, "Authorization header must be 'Bearer <token>'", null);
        }
        return tokens.lookup(header.substring(7).trim()).orElseThrow(() -> new ApiException(401, "unknown or revoked token", null));
    }
}
