package org.tracemap.catalog;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens: who each belongs to, their role, where it came from, and a salted slow hash of it — never the
 * token itself.
 *
 * <p><b>Storage.</b> Every row keeps PBKDF2-HMAC-SHA256 of its token with a random salt (600,000 iterations),
 * so a copied catalogue does not give tokens away, even a hand-picked {@code TRACEMAP_ADMIN_TOKEN} such as
 * {@code change-me}, without a slow guess per row.
 *
 * <p><b>Lookup stays fast.</b> A slow hash per request, or per row, is not affordable, so rows are found by id:
 * <ul>
 *   <li>tokens Tracemap generates (first start, {@code users add}; 256 random bits) by {@code k:} + HMAC-SHA256
 *       of the token under a per-install key in {@code archive/token.key} — a file beside the catalogue, not in
 *       it, so the catalogue alone (a dump, a backup, a PostgreSQL copy) holds nothing that confirms a guess
 *       faster than PBKDF2;</li>
 *   <li>the environment's admin token by the fixed id {@code env}: one row, replaced whenever the server starts
 *       with a different {@code TRACEMAP_ADMIN_TOKEN} (the old one stops working). It has no HMAC id on purpose:
 *       it may be human-chosen, and a fast keyed hash would let whoever holds catalogue and key file test
 *       guesses quickly. While the server runs with the variable set, it compares the SHA-256 of a presented
 *       token with the variable's in constant time (the value is in the process's memory anyway), so a wrong
 *       token never costs a PBKDF2. Started without the variable, an earlier environment row stays valid and
 *       is checked with PBKDF2 (the failed-attempt limit in {@code web.Authenticator} bounds that cost).</li>
 * </ul>
 * A token that verified is remembered in memory for {@link #CACHE_TTL}, keyed by its HMAC id, so PBKDF2 runs
 * once a minute per active token. Revocation is immediate in this process and takes up to that long in a
 * server running beside the CLI that revoked.
 *
 * <p><b>Rows from before V7</b> hold unsalted SHA-256 ({@code legacy:} ids). They keep working; on first use
 * one is re-hashed into a {@code k:} row. When the server starts with {@code TRACEMAP_ADMIN_TOKEN} set, legacy
 * rows named {@code admin} with role admin are revoked: the old code made the environment's token that way and
 * cannot tell it from a generated one, and the environment's token replaces the previous one.
 *
 * <p>Losing {@code archive/token.key} invalidates generated tokens (the environment's still works; make new
 * ones with {@code users add}).
 */
public final class TokenStore {
    /** Who a token belongs to and what they may do. */
    public record Principal(String name, String role) {}

    /** Where a token came from. */
    public enum Source { ENVIRONMENT, GENERATED, USER, LEGACY }

    /** A user as listed for admins: never the token, which is not stored. */
    public record User(String name, String role, String createdAt, String source) {}

    static final Duration CACHE_TTL = Duration.ofSeconds(60);
    private static final String ENV_ID = "env";
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final int MAX_CACHED = 10_000;

    private record Row(String id, String name, String role, String source, String salt, String hash, int iterations, String createdAt) {}

    private record Verified(Principal principal, Instant until) {}

    /** A token's salt and slow hash, computed before the write transaction (0.15 s must not hold the write lock). */
    private record Hashed(String salt, String hash) {
        static Hashed of(String token) {
            String salt = TokenHashes.salt();
            return new Hashed(salt, TokenHashes.slowHash(token, salt, TokenHashes.ITERATIONS));
        }
    }

    private final Catalog catalog;
    private final Clock clock;
    private final TokenHashes hashes;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    /** SHA-256 of {@code TRACEMAP_ADMIN_TOKEN} when this process was given one; null otherwise. */
    private volatile byte[] environmentDigest;

    public TokenStore(Catalog catalog, Clock clock, Path keyFile) {
        this.catalog = catalog;
        this.clock = clock;
        this.hashes = TokenHashes.open(keyFile);
    }

    /** Stores a token Tracemap generated (high entropy) for {@code name}. */
    public void add(String token, String name, String role, Source source) {
        if (source == Source.ENVIRONMENT || source == Source.LEGACY) throw new IllegalArgumentException("add stores generated tokens only");
        Hashed hashed = Hashed.of(token);
        catalog.write(c -> {
            insert(c, hashes.lookupId(token), hashed, name, role, source.name(), clock.instant().toString());
            return null;
        });
    }

    /**
     * Makes {@code token} (from {@code TRACEMAP_ADMIN_TOKEN}) the environment's admin token, replacing the
     * earlier one and revoking pre-V7 admin rows. Returns true when the stored token changed.
     */
    public boolean useEnvironmentToken(String token) {
        environmentDigest = TokenHashes.sha256(token);
        boolean same = row(ENV_ID).map(r -> TokenHashes.matches(token, r.salt(), r.hash(), r.iterations())).orElse(false);
        Hashed hashed = same ? null : Hashed.of(token);
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM api_credential WHERE source = 'LEGACY' AND ((name = 'admin' AND role = 'admin') OR id = ?)")) {
                ps.setString(1, TokenHashes.legacyId(token));
                ps.executeUpdate();
            }
            if (!same) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_credential WHERE id = ?")) {
                    ps.setString(1, ENV_ID);
                    ps.executeUpdate();
                }
                insert(c, ENV_ID, hashed, "admin", "admin", Source.ENVIRONMENT.name(), clock.instant().toString());
            }
            return null;
        });
        verified.clear();
        return !same;
    }

    /** Whose token this is, if it is a valid one. */
    public Optional<Principal> lookup(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) return Optional.empty();
        String id = hashes.lookupId(token);
        Verified hit = verified.get(id);
        if (hit != null && hit.until().isAfter(clock.instant())) return Optional.of(hit.principal());
        Optional<Principal> who = row(id).filter(r -> TokenHashes.matches(token, r.salt(), r.hash(), r.iterations())).map(TokenStore::principal)
                .or(() -> rehashLegacy(token, id))
                .or(() -> environment(token));
        who.ifPresent(p -> remember(id, p));
        return who;
    }

    /** A pre-V7 row of this token, moved to a salted slow hash under its HMAC id. */
    private Optional<Principal> rehashLegacy(String token, String id) {
        Optional<Row> legacy = row(TokenHashes.legacyId(token)).filter(r -> TokenHashes.matches(token, r.salt(), r.hash(), r.iterations()));
        legacy.ifPresent(r -> {
            Hashed hashed = Hashed.of(token);
            catalog.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_credential WHERE id = ?")) {
                    ps.setString(1, r.id());
                    if (ps.executeUpdate() == 1) insert(c, id, hashed, r.name(), r.role(), r.source(), r.createdAt());
                }
                return null;
            });
        });
        return legacy.map(TokenStore::principal);
    }

    private Optional<Principal> environment(String token) {
        byte[] expected = environmentDigest;
        if (expected != null && !MessageDigest.isEqual(expected, TokenHashes.sha256(token))) return Optional.empty();
        return row(ENV_ID).filter(r -> expected != null || TokenHashes.matches(token, r.salt(), r.hash(), r.iterations())).map(TokenStore::principal);
    }

    private void remember(String id, Principal p) {
        if (verified.size() >= MAX_CACHED) verified.clear();
        verified.put(id, new Verified(p, clock.instant().plus(CACHE_TTL)));
    }

    public List<User> users() {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at, source FROM api_credential ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (rs.next()) out.add(new User(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                return out;
            }
        });
    }

    /** Revokes every token of the named user; returns how many. */
    public int revoke(String name) {
        int n = catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_credential WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
        verified.values().removeIf(v -> v.principal().name().equals(name));
        return n;
    }

    public boolean hasAdmin() {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_credential WHERE role = 'admin' LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private Optional<Row> row(String id) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, role, source, salt, secret_hash, iterations, created_at FROM api_credential WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getInt(7), rs.getString(8)));
                }
            }
        });
    }

    private static void insert(Connection c, String id, Hashed hashed, String name, String role, String source, String createdAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_credential (id, name, role, source, salt, secret_hash, iterations, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, role);
            ps.setString(4, source);
            ps.setString(5, hashed.salt());
            ps.setString(6, hashed.hash());
            ps.setInt(7, TokenHashes.ITERATIONS);
            ps.setString(8, createdAt);
            ps.executeUpdate();
        }
    }

    private static Principal principal(Row r) {
        return new Principal(r.name(), r.role());
    }
}
