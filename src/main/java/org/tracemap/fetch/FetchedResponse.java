package org.tracemap.fetch;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.netpreserve.jwarc.WarcDigest;
import org.tracemap.intake.NormalizedUrl;

/**
 * One HTTP exchange as it went over the wire: the request head sent, the response head received (status
 * line and headers, ending with the blank line) and the entity body, spooled to {@code body}.
 *
 * @param blockDigest   SHA-256 over {@code responseHead} followed by the body: the WARC block
 * @param payloadDigest SHA-256 over the body alone, chunked transfer-coding removed, content-coding kept
 * @param truncated     "length" or "time" when the body was cut short, else null
 * @param attempts      HTTP attempts it took (retries included)
 * @param truncation    why the body was cut short, naming the limit, or null
 */
public record FetchedResponse(
        NormalizedUrl url,
        byte[] requestHead,
        byte[] responseHead,
        int status,
        String contentType,
        String location,
        InetAddress remoteAddress,
        Path body,
        long bodyLength,
        WarcDigest blockDigest,
        WarcDigest payloadDigest,
        String truncated,
        Duration elapsed,
        int attempts,
        String truncation) {

    public FetchedResponse(NormalizedUrl url, byte[] requestHead, byte[] responseHead, int status, String contentType, String location,
                           InetAddress remoteAddress, Path body, long bodyLength, WarcDigest blockDigest, WarcDigest payloadDigest,
                           String truncated, Duration elapsed, int attempts) {
        this(url, requestHead, responseHead, status, contentType, location, remoteAddress, body, bodyLength, blockDigest, payloadDigest,
                truncated, elapsed, attempts, truncated == null ? null : "cut short (" + truncated + ")");
    }

    public boolean isRedirect() {
        return status >= 300 && status < 400 && location != null;
    }
}
