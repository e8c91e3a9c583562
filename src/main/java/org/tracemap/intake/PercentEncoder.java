package org.tracemap.intake;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encodes what RFC 3986 does not allow in a path or query, as UTF-8, and upper-cases existing
 * escapes ({@code %c3%9f -> %C3%9F}). Valid escapes are kept as they are, so encoding twice changes
 * nothing — unlike jwarc's {@code percentEncodeIllegals}, which escapes every '%'.
 */
final class PercentEncoder {
    private static final String ALLOWED = "-._~!$&'()*+,;=:@/?";

    private PercentEncoder() {}

    static String encode(String pathAndQuery) {
        StringBuilder out = new StringBuilder(pathAndQuery.length() + 16);
        int i = 0;
        while (i < pathAndQuery.length()) {
            char c = pathAndQuery.charAt(i);
            if (c == '%' && isHex(pathAndQuery, i + 1) && isHex(pathAndQuery, i + 2)) {
                out.append('%').append(Character.toUpperCase(pathAndQuery.charAt(i + 1))).append(Character.toUpperCase(pathAndQuery.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80 && (Character.isLetterOrDigit(c) || ALLOWED.indexOf(c) >= 0)) {
                out.append(c);
                i++;
            } else {
                int cp = pathAndQuery.codePointAt(i);
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int i) {
        return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
    }
}
