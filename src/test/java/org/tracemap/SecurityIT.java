package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens and client addresses through the real server: a changed TRACEMAP_ADMIN_TOKEN retires the old one;
 * guessing tokens is cut off with 429; the limits count the connection's peer, never a forwarded header,
 * unless a trusted proxy sent it.
 */
class SecurityIT {
    @TempDir
    Path archive;

    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void aNewAdminTokenInTheEnvironmentRetiresTheOldOneAtRestart() throws Exception {
        server = new TestServer(archive, Map.of());
        assertThat(get("/api/candidates", TestServer.ADMIN).statusCode()).isEqualTo(200);

        server.restartWithAdminToken("second-admin-token");

        assertThat(get("/api/candidates", TestServer.ADMIN).statusCode()).isEqualTo(401);
        assertThat(get("/api/candidates", "second-admin-token").statusCode()).isEqualTo(200);
        assertThat(server.tracemap().tokens().users()).extracting(u -> u.name() + "/" + u.source()).containsExactly("admin/ENVIRONMENT");
    }

    @Test
    void threeHundredWrongTokensInTwoSecondsAreCutOffWith429() throws Exception {
        server = new TestServer(archive, Map.of());
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<byte[]> last = null;
        long started = System.nanoTime();
        for (int i = 0; i < 300; i++) {
            last = server.send(request("/api/candidates", "guess-" + i).header("X-Forwarded-For", "198.51.100." + (i % 250)));
            statuses.add(last.statusCode());
        }
        System.out.printf("300 wrong tokens in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 300)).containsOnly(429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(server.read(last).path("error").asText()).contains("too many unknown tokens");
        // While blocked, even the right token is not checked for this address.
        assertThat(get("/api/candidates", TestServer.ADMIN).statusCode()).isEqualTo(429);
        // Public routes stay open.
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.api() + "/health"))).statusCode()).isEqualTo(200);
    }

    @Test
    void theSubmissionLimitIgnoresForwardedHeadersFromUntrustedPeers() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.submissions.per-address-per-hour", "3", "tracemap.fetch.max-attempts", "1"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            HttpRequest.Builder b = submission("http://127.0.0.1:9/spoof-" + i)
                    .header("X-Forwarded-For", "203.0.113." + i).header("Forwarded", "for=203.0.113." + i)
                    .header("X-Real-IP", "203.0.113." + i).header("True-Client-IP", "203.0.113." + i)
                    .header("CamelVertxPlatformHttpRemoteAddress", "203.0.113." + i + ":4000");
            statuses.add(server.send(b).statusCode());
        }
        assertThat(statuses).containsExactly(202, 202, 202, 429, 429);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimits() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.submissions.per-address-per-hour", "2", "tracemap.server.trusted-proxies", "127.0.0.1, ::1",
                "tracemap.fetch.max-attempts", "1"));
        List<Integer> statuses = new ArrayList<>();
        for (String client : List.of("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.1", "203.0.113.1")) {
            // The client may prepend anything; the proxy (this test, on loopback) appends the real address.
            statuses.add(server.send(submission("http://127.0.0.1:9/" + client + "-" + statuses.size())
                    .header("X-Forwarded-For", "198.51.100.77, " + client)).statusCode());
        }
        assertThat(statuses).containsExactly(202, 202, 202, 202, 429);

        for (int i = 0; i < 10; i++) {
            assertThat(server.send(request("/api/candidates", "guess-" + i).header("X-Forwarded-For", "203.0.113.50")).statusCode()).isEqualTo(401);
        }
        assertThat(server.send(request("/api/candidates", TestServer.ADMIN).header("X-Forwarded-For", "203.0.113.50")).statusCode()).isEqualTo(429);
        assertThat(server.send(request("/api/candidates", TestServer.ADMIN).header("X-Forwarded-For", "203.0.113.51")).statusCode()).isEqualTo(200);
    }

    private HttpResponse<byte[]> get(String path, String token) throws Exception {
        return server.send(request(path, token));
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + token).GET();
    }

    private HttpRequest.Builder submission(String url) {
        return HttpRequest.newBuilder(URI.create(server.api() + "/api/submissions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"" + url + "\"}"));
    }
}
