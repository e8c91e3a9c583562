package org.tracemap.replay;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Rewrites the URLs inside CSS — {@code url(...)}, {@code @import "..."} and the strings of
 * {@code image-set(...)} — so that a replayed stylesheet, {@code <style>} element or {@code style} attribute
 * loads from the archive rather than the live site.
 *
 * <p>A scanner, not a CSS parser: it skips comments and strings and recognises the three forms above. CSS
 * escapes can spell {@code url(} so that it misses them ({@code \75 rl(}); the replay's Content-Security-Policy
 * is what stops such a fetch. Rewriting is for fidelity, the policy for safety.
 */
final class CssUrlRewriter {
    private final UnaryOperator<String> rewriteUrl;

    /** @param rewriteUrl given a URL as written in the CSS, the URL to put in its place (or the same one) */
    CssUrlRewriter(UnaryOperator<String> rewriteUrl) {
        this.rewriteUrl = rewriteUrl;
    }

    String rewrite(String css) {
        StringBuilder out = new StringBuilder(css.length() + 64);
        int depth = 0;
        int imageSetDepth = -1; // the parenthesis depth inside which strings are image-set candidates
        boolean inImport = false; // after @import, up to its ';' or '{'
        int i = 0;
        int n = css.length();
        while (i < n) {
            char c = css.charAt(i);
            if (c == '/' && i + 1 < n && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                out.append(css, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int end = stringEnd(css, i);
                String value = css.substring(i + 1, Math.max(i + 1, end - 1));
                boolean closed = end - 1 > i && css.charAt(end - 1) == c;
                if ((inImport || imageSetDepth >= 0 && depth == imageSetDepth + 1) && closed) {
                    out.append('"').append(quoted(rewriteUrl.apply(value))).append('"');
                } else {
                    out.append(css, i, end);
                }
                i = end;
            } else if (startsWithIgnoreCase(css, i, "url(") && !isNameChar(css, i - 1)) {
                i = urlToken(css, i, out);
            } else if (startsWithIgnoreCase(css, i, "@import")) {
                inImport = true;
                out.append(css, i, i + 7);
                i += 7;
            } else if (startsWithIgnoreCase(css, i, "image-set(")) {
                imageSetDepth = depth;
                depth++;
                out.append(css, i, i + 10);
                i += 10;
            } else {
                if (c == '(') depth++;
                if (c == ')' && depth > 0) {
                    depth--;
                    if (depth == imageSetDepth) imageSetDepth = -1;
                }
                if (c == ';' || c == '{' || c == '}') inImport = false;
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies a {@code url(...)} token starting at {@code start} with its URL rewritten; returns the index after it. */
    private int urlToken(String css, int start, StringBuilder out) {
        int i = start + 4;
        int n = css.length();
        while (i < n && Character.isWhitespace(css.charAt(i))) i++;
        String value;
        int after;
        if (i < n && (css.charAt(i) == '"' || css.charAt(i) == '\'')) {
            int end = stringEnd(css, i);
            value = css.substring(i + 1, Math.max(i + 1, end - 1));
            after = end;
            while (after < n && Character.isWhitespace(css.charAt(after))) after++;
        } else {
            int close = css.indexOf(')', i);
            after = close < 0 ? n : close;
            value = css.substring(i, after).strip();
        }
        if (after >= n || css.charAt(after) != ')') { // unterminated: leave it as written
            out.append(css, start, n);
            return n;
        }
        out.append("url(\"").append(quoted(rewriteUrl.apply(value))).append("\")");
        return after + 1;
    }

    /** The index after the string that opens at {@code start} (after its closing quote, or at the line end). */
    private static int stringEnd(String css, int start) {
        char quote = css.charAt(start);
        int i = start + 1;
        while (i < css.length()) {
            char c = css.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i; // a bad string ends at the line end (CSS Syntax §4.3.5)
            } else {
                i++;
            }
        }
        return css.length();
    }

    /** Keeps a URL inside a double-quoted CSS string. */
    private static String quoted(String url) {
        return url.replace("\\", "%5C").replace("\"", "%22").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static boolean startsWithIgnoreCase(String css, int at, String prefix) {
        return css.regionMatches(true, at, prefix, 0, prefix.length());
    }

    private static boolean isNameChar(String css, int at) {
        if (at < 0) return false;
        char c = css.charAt(at);
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '\\';
    }

    static boolean looksLikeCss(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("text/css");
    }
}
