package org.tracemap.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to retry and how long to wait: exponential backoff with full jitter, capped, except that a
 * {@code Retry-After} header from the origin wins (also capped, so one host cannot park a worker for hours).
 */
final class RetryPolicy {
    private final Duration base;
    private final Duration max;
    private final Clock clock;

    RetryPolicy(Duration base, Duration max, Clock clock) {
        this.base = base;
        this.max = max;
        this.clock = clock;
    }

    /** True for answers worth asking again: 429 and every 5xx. */
    static boolean isRetryableStatus(int status) {
        return status == 429 || status >= 500;
    }

    /** The wait before attempt {@code attempt + 1}, honouring {@code retryAfter} when the origin sent one. */
    Duration delayAfter(int attempt, Optional<String> retryAfter) {
        Optional<Duration> asked = retryAfter.flatMap(this::parseRetryAfter);
        if (asked.isPresent()) return asked.get().compareTo(max) > 0 ? max : asked.get();
        long ceiling = Math.min(max.toMillis(), base.toMillis() * (1L << Math.min(attempt - 1, 20)));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
    Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(clock.instant(), at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
