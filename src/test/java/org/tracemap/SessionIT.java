package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/** Browser sign-in through the real routes: the session cookie, its CSRF token, sign-out and revocation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionIT {
    private TestServer server;

    @BeforeAll
    void start(@TempDir Path archive) throws Exception {
        server = new TestServer(archive, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aWrongTokenIsRefusedAtSignInAndSetsNoCookie() throws Exception {
        HttpResponse<byte[]> r = server.post("/api/session", Map.of("token", "not-a-token"), null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(server.read(r).get("error").asText()).contains("unknown or revoked token");
    }

    @Test
    void signingInGivesAnHttpOnlyStrictCookieThatAuthenticatesReadsAndNamesTheRole() throws Exception {
        String token = new Authenticator(server.tracemap().tokens()).addUser("rita-" + System.nanoTime(), Role.RESEARCHER);
        HttpResponse<byte[]> in = server.post("/api/session", Map.of("token", token), null);
        assertThat(in.statusCode()).isEqualTo(200);
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("tracemap_session=").contains("HttpOnly", "SameSite=Strict", "Path=/").doesNotContain(token);
        JsonNode who = server.read(in);
        assertThat(who.get("name").asText()).startsWith("rita");
        assertThat(who.get("role").asText()).isEqualTo("researcher");
        assertThat(who.get("permissions")).extracting(JsonNode::asText).containsExactly("read", "capture", "search");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        JsonNode again = server.read(server.send(get("/api/session").header("Cookie", cookie)));
        assertThat(again.get("name").asText()).startsWith("rita");
        assertThat(again.get("csrf").asText()).isEqualTo(who.get("csrf").asText());
        assertThat(server.send(get("/api/candidates").header("Cookie", cookie)).statusCode()).isEqualTo(200);
        // The role still holds: a researcher's cookie may not decide on candidates.
        HttpResponse<byte[]> decide = server.send(post("/api/candidates/1/decision", "{\"action\":\"reject\",\"version\":1}")
                .header("Cookie", cookie).header("X-CSRF-Token", who.get("csrf").asText()));
        assertThat(decide.statusCode()).isEqualTo(403);
    }

    @Test
    void changesThroughTheCookieNeedTheSessionsCsrfToken() throws Exception {
        HttpResponse<byte[]> in = server.post("/api/session", Map.of("token", TestServer.ADMIN), null);
        String cookie = cookie(in);
        String csrf = server.read(in).get("csrf").asText();
        String body = "{\"url\":\"http://127.0.0.1:9/csrf\"}";

        HttpResponse<byte[]> without = server.send(post("/api/captures", body).header("Cookie", cookie));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(server.read(without).get("error").asText()).contains("X-CSRF-Token");
        assertThat(server.send(post("/api/captures", body).header("Cookie", cookie).header("X-CSRF-Token", "guess")).statusCode()).isEqualTo(403);
        assertThat(server.send(post("/api/captures", body).header("Cookie", cookie).header("X-CSRF-Token", csrf)).statusCode()).isEqualTo(202);
        // A bearer token needs no CSRF token: no browser sends it on its own.
        assertThat(server.post("/api/captures", Map.of("url", "http://127.0.0.1:9/bearer"), TestServer.ADMIN).statusCode()).isEqualTo(202);
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
        HttpResponse<byte[]> in = server.post("/api/session", Map.of("token", TestServer.ADMIN), null);
        String cookie = cookie(in);
        String csrf = server.read(in).get("csrf").asText();
        HttpResponse<byte[]> out = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/session")).DELETE()
                .header("Cookie", cookie).header("X-CSRF-Token", csrf));
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        HttpResponse<byte[]> after = server.send(get("/api/candidates").header("Cookie", cookie));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(server.read(after).get("error").asText()).contains("session has ended");
    }

    @Test
    void revokingTheTokenEndsItsSessions() throws Exception {
        String token = new Authenticator(server.tracemap().tokens()).addUser("rob", Role.REVIEWER);
        String cookie = cookie(server.post("/api/session", Map.of("token", token), null));
        assertThat(server.send(get("/api/candidates").header("Cookie", cookie)).statusCode()).isEqualTo(200);
        server.tracemap().tokens().revoke("rob");
        HttpResponse<byte[]> after = server.send(get("/api/candidates").header("Cookie", cookie));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(server.send(get("/api/session").header("Cookie", cookie)).statusCode()).isEqualTo(401);
    }

    @Test
    void thePagesAnswerAtTheirStableAddresses() throws Exception {
        HttpResponse<byte[]> submit = server.send(get("/submit"));
        assertThat(submit.statusCode()).isEqualTo(200);
        assertThat(submit.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(submit.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src");
        assertThat(server.send(get("/nowhere")).statusCode()).isEqualTo(404);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.api() + path)).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(server.api() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String cookie(HttpResponse<byte[]> signIn) {
        assertThat(signIn.statusCode()).isEqualTo(200);
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
