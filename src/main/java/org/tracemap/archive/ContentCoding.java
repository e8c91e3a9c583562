package org.tracemap.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/** Undoes an HTTP content-coding (gzip, deflate) on an archived payload; the archive keeps the coded bytes. */
public final class ContentCoding {
    private ContentCoding() {}

    /** True for the codings {@link #decode} can undo ("identity" and none included). */
    public static boolean isDecodable(String coding) {
        String c = normalize(coding);
        return c.equals("identity") || c.equals("gzip") || c.equals("x-gzip") || c.equals("deflate");
    }

    /** The decoded stream; throws for a coding that cannot be undone (such as br). */
    public static InputStream decode(InputStream coded, String coding) throws IOException {
        String c = normalize(coding);
        return switch (c) {
            case "identity" -> coded;
            case "gzip", "x-gzip" -> new GZIPInputStream(coded);
            case "deflate" -> new InflaterInputStream(coded);
            default -> {
                coded.close();
                throw new IOException("content-coding '" + c + "' cannot be decoded");
            }
        };
    }

    /**
     * At most {@code limit} bytes of the decoded payload: the bound applies to the bytes after decoding, so a
     * gzip bomb (1 MB that inflates to 1 GB) costs {@code limit} bytes, never the gigabyte. Callers ask for one
     * byte more than they accept to learn that a payload is too large.
     */
    public static byte[] readDecoded(InputStream coded, String coding, int limit) throws IOException {
        try (InputStream decoded = decode(coded, coding)) {
            return decoded.readNBytes(limit);
        }
    }

    private static String normalize(String coding) {
        return coding == null || coding.isBlank() ? "identity" : coding.trim().toLowerCase(Locale.ROOT);
    }
}
