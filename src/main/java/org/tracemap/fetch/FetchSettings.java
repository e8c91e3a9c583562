package org.tracemap.fetch;

import java.time.Duration;
import org.tracemap.config.TracemapConfig;

/**
 * The fetch stage's tunables, read once from configuration ({@code tracemap.fetch.*}).
 *
 * @param headerTimeout    longest wait for the complete response head (status line and headers)
 * @param minSpeed         bytes that must arrive in every {@code minSpeedWindow} once the body has begun;
 *                         slower transfers are cut (as curl's --speed-limit / --speed-time do)
 * @param maxHeaderLine    longest response header line accepted
 * @param maxHeaderCount   most response header fields accepted
 * @param submissionShare  percentage of the fetch workers that public submissions may hold at once
 */
public record FetchSettings(
        String userAgent,
        Duration connectTimeout,
        Duration readTimeout,
        Duration headerTimeout,
        long minSpeed,
        Duration minSpeedWindow,
        int maxHeaderLine,
        int maxHeaderCount,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int concurrency,
        int perHostConcurrency,
        Duration perHostDelay,
        int submissionShare,
        boolean allowPrivate,
        FetchLimits limits,
        FetchLimits submissionLimits) {

    public static FetchSettings from(TracemapConfig config) {
        return new FetchSettings(
                config.string("tracemap.fetch.user-agent"),
                config.duration("tracemap.fetch.connect-timeout"),
                config.duration("tracemap.fetch.read-timeout"),
                config.duration("tracemap.fetch.header-timeout"),
                config.bytes("tracemap.fetch.min-speed"),
                config.duration("tracemap.fetch.min-speed-window"),
                (int) Math.min(Integer.MAX_VALUE, config.bytes("tracemap.fetch.max-header-line")),
                config.integer("tracemap.fetch.max-header-count"),
                config.duration("tracemap.fetch.retry-base-delay"),
                config.duration("tracemap.fetch.retry-max-delay"),
                Math.max(1, config.integer("tracemap.fetch.concurrency")),
                Math.max(1, config.integer("tracemap.fetch.per-host-concurrency")),
                config.duration("tracemap.fetch.per-host-delay"),
                Math.max(0, Math.min(100, config.integer("tracemap.fetch.submission-share"))),
                config.bool("tracemap.fetch.allow-private"),
                new FetchLimits(
                        config.duration("tracemap.fetch.total-timeout"),
                        config.bytes("tracemap.fetch.max-body-size"),
                        config.integer("tracemap.fetch.max-redirects"),
                        Math.max(1, config.integer("tracemap.fetch.max-attempts"))),
                new FetchLimits(
                        config.duration("tracemap.fetch.submission.total-timeout"),
                        config.bytes("tracemap.fetch.submission.max-body-size"),
                        config.integer("tracemap.fetch.submission.max-redirects"),
                        Math.max(1, config.integer("tracemap.fetch.submission.max-attempts")),
                        "tracemap.fetch.submission"));
    }

    /** The limits that apply to {@code request}: stricter for public submissions. */
    public FetchLimits limitsFor(org.tracemap.intake.CaptureRequest request) {
        return request.isPublicSubmission() ? submissionLimits : limits;
    }

    /** How many fetches of public submissions may be in flight at once (at least one, so they are never starved). */
    public int submissionSlots() {
        return Math.max(1, concurrency * submissionShare / 100);
    }
}
