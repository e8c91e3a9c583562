package org.tracemap.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hashes behind API tokens, all from the JDK: the lookup id (HMAC-SHA256 under a per-install key kept in
 * a file beside the catalogue, never in it), the salted slow hash (PBKDF2-HMAC-SHA256) and the plain SHA-256
 * of rows made before V7. See {@link TokenStore} for how they fit together.
 */
final class TokenHashes {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; ~0.15 s here. Stored per row, so raising it later is safe. */
    static final int ITERATIONS = 600_000;
    private static final int KEY_BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] installKey;

    private TokenHashes(byte[] installKey) {
        this.installKey = installKey;
    }

    /** Reads the install key from {@code keyFile}, creating it (32 random bytes, owner-only) on first use. */
    static TokenHashes open(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) create(keyFile);
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(keyFile + " is damaged (" + key.length + " bytes, not " + KEY_BYTES
                        + "); restore it from a backup, or delete it and create the users' tokens again");
            }
            return new TokenHashes(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes a new key under a temporary name and links it into place, so a racing process never reads half a key. */
    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".token-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the archive folder's own permissions protect it.
            }
            Files.write(temp, key);
            try {
                Files.createLink(keyFile, temp);
            } catch (FileAlreadyExistsException anotherProcessWasFirst) {
                // Theirs is the key; ours is dropped below.
            } catch (UnsupportedOperationException noHardLinks) {
                Files.move(temp, keyFile);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** How a generated token is found: {@code k:} + hex HMAC-SHA256(install key, token). */
    String lookupId(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(installKey, "HmacSHA256"));
            return "k:" + HEX.formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    /** How a token stored before V7 is found: {@code legacy:} + its hex SHA-256. */
    static String legacyId(String token) {
        return "legacy:" + HEX.formatHex(sha256(token));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** A new random salt, hex. */
    static String salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HEX.formatHex(salt);
    }

    /** Hex PBKDF2-HMAC-SHA256 of the token: the slow hash stored for it. */
    static String slowHash(String token, String saltHex, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), HEX.parseHex(saltHex), iterations, 256);
        try {
            return HEX.formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * Whether {@code token} hashes to {@code storedHex}: PBKDF2 with the row's salt and iterations, or plain
     * SHA-256 for a legacy row (iterations 0). Compared in constant time.
     */
    static boolean matches(String token, String saltHex, String storedHex, int iterations) {
        byte[] expected = HEX.parseHex(storedHex);
        byte[] actual = iterations == 0 ? sha256(token) : HEX.parseHex(slowHash(token, saltHex, iterations));
        return MessageDigest.isEqual(expected, actual);
    }
}
