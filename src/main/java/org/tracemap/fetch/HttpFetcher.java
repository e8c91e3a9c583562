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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ProtocolException;
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

    public HttpFetcher(FetchSettings settings, AddressGuard guard, UrlNormalizer normalizer, Path spoolDir, Clock clock) throws IOException {
        this.settings = settings;
        this.normalizer = normalizer;
        this.clock = clock;
        Files.createDirectories(spoolDir);
        this.client = buildClient(settings, guard);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fetch-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.recorder = new HttpExchangeRecorder(client, guard, settings, watchdog, spoolDir);
        this.politeness = new HostPoliteness(settings.perHostConcurrency(), settings.perHostDelay(), clock);
        this.retries = new RetryPolicy(settings.maxAttempts(), settings.retryBaseDelay(), settings.retryMaxDelay(), clock);
    }

    private static CloseableHttpClient buildClient(FetchSettings s, AddressGuard guard) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
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
                .disableAutomaticRetries()   // retries follow RetryPolicy, with Retry-After
                .disableContentCompression() // archive the body as sent: gzip stays gzip
                .disableCookieManagement()
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(s.readTimeout())).build())
                .addRequestInterceptorLast((request, entity, context) -> context.setAttribute(HttpExchangeRecorder.SENT_REQUEST, request))
                .build();
    }

    /** Fetches the capture's URL and its redirect chain. Never throws for a network or origin problem. */
    public FetchedCapture fetch(CaptureRequest request) {
        Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<FetchedResponse> hops = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        NormalizedUrl url = request.url();
        int attempts = 0;
        while (true) {
            seen.add(url.url());
            FetchedResponse response;
            try {
                response = fetchWithRetries(url);
            } catch (FetchFailure f) {
                return new FetchedCapture(request, startedAt, hops, f.getMessage(), attempts + f.attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FetchedCapture(request, startedAt, hops, "fetch interrupted (shutting down)", attempts);
            }
            hops.add(response);
            attempts += response.attempts();
            if (!response.isRedirect()) return new FetchedCapture(request, startedAt, hops, null, attempts);
            NormalizedUrl next;
            try {
                next = normalizer.resolve(url, response.location());
            } catch (InvalidInputException e) {
                return new FetchedCapture(request, startedAt, hops, "redirect to an unusable location: " + e.getMessage(), attempts);
            }
            if (seen.contains(next.url())) {
                return new FetchedCapture(request, startedAt, hops, "redirect loop: " + String.join(" -> ", seen) + " -> " + next.url(), attempts);
            }
            if (hops.size() > settings.maxRedirects()) {
                return new FetchedCapture(request, startedAt, hops, "more than " + settings.maxRedirects() + " redirects", attempts);
            }
            url = next;
        }
    }

    private FetchedResponse fetchWithRetries(NormalizedUrl url) throws FetchFailure, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            FetchedResponse response;
            politeness.acquire(url.host());
            try {
                response = recorder.record(url, attempt);
            } catch (RuntimeException e) {
                // Not expected from the client, but fetch() promises failures as data, never a thrown exception.
                throw new FetchFailure("fetch " + url.url() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), attempt);
            } catch (IOException e) {
                if (!isRetryable(e) || attempt >= retries.maxAttempts()) {
                    throw new FetchFailure("fetch " + url.url() + " failed after " + attempt + " attempt" + (attempt > 1 ? "s" : "") + ": " + describe(e), attempt);
                }
                Duration wait = retries.delayAfter(attempt, Optional.empty());
                log.info("retrying {} in {} ms after {}", url.url(), wait.toMillis(), describe(e));
                Thread.sleep(wait.toMillis());
                continue;
            } finally {
                politeness.release(url.host());
            }
            if (!RetryPolicy.isRetryableStatus(response.status()) || attempt >= retries.maxAttempts()) return response;
            // The last 5xx/429 answer is archived as what the origin said; earlier ones are dropped.
            Duration wait = retries.delayAfter(attempt, Optional.ofNullable(retryAfter(response)));
            log.info("retrying {} in {} ms after HTTP {}", url.url(), wait.toMillis(), response.status());
            try {
                Files.deleteIfExists(response.body());
            } catch (IOException e) {
                log.warn("could not delete spool file {}: {}", response.body(), e.getMessage());
            }
            Thread.sleep(wait.toMillis());
        }
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
        if (e instanceof ForbiddenAddressException || e instanceof UnknownHostException) return false;
        if (e instanceof SSLException) return false;
        if (e instanceof org.apache.hc.core5.http.MalformedChunkCodingException) return true;
        if (e.getCause() instanceof ProtocolException) return false; // the origin does not speak HTTP properly
        return true; // connection refused or reset, timeouts, bodies cut short: transient until proven otherwise
    }

    static String describe(IOException e) {
        if (e instanceof ForbiddenAddressException) return e.getMessage();
        if (e instanceof UnknownHostException) return "host not found: " + e.getMessage();
        if (e instanceof ConnectException) return "connection refused (" + e.getMessage() + ")";
        if (e instanceof SocketTimeoutException) return "timed out (" + e.getMessage() + ")";
        return e.getClass().getSimpleName() + ": " + e.getMessage();
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
