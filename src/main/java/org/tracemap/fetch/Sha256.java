package org.tracemap.fetch;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.netpreserve.jwarc.WarcDigest;

/**
 * SHA-256 digests in the one form Tracemap writes: {@code sha256:<lower-case hex>}. Base32 of a SHA-256 needs
 * '=' padding, which the WARC grammar's token characters do not allow (jwarc validate rejects it).
 */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest digester() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The digest so far, as a WARC labelled digest; resets {@code md}. */
    public static WarcDigest toWarc(MessageDigest md) {
        return new WarcDigest("sha256", HexFormat.of().formatHex(md.digest()));
    }

    /** The {@code sha256:<hex>} label; jwarc's own {@code toString()} would give padded base32. */
    public static String label(WarcDigest digest) {
        return digest.algorithm() + ":" + digest.hex();
    }

    public static WarcDigest of(byte[] bytes) {
        MessageDigest md = digester();
        md.update(bytes);
        return toWarc(md);
    }
}
