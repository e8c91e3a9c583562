package org.tracemap.archive;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.fetch.FetchedResponse;
import org.tracemap.fetch.Sha256;
import org.tracemap.intake.CaptureRequest;
import org.tracemap.intake.UrlNormalizer;

/** Builds fetched captures by hand, with correct digests, as the fetch stage would hand them over. */
public final class TestCaptures {
    private TestCaptures() {}

    static FetchedResponse response(Path spool, String url, int status, String contentType, String body) throws IOException {
        return response(spool, url, status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static FetchedResponse response(Path spool, String url, int status, String contentType, byte[] body, String location) throws IOException {
        List<String> lines = new java.util.ArrayList<>(List.of("Content-Type: " + contentType, "Content-Length: " + body.length));
        if (location != null) lines.add("Location: " + location);
        lines.add("Set-Cookie: session=secret");
        return response(spool, url, status, lines, body);
    }

    /** A response with exactly these header lines ({@code "Name: value"}), as a hostile origin might send them. */
    public static FetchedResponse response(Path spool, String url, int status, List<String> headerLines, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Other") + "\r\n");
        for (String line : headerLines) head.append(line).append("\r\n");
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        String contentType = headerLines.stream().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                .map(l -> l.substring(13).strip()).findFirst().orElse(null);
        String location = headerLines.stream().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).strip()).findFirst().orElse(null);
        Path file = Files.createTempFile(spool, "body-", ".spool");
        Files.write(file, body);
        MessageDigest block = Sha256.digester();
        block.update(headBytes);
        block.update(body);
        byte[] request = ("GET " + java.net.URI.create(url).getRawPath() + " HTTP/1.1\r\nHost: " + java.net.URI.create(url).getHost() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        return new FetchedResponse(new UrlNormalizer().normalize(url), request, headBytes, status, contentType, location,
                InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34}), file, body.length,
                Sha256.toWarc(block), Sha256.of(body), null, Duration.ofMillis(12), 1);
    }

    public static FetchedCapture capture(Instant startedAt, FetchedResponse... responses) {
        CaptureRequest request = new CaptureRequest(UUID.randomUUID().toString(), responses[0].url(), Map.of("company", "huawei"), "tester", 1);
        return new FetchedCapture(request, startedAt, List.of(responses), null, responses.length);
    }
}
