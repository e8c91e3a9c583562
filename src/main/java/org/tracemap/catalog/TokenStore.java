package org.tracemap.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/** API tokens. Only a SHA-256 hash of each token is stored, so a copied database grants nothing. */
public final class TokenStore {
    /** Who a token belongs to and what they may do. */
    public record Principal(String name, String role) {}

    private final Catalog catalog;
    private final Clock clock;

    public TokenStore(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    public void add(String token, String name, String role) {
        catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_token (token_hash, name, role, created_at) VALUES (?,?,?,?) ON CONFLICT (token_hash) DO NOTHING")) {
                ps.setString(1, hash(token));
                ps.setString(2, name);
                ps.setString(3, role);
                ps.setString(4, clock.instant().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Principal> lookup(String token) {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role FROM api_token WHERE token_hash = ?")) {
                ps.setString(1, hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Principal(rs.getString(1), rs.getString(2))) : Optional.empty();
                }
            }
        });
    }

    /** A user as listed for admins: never the token, which is not stored. */
    public record User(String name, String role, String createdAt) {}

    public java.util.List<User> users() {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, role, created_at FROM api_token ORDER BY created_at, name");
                 ResultSet rs = ps.executeQuery()) {
                java.util.List<User> out = new java.util.ArrayList<>();
                while (rs.next()) out.add(new User(rs.getString(1), rs.getString(2), rs.getString(3)));
                return out;
            }
        });
    }

    /** Revokes every token of the named user; returns how many. */
    public int revoke(String name) {
        return catalog.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }

    public boolean hasAdmin() {
        return catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_token WHERE role = 'admin' LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
