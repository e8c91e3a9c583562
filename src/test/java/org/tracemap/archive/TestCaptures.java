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
final class TestCaptures {
    private TestCaptures() {}

    static FetchedResponse response(Path spool, String url, int status, String contentType, String body) throws IOException {
        return response(spool, url, status, contentType, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static FetchedResponse response(Path spool, String url, int status, String contentType, byte[] body, String location) throws IOException {
        String head = "HTTP/1.1 " + status + " " + (status == 200 ? "OK" : "Other") + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + (location == null ? "" : "Location: " + location + "\r\n")
                + "Set-Cookie: session=secret\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
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

    static FetchedCapture capture(Instant startedAt, FetchedResponse... responses) {
        CaptureRequest request = new CaptureRequest(UUID.randomUUID().toString(), responses[0].url(), Map.of("company", "huawei"), "tester", 1);
        return new FetchedCapture(request, startedAt, List.of(responses), null, responses.length);
    }
}
