package org.tracemap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.netpreserve.jwarc.WarcDigest;
import org.tracemap.intake.AddressGuard;
import org.tracemap.intake.CaptureRequest;
import org.tracemap.intake.UrlNormalizer;

/**
 * Shared set-up for the fetch tests: fast settings, fetchers, capture requests and digests computed independently.
 * Every fetcher test class runs each test in its own thread under a {@code @Timeout}: a fetch that hangs (a busy
 * loop ignores interrupts) then fails its test instead of stalling the build.
 */
final class Fetching {
    static final String USER_AGENT = "TracemapTest/0.1 (+https://example.org/tracemap-tests)";
    private static final UrlNormalizer NORMALIZER = new UrlNormalizer();

    private Fetching() {}

    /**
     * The fetch tunables with test defaults: short timeouts, retry waits of a few milliseconds, no per-host
     * delay, private addresses allowed (everything here is loopback). Tests change the fields they are about.
     */
    static final class Settings {
        String userAgent = USER_AGENT;
        Duration connectTimeout = Duration.ofMillis(500);
        Duration readTimeout = Duration.ofSeconds(2);
        Duration headerTimeout = Duration.ofSeconds(4);
        long minSpeed = 0;
        Duration minSpeedWindow = Duration.ofSeconds(1);
        int maxHeaderLine = 256 * 1024;
        int maxHeaderCount = 1000;
        Duration totalTimeout = Duration.ofSeconds(5);
        long maxBodySize = 1 << 20;
        int maxRedirects = 5;
        int maxAttempts = 3;
        Duration retryBaseDelay = Duration.ofMillis(2);
        Duration retryMaxDelay = Duration.ofMillis(10);
        int concurrency = 4;
        int perHostConcurrency = 4;
        Duration perHostDelay = Duration.ZERO;
        int submissionShare = 25;
        boolean allowPrivate = true;
        /** Public submissions' limits; null means the same as everyone's. */
        FetchLimits submissionLimits;

        FetchSettings build() {
            FetchLimits limits = new FetchLimits(totalTimeout, maxBodySize, maxRedirects, maxAttempts);
            return new FetchSettings(userAgent, connectTimeout, readTimeout, headerTimeout, minSpeed, minSpeedWindow, maxHeaderLine,
                    maxHeaderCount, retryBaseDelay, retryMaxDelay, concurrency, perHostConcurrency, perHostDelay, submissionShare,
                    allowPrivate, limits, submissionLimits == null ? limits : submissionLimits);
        }
    }

    static HttpFetcher fetcher(Path spoolDir, Consumer<Settings> change) throws IOException {
        return fetcher(spoolDir, Clock.systemUTC(), change);
    }

    static HttpFetcher fetcher(Path spoolDir, Clock clock, Consumer<Settings> change) throws IOException {
        Settings settings = new Settings();
        change.accept(settings);
        FetchSettings built = settings.build();
        return new HttpFetcher(built, new AddressGuard(built.allowPrivate()), NORMALIZER, spoolDir, clock);
    }

    static CaptureRequest request(String url) {
        return request(url, 1);
    }

    /** The request for the given fetch attempt (1 for the first). */
    static CaptureRequest request(String url, int attempt) {
        return new CaptureRequest("capture-1", NORMALIZER.normalize(url), Map.of("case", "fetch-test"), "fetch-tests", attempt);
    }

    /**
     * Does what the queue does with a capture: fetches it, and while the outcome asks for a retry, fetches it
     * again as the next attempt (at once: the retry time is the queue's business, checked by the tests that
     * care). Returns every outcome in order; the last one is how the capture ended.
     */
    static List<FetchedCapture> fetchUntilSettled(HttpFetcher fetcher, String url) {
        List<FetchedCapture> outcomes = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            FetchedCapture outcome = fetcher.fetch(request(url, attempt));
            outcomes.add(outcome);
            if (!outcome.isRetrying()) return outcomes;
            if (attempt > 100) throw new AssertionError("still retrying after 100 attempts: " + outcome.failure());
        }
    }

    /** The last outcome of {@link #fetchUntilSettled}. */
    static FetchedCapture settled(HttpFetcher fetcher, String url) {
        List<FetchedCapture> outcomes = fetchUntilSettled(fetcher, url);
        return outcomes.get(outcomes.size() - 1);
    }

    /** {@code sha256:<hex>} over the parts in order, computed without the code under test. */
    static String sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) md.update(part);
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static String label(WarcDigest digest) {
        return digest.algorithm() + ":" + digest.hex();
    }

    static byte[] body(FetchedResponse response) throws IOException {
        return Files.readAllBytes(response.body());
    }

    static String text(byte[] head) {
        return new String(head, ISO_8859_1);
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static String base(int port) {
        return "http://127.0.0.1:" + port;
    }
}
