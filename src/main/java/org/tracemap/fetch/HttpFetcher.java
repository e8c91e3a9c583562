package org.tracemap.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.intake.AddressGuard;
import org.tracemap.intake.CaptureRequest;
import org.tracemap.intake.ForbiddenAddressException;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * The fetch stage: fetches a capture's URL, following redirects one hop at a time (every hop is kept, so
 * it can be archived as its own response), retrying what is worth retrying, and keeping to per-host
 * politeness. Failures become data on the {@link FetchedCapture}, never an exception that stops the stage.
 */
public final class HttpFetcher implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);

    private final FetchSettings settings;
    private final UrlNormalizer normalizer;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService watchdog;
    private final HttpExchangeRecorder recorder;
    private final HostPoliteness politeness;
    private final RetryPolicy retries;
    private volatile boolean stopping;

    public HttpFetcher(FetchSettings settings, AddressGuard guard, UrlNormalizer normalizer, Path spoolDir, Clock clock) throws IOException {
        this.settings = settings;
        this.normalizer = normalizer;
        this.clock = clock;
        Files.createDirectories(spoolDir);
        this.client = buildClient(settings, guard);
        ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "fetch-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Every fetch schedules a watch and cancels it when done: cancelled watches must not pile up in the queue.
        deadlines.setRemoveOnCancelPolicy(true);
        this.watchdog = deadlines;
        this.recorder = new HttpExchangeRecorder(client, guard, settings, watchdog, spoolDir);
        this.politeness = new HostPoliteness(settings.perHostConcurrency(), settings.perHostDelay(), clock);
        this.retries = new RetryPolicy(settings.retryBaseDelay(), settings.retryMaxDelay(), clock);
    }

    private static CloseableHttpClient buildClient(FetchSettings s, AddressGuard guard) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                // Without limits the client would buffer an endless header line, or a million headers, in memory.
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setMaxLineLength(s.maxHeaderLine()).setMaxHeaderCount(s.maxHeaderCount()).build())
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(s.connectTimeout()))
                        .setSocketTimeout(Timeout.of(s.readTimeout()))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(s.readTimeout())).build())
                .setMaxConnTotal(s.concurrency() * 2)
                .setMaxConnPerRoute(s.perHostConcurrency() * 2)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setUserAgent(s.userAgent())
                .disableRedirectHandling()   // each hop is archived, so redirects are followed here
                .setRetryStrategy(new StaleConnectionRetry()) // other retries follow RetryPolicy, rescheduled in the queue
                .disableContentCompression() // archive the body as sent: gzip stays gzip
                .disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(s.readTimeout())).build())
                .addRequestInterceptorLast((request, entity, context) -> context.setAttribute(HttpExchangeRecorder.SENT_REQUEST, request))
                .build();
    }

    /**
     * Fetches the capture's URL and its redirect chain, once. Never throws for a network or origin problem:
     * a failure worth another try comes back with the time to retry at (the queue reschedules it, so no worker
     * waits), any other failure as the reason the capture ended.
     */
    public FetchedCapture fetch(CaptureRequest request) {
        FetchLimits limits = settings.limitsFor(request);
        boolean lastTry = request.attempt() >= limits.maxAttempts();
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<FetchedResponse> hops = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        NormalizedUrl url = request.url();
        int attempts = 0;
        while (true) {
            seen.add(url.url());
            FetchedResponse response;
            attempts++;
            try {
                if (stopping) throw new IOException("not started: the pipeline is stopping");
                // (a fetch already on the wire is let finish for a grace period: see stopFetching)
                response = fetchOnce(url, request.attempt(), limits);
            } catch (IOException e) {
                // Stopping is not the origin's fault: the capture goes back to the queue, even on its last try.
                if (stopping) return retry(request, startedAt, hops, attempts, "the pipeline stopped during the fetch", null);
                if (!lastTry && isRetryable(e)) return retry(request, startedAt, hops, attempts, describe(e) + " (" + url.url() + ")", null);
                String tries = request.attempt() == Integer.MAX_VALUE ? "" : " after " + request.attempt() + " attempt" + (request.attempt() > 1 ? "s" : "");
                return new FetchedCapture(request, startedAt, hops, "fetch " + url.url() + " failed" + tries + ": " + describe(e), attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FetchedCapture(request, startedAt, hops, "fetch interrupted (shutting down)", attempts);
            }
            hops.add(response);
            if (!lastTry && RetryPolicy.isRetryableStatus(response.status())) {
                // The last 5xx/429 answer is archived as what the origin said; earlier ones are dropped.
                return retry(request, startedAt, hops, attempts, "HTTP " + response.status() + " from " + url.url(), retryAfter(response));
            }
            if (!response.isRedirect()) return complete(request, startedAt, hops, attempts);
            NormalizedUrl next;
            try {
                next = normalizer.resolve(url, response.location());
            } catch (InvalidInputException e) {
                return new FetchedCapture(request, startedAt, hops, "redirect to an unusable location: " + e.getMessage(), attempts);
            }
            if (seen.contains(next.url())) {
                return new FetchedCapture(request, startedAt, hops, "redirect loop: " + String.join(" -> ", seen) + " -> " + next.url(), attempts);
            }
            if (hops.size() > limits.maxRedirects()) {
                return new FetchedCapture(request, startedAt, hops, "more than " + limits.maxRedirects() + " redirects ("
                        + limits.key("max-redirects") + ")", attempts);
            }
            url = next;
        }
    }

    private FetchedResponse fetchOnce(NormalizedUrl url, int attempt, FetchLimits limits) throws IOException, InterruptedException {
        politeness.acquire(url.hostKey());
        try {
            return recorder.record(url, attempt, limits);
        } catch (RuntimeException e) {
            // Not expected from the client, but fetch() promises failures as data, never a thrown exception.
            throw new IOException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            politeness.release(url.hostKey());
        }
    }

    private static FetchedCapture complete(CaptureRequest request, Instant startedAt, List<FetchedResponse> hops, int attempts) {
        FetchedResponse last = hops.get(hops.size() - 1);
        String notice = last.truncated() == null ? null
                : "body truncated: the archived response holds only the bytes read before it was cut short, " + last.truncation();
        return new FetchedCapture(request, startedAt, hops, null, attempts, null, notice);
    }

    /** Drops what this attempt fetched and says when to try again: backoff with jitter, or the origin's Retry-After. */
    private FetchedCapture retry(CaptureRequest request, Instant startedAt, List<FetchedResponse> hops, int attempts, String cause, String retryAfter) {
        for (FetchedResponse hop : hops) {
            try {
                Files.deleteIfExists(hop.body());
            } catch (IOException e) {
                log.warn("could not delete spool file {}: {}", hop.body(), e.getMessage());
            }
        }
        Duration wait = retries.delayAfter(request.attempt(), Optional.ofNullable(retryAfter));
        Instant at = clock.instant().plus(wait).truncatedTo(ChronoUnit.MILLIS);
        int max = settings.limitsFor(request).maxAttempts();
        log.info("attempt {} of {} for {} failed ({}); retrying in {} ms", request.attempt(), max, request.url().url(), cause, wait.toMillis());
        return new FetchedCapture(request, startedAt, List.of(), "attempt " + request.attempt() + " of " + max + " failed: " + cause
                + "; retrying at " + at, attempts, at, null);
    }

    private static String retryAfter(FetchedResponse response) {
        String head = new String(response.responseHead(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Retry-After")) return line.substring(colon + 1).trim();
        }
        return null;
    }

    static boolean isRetryable(IOException e) {
        if (e instanceof FetchLimitException) return false; // it would cost the same again (and hold a worker as long)
        if (e instanceof ForbiddenAddressException || e instanceof UnknownHostException) return false;
        if (e instanceof SSLException) return false;
        if (e instanceof org.apache.hc.core5.http.MalformedChunkCodingException) return true;
        if (e.getCause() instanceof ProtocolException) return false; // the origin does not speak HTTP properly
        return true; // connection refused or reset, timeouts, bodies cut short: transient until proven otherwise
    }

    static String describe(IOException e) {
        if (e instanceof ForbiddenAddressException || e instanceof FetchLimitException) return e.getMessage();
        if (e instanceof UnknownHostException) return "host not found: " + e.getMessage();
        if (e instanceof ConnectException) return "connection refused (" + e.getMessage() + ")";
        if (e instanceof SocketTimeoutException) return "timed out (" + e.getMessage() + ")";
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Refuses new fetches, lets those on the wire finish for up to {@code grace}, then aborts the rest, so that a
     * stop neither wastes fetches that were nearly done nor waits out slow origins: refused and aborted captures
     * go back to the queue. Called before the routes are stopped; {@link #close} follows.
     */
    public void stopFetching(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            while (recorder.active() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.abortAll();
    }

    @Override
    public void close() throws IOException {
        watchdog.shutdownNow();
        client.close();
    }

    /** A request that could not be completed, with how many attempts were made. */
    private static final class FetchFailure extends Exception {
        final int attempts;

        FetchFailure(String message, int attempts) {
            super(message);
            this.attempts = attempts;
        }
    }
}
