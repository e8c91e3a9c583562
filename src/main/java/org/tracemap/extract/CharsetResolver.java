package org.tracemap.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;
import org.apache.tika.parser.txt.UniversalEncodingDetector;

/**
 * Decides how to decode an HTML page: a byte-order mark, then the HTTP header's charset, then the page's
 * own meta declaration, then detection from the bytes. Chinese declarations are widened to the superset
 * that pages actually use (GB2312 and GBK pages routinely contain GB18030 characters).
 */
final class CharsetResolver {
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int SNIFF = 4096;

    private CharsetResolver() {}

    static Charset resolve(byte[] page, String contentType) throws IOException {
        if (page.length >= 3 && (page[0] & 0xff) == 0xef && (page[1] & 0xff) == 0xbb && (page[2] & 0xff) == 0xbf) return StandardCharsets.UTF_8;
        if (page.length >= 2 && (page[0] & 0xff) == 0xfe && (page[1] & 0xff) == 0xff) return StandardCharsets.UTF_16BE;
        if (page.length >= 2 && (page[0] & 0xff) == 0xff && (page[1] & 0xff) == 0xfe) return StandardCharsets.UTF_16LE;
        Charset declared = fromContentType(contentType);
        if (declared == null) declared = fromMeta(page);
        // A UTF-8 declaration on bytes that are not UTF-8 is a common misconfiguration; the bytes win. So is the
        // reverse, a legacy declaration ("gb2312") left on a page re-saved as UTF-8: text in GBK or Big5 is almost
        // never valid UTF-8 by chance, so bytes that are, with real multi-byte text in them, are UTF-8.
        if (declared != null && declared.equals(StandardCharsets.UTF_8) && !isValidUtf8(page)) return widen(detect(page));
        if (declared != null && !declared.equals(StandardCharsets.UTF_8) && multiByteSequences(page, 20) >= 20 && isValidUtf8(page)) {
            return StandardCharsets.UTF_8;
        }
        if (declared != null) return widen(declared);
        return widen(detect(page));
    }

    static Charset fromContentType(String contentType) {
        if (contentType == null) return null;
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) return forName(p.substring(8).replace("\"", "").replace("'", "").trim());
        }
        return null;
    }

    private static Charset fromMeta(byte[] page) {
        Matcher m = META_CHARSET.matcher(new String(page, 0, Math.min(page.length, SNIFF), StandardCharsets.ISO_8859_1));
        return m.find() ? forName(m.group(1)) : null;
    }

    private static Charset detect(byte[] page) throws IOException {
        if (isValidUtf8(page)) return StandardCharsets.UTF_8;
        Metadata metadata = new Metadata();
        Charset icu = new Icu4jEncodingDetector().detect(new ByteArrayInputStream(page), metadata);
        if (icu != null) return icu;
        Charset universal = new UniversalEncodingDetector().detect(new ByteArrayInputStream(page), metadata);
        return universal != null ? universal : StandardCharsets.UTF_8;
    }

    /**
     * Strict UTF-8 check (no overlong forms, no surrogates, nothing past U+10FFFF): pages that decode cleanly as
     * UTF-8 almost never are anything else. A byte scan: decoding the page just to learn this cost a quarter of
     * the extraction time.
     */
    static boolean isValidUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            int cp = c & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                if (i + k >= n) return false;
                int cont = b[i + k] & 0xff;
                if ((cont & 0xc0) != 0x80) return false;
                cp = (cp << 6) | (cont & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
            i += extra + 1;
        }
        return true;
    }

    /** How many bytes that start a multi-byte UTF-8 sequence the page holds, counting no further than {@code enough}. */
    private static int multiByteSequences(byte[] b, int enough) {
        int n = 0;
        for (int i = 0; i < b.length && n < enough; i++) if ((b[i] & 0xe0) == 0xc0 || (b[i] & 0xf0) == 0xe0 || (b[i] & 0xf8) == 0xf0) n++;
        return n;
    }

    private static Charset widen(Charset c) {
        String name = c.name().toLowerCase(Locale.ROOT);
        if (name.equals("gb2312") || name.equals("gbk") || name.equals("euc-cn") || name.equals("x-euc-cn")) return Charset.forName("GB18030");
        if (name.equals("big5")) return Charset.forName("Big5-HKSCS");
        if (name.equals("iso-8859-1") || name.equals("us-ascii")) return Charset.forName("windows-1252"); // as browsers do
        return c;
    }

    private static Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
