package org.tracemap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
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
        Duration totalTimeout = Duration.ofSeconds(5);
        long maxBodySize = 1 << 20;
        int maxRedirects = 5;
        int maxAttempts = 3;
        Duration retryBaseDelay = Duration.ofMillis(2);
        Duration retryMaxDelay = Duration.ofMillis(10);
        int concurrency = 4;
        int perHostConcurrency = 4;
        Duration perHostDelay = Duration.ZERO;
        boolean allowPrivate = true;

        FetchSettings build() {
            return new FetchSettings(userAgent, connectTimeout, readTimeout, totalTimeout, maxBodySize, maxRedirects,
                    maxAttempts, retryBaseDelay, retryMaxDelay, concurrency, perHostConcurrency, perHostDelay, allowPrivate);
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
        return new CaptureRequest("capture-1", NORMALIZER.normalize(url), Map.of("case", "fetch-test"), "fetch-tests", 1);
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
