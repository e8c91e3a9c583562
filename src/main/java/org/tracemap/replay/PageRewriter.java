package org.tracemap.replay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites archived HTML and CSS within bounds: at most {@code maxRewriteBytes} of decoded body are read (a
 * 1 MB gzip bomb decodes to gigabytes; the rest is never inflated), and at most {@code rewriteConcurrency}
 * rewrites hold a parsed page at once. jsoup keeps a page in memory at up to ~10x its size, so these two bound
 * the heap replay can take, however many replays arrive together.
 */
final class PageRewriter {
    private static final Pattern CSS_CHARSET = Pattern.compile("^@charset \"([A-Za-z0-9_.:-]{1,40})\";");

    /** A rewritten body and the charset it is encoded in. */
    record Rewritten(byte[] bytes, Charset charset) {}

    private final int maxBytes;
    private final Semaphore slots;
    private final ReplaySettings settings;

    PageRewriter(ReplaySettings settings) {
        this.settings = settings;
        this.maxBytes = (int) settings.maxRewriteBytes();
        this.slots = new Semaphore(settings.rewriteConcurrency(), true);
    }

    long maxBytes() {
        return maxBytes;
    }

    /**
     * The rewritten page, or empty when its decoded body is larger than the limit (the caller then serves it
     * as archived). Throws {@link ReplayBusyException} when no rewrite slot frees up in time.
     *
     * @param decoded  the body with its content-coding undone; read at most limit + 1 bytes, not closed here
     * @param declared the charset of the Content-Type header, or null
     */
    Optional<Rewritten> rewrite(InputStream decoded, boolean html, Charset declared, String baseUrl, ReplayLinks links) throws IOException {
        acquire();
        try {
            byte[] body = decoded.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) return Optional.empty();
            if (html) {
                HtmlLinkRewriter.Rewritten page = HtmlLinkRewriter.rewrite(new ByteArrayInputStream(body), declared, baseUrl, links);
                return Optional.of(new Rewritten(page.bytes(), page.charset()));
            }
            Charset charset = cssCharset(body, declared);
            String css = new CssUrlRewriter(url -> links.rewrite(baseUrl, url)).rewrite(new String(body, charset));
            return Optional.of(new Rewritten(css.getBytes(charset), charset));
        } finally {
            slots.release();
        }
    }

    private void acquire() throws InterruptedIOException {
        try {
            if (!slots.tryAcquire(settings.rewriteWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ReplayBusyException("all " + settings.rewriteConcurrency() + " page rewrites are busy "
                        + "(tracemap.replay.rewrite-concurrency); try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a page rewrite slot");
        }
    }

    /**
     * What a browser would decode the stylesheet as: the header's charset, else its {@code @charset} rule, else
     * UTF-8; bytes that are not UTF-8 are read as ISO-8859-1, which keeps every byte as it was.
     */
    private static Charset cssCharset(byte[] body, Charset declared) {
        if (declared != null) return declared;
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1);
        Matcher m = CSS_CHARSET.matcher(start);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                // an unknown @charset: browsers fall back to UTF-8 too
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
