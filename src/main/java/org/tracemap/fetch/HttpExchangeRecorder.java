package org.tracemap.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.ProtocolVersion;
import org.tracemap.intake.AddressGuard;
import org.tracemap.intake.NormalizedUrl;

/**
 * Makes one GET request and records the exchange: request head as sent, response head as received, and
 * the body streamed to a spool file while both WARC digests are computed, within the size, time and speed
 * limits ({@link TransferWatch}).
 */
final class HttpExchangeRecorder {
    /** Context attribute under which the last request interceptor leaves the request as sent. */
    static final String SENT_REQUEST = "tracemap.sent-request";
    private static final int BUFFER = 64 * 1024;

    private final CloseableHttpClient client;
    private final AddressGuard guard;
    private final FetchSettings settings;
    private final ScheduledExecutorService watchdog;
    private final Path spoolDir;
    /** Requests on the wire, so that a shutdown can abort them instead of waiting out slow origins. */
    private final Set<HttpGet> active = ConcurrentHashMap.newKeySet();

    HttpExchangeRecorder(CloseableHttpClient client, AddressGuard guard, FetchSettings settings,
                         ScheduledExecutorService watchdog, Path spoolDir) {
        this.client = client;
        this.guard = guard;
        this.settings = settings;
        this.watchdog = watchdog;
        this.spoolDir = spoolDir;
    }

    /**
     * Fetches {@code url} once under {@code limits}. A body cut short by a limit is kept (truncated, with the
     * reason); a head that never completes, or breaks a limit, ends in a {@link FetchLimitException}.
     */
    FetchedResponse record(NormalizedUrl url, int attempts, FetchLimits limits) throws IOException {
        long started = System.nanoTime();
        HttpGet get = new HttpGet(url.uri());
        active.add(get);
        HttpClientContext context = HttpClientContext.create();
        TransferWatch watch = new TransferWatch(settings, limits, started);
        // Cancelling aborts the connection mid-read, whatever the client is waiting for.
        long tick = watch.tick().toMillis();
        ScheduledFuture<?> watching = watchdog.scheduleAtFixedRate(() -> {
            if (watch.check()) get.cancel();
        }, tick, tick, TimeUnit.MILLISECONDS);
        Path spool = null;
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, get, context);
            watch.bodyStarted();
            InetAddress remote = connectedAddress(url, context);
            byte[] responseHead = responseHead(response);
            byte[] requestHead = requestHead(context.getAttribute(SENT_REQUEST, HttpRequest.class), get);
            MessageDigest block = Sha256.digester();
            MessageDigest payload = Sha256.digester();
            block.update(responseHead);
            spool = Files.createTempFile(spoolDir, "body-", ".spool");
            String truncated = null;
            String truncation = null;
            long length = 0;
            HttpEntity entity = response.getEntity();
            if (entity != null) {
                try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(spool)) {
                    byte[] buffer = new byte[BUFFER];
                    while (true) {
                        long room = limits.maxBodySize() - length;
                        int n;
                        try {
                            // One byte past the limit tells "exactly at the limit" from "over it"; the min
                            // comes first so that a limit of Long.MAX_VALUE cannot overflow.
                            n = in.read(buffer, 0, (int) Math.min(buffer.length - 1, room) + 1);
                        } catch (IOException e) {
                            if (watch.abortReason() == null) throw e;
                            truncated = "time"; // keep what arrived before the limit
                            truncation = watch.abortReason();
                            break;
                        }
                        if (n < 0) break;
                        watch.received(n);
                        int keep = (int) Math.min(n, room);
                        out.write(buffer, 0, keep);
                        block.update(buffer, 0, keep);
                        payload.update(buffer, 0, keep);
                        length += keep;
                        if (keep < n) {
                            truncated = "length";
                            truncation = "larger than " + limits.maxBodySize() + " bytes (" + limits.key("max-body-size") + ")";
                            get.cancel(); // do not drain the rest of an oversized body
                            break;
                        }
                    }
                }
            }
            FetchedResponse recorded = new FetchedResponse(url, requestHead, responseHead, response.getCode(),
                    header(response, "Content-Type"), header(response, "Location"), remote, spool, length,
                    Sha256.toWarc(block), Sha256.toWarc(payload), truncated, Duration.ofNanos(System.nanoTime() - started), attempts,
                    truncation);
            close(response, get);
            return recorded;
        } catch (IOException | RuntimeException e) {
            if (response != null) {
                try {
                    response.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
            }
            if (spool != null) Files.deleteIfExists(spool);
            if (watch.abortReason() != null) throw new FetchLimitException(watch.abortReason(), e);
            if (e instanceof MessageConstraintException) {
                throw new FetchLimitException("the response head breaks a limit (" + e.getMessage()
                        + "; tracemap.fetch.max-header-line is " + settings.maxHeaderLine()
                        + " bytes, tracemap.fetch.max-header-count " + settings.maxHeaderCount() + ")", e);
            }
            throw e;
        } finally {
            watching.cancel(false);
            active.remove(get);
        }
    }

    /** How many requests are on the wire. */
    int active() {
        return active.size();
    }

    /** Aborts every request on the wire: each fails with an I/O error in its own thread. */
    void abortAll() {
        for (HttpGet get : active) get.cancel();
    }

    /**
     * Closes the response. After the exchange was aborted on purpose (size or time limit) the client may still
     * try to drain the body from the dead connection and fail: that failure says nothing about the exchange.
     */
    private static void close(ClassicHttpResponse response, HttpGet get) throws IOException {
        try {
            response.close();
        } catch (IOException e) {
            if (!get.isCancelled()) throw e;
        }
    }

    /** Re-checks the address the connection actually went to, and returns it for WARC-IP-Address. */
    private InetAddress connectedAddress(NormalizedUrl url, HttpClientContext context) throws IOException {
        if (context.getEndpointDetails() == null || !(context.getEndpointDetails().getRemoteAddress() instanceof InetSocketAddress remote)) {
            return null;
        }
        guard.check(url.host(), remote.getAddress());
        return remote.getAddress();
    }

    /**
     * The status line and headers as received. The client removes chunked transfer-coding from the body it
     * hands us, so a {@code Transfer-Encoding: chunked} header would misdescribe the stored bytes and is left out.
     */
    static byte[] responseHead(ClassicHttpResponse response) {
        StringBuilder head = new StringBuilder();
        ProtocolVersion version = response.getVersion() == null ? new ProtocolVersion("HTTP", 1, 1) : response.getVersion();
        head.append(version.format()).append(' ').append(response.getCode());
        String reason = response.getReasonPhrase();
        head.append(' ').append(reason == null ? "" : reason).append("\r\n");
        for (Header h : response.getHeaders()) {
            if (h.getName().equalsIgnoreCase("Transfer-Encoding") && h.getValue().toLowerCase().contains("chunked")) continue;
            head.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] requestHead(HttpRequest sent, HttpGet fallback) {
        HttpRequest request = sent != null ? sent : fallback;
        StringBuilder head = new StringBuilder();
        head.append(request.getMethod()).append(' ').append(request.getRequestUri()).append(" HTTP/1.1\r\n");
        for (Header h : request.getHeaders()) head.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

}
