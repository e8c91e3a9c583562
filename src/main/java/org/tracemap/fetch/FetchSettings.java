package org.tracemap.fetch;

import java.time.Duration;
import org.tracemap.config.TracemapConfig;

/** The fetch stage's tunables, read once from configuration ({@code tracemap.fetch.*}). */
public record FetchSettings(
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        Duration totalTimeout,
        long maxBodySize,
        int maxRedirects,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int concurrency,
        int perHostConcurrency,
        Duration perHostDelay,
        boolean allowPrivate) {

    public static FetchSettings from(TracemapConfig config) {
        return new FetchSettings(
                config.string("tracemap.fetch.user-agent"),
                config.duration("tracemap.fetch.connect-timeout"),
                config.duration("tracemap.fetch.read-timeout"),
                config.duration("tracemap.fetch.total-timeout"),
                config.bytes("tracemap.fetch.max-body-size"),
                config.integer("tracemap.fetch.max-redirects"),
                Math.max(1, config.integer("tracemap.fetch.max-attempts")),
                config.duration("tracemap.fetch.retry-base-delay"),
                config.duration("tracemap.fetch.retry-max-delay"),
                Math.max(1, config.integer("tracemap.fetch.concurrency")),
                Math.max(1, config.integer("tracemap.fetch.per-host-concurrency")),
                config.duration("tracemap.fetch.per-host-delay"),
                config.bool("tracemap.fetch.allow-private"));
    }
}
