package org.tracemap.fetch;

import java.time.Duration;

/**
 * How much one capture may cost: time, bytes, redirect hops and fetch attempts. Researchers' and crawls'
 * captures get the standard limits; public submissions, which anyone can queue, get stricter ones.
 *
 * @param totalTimeout longest time for one response, head and body; past it the body read so far is kept as
 *                     truncated ("time"), or, while the head is still awaited, the fetch fails for good
 * @param maxBodySize  past this size the body read so far is kept as truncated ("length")
 * @param maxAttempts  fetch attempts per capture, counting the first; retries are rescheduled in the queue
 * @param keyPrefix    where these limits are set ({@code tracemap.fetch} or {@code tracemap.fetch.submission}),
 *                     so that a message names the setting to change
 */
public record FetchLimits(Duration totalTimeout, long maxBodySize, int maxRedirects, int maxAttempts, String keyPrefix) {
    public FetchLimits {
        if (maxAttempts < 1) throw new IllegalArgumentException("max-attempts must be at least 1");
        if (maxRedirects < 0) throw new IllegalArgumentException("max-redirects must not be negative");
    }

    /** The standard limits ({@code tracemap.fetch.*}). */
    public FetchLimits(Duration totalTimeout, long maxBodySize, int maxRedirects, int maxAttempts) {
        this(totalTimeout, maxBodySize, maxRedirects, maxAttempts, "tracemap.fetch");
    }

    /** The name of one of these limits' settings, e.g. {@code key("total-timeout")}. */
    public String key(String name) {
        return keyPrefix + "." + name;
    }
}
