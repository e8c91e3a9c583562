package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken requests through the real HTTP server: malformed, huge and deeply nested JSON, wrong
 * content types, absurd paging values, unknown fields and path traversal under /ui/. Each must get a 4xx
 * whose body is JSON {"error", "field"} — never a 500, never a hang.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BadRequestIT {
    private static final String ADMIN = TestServer.ADMIN;
    /** The POST routes that read a JSON body, with a body each accepts, so only the broken part differs. */
    private static final Map<String, String> POSTS = Map.of(
            "/api/captures", "{\"url\": \"http://127.0.0.1:9/x\"}",
            "/api/crawls", "{\"name\": \"bad-requests\", \"seeds\": [\"http://127.0.0.1:9/\"]}",
            "/api/candidates/1/decision", "{\"action\": \"reject\", \"reason\": \"test\", \"version\": 1}",
            "/api/submissions", "{\"url\": \"http://127.0.0.1:9/y\"}");

    @TempDir
    static Path archive;

    private static TestServer server;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.submissions.per-address-per-hour", "1000", "tracemap.fetch.max-attempts", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : POSTS.keySet()) {
            for (String body : List.of("{", "{\"url\":", "nope", "{\"url\": \"x\",}", "[1, 2", "\"just a string\"", "[]", "null",
                    POSTS.get(path) + " {\"again\": 1}", "{\"url\": \"http://a.example/\", \"url\": \"http://b.example/\"}", "\u0000\u0001")) {
                expectError(soft, path + " <- " + shorten(body), post(path, "application/json", body), 400);
            }
        }
        soft.assertAll();
    }

    @Test
    void deeplyNestedAndHugeBodiesAreRefusedQuickly() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        String arrays = "[".repeat(100_000) + "]".repeat(100_000);
        String objects = "{\"a\":".repeat(60_000) + "1" + "}".repeat(60_000);
        String hugeString = "{\"url\": \"http://example.com/" + "a".repeat(10 * 1024 * 1024) + "\"}";
        for (String path : POSTS.keySet()) {
            for (String body : List.of(arrays, objects, hugeString)) {
                long started = System.nanoTime();
                HttpResponse<byte[]> r = post(path, "application/json", body);
                long ms = (System.nanoTime() - started) / 1_000_000;
                expectError(soft, path + " <- " + body.length() + " bytes", r, -1);
                soft.assertThat(ms).as(path + " answered in ms").isLessThan(10_000);
            }
        }
        // Inside the size limits, nesting is capped by the parser (StreamReadConstraints), not by the stack.
        expectError(soft, "nested edits", post("/api/candidates/1/decision", "application/json",
                "{\"action\": \"approve\", \"edits\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}"), 400);
        soft.assertAll();
    }

    @Test
    void bodiesInAnyOtherContentTypeAre415() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : POSTS.keySet()) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/jsonx", "application/xml", "")) {
                expectError(soft, path + " as '" + type + "'", post(path, type, POSTS.get(path)), 415);
            }
        }
        soft.assertAll();
    }

    @Test
    void absurdPagingValuesAre400NamingTheParameter() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String query : List.of("/api/candidates?limit=-1", "/api/candidates?limit=1000000000000", "/api/candidates?limit=ten",
                "/api/candidates?limit=0", "/api/candidates?offset=-5", "/api/candidates?offset=1e3", "/api/candidates?offset=99999999999999",
                "/api/changes?limit=-1", "/api/changes?limit=1000000000000", "/api/changes?limit=%00",
                "/api/search?q=x&limit=-5", "/api/search?q=x&limit=1000000000000", "/api/search?q=x&limit=abc", "/api/search?q=x&limit=0",
                "/api/search?q=x&limit=1000000", "/api/search?q=x&offset=-1", "/api/search?q=x&offset=abc", "/api/search?q=x&offset=99999999999")) {
            HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(server.api() + query)).header("Authorization", "Bearer " + ADMIN));
            expectError(soft, query, r, 400);
            String param = query.contains("offset") ? "offset" : "limit";
            soft.assertThat(fieldOf(r)).as(query + " names its parameter").isEqualTo(param);
        }
        soft.assertAll();
    }

    @Test
    void unknownAndMistypedFieldsAre400NamingTheField() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> unknown = Map.of(
                "/api/captures", "{\"url\": \"http://127.0.0.1:9/x\", \"bogus\": 1}",
                "/api/crawls", "{\"name\": \"unknown-field\", \"seeds\": [\"http://127.0.0.1:9/\"], \"bogus\": 1}",
                "/api/candidates/1/decision", "{\"action\": \"reject\", \"reason\": \"x\", \"version\": 1, \"bogus\": true}",
                "/api/submissions", "{\"url\": \"http://127.0.0.1:9/y\", \"bogus\": \"x\"}");
        unknown.forEach((path, body) -> {
            HttpResponse<byte[]> r = post(path, "application/json", body);
            expectError(soft, path + " with an unknown field", r, 400);
            soft.assertThat(fieldOf(r)).as(path + " names the field").isEqualTo("bogus");
        });
        Map<String, String> mistyped = Map.of(
                "{\"url\": 5}", "url", "{\"url\": \"http://127.0.0.1:9/x\", \"tags\": \"x\"}", "tags",
                "{\"url\": \"http://127.0.0.1:9/x\", \"note\": []}", "note",
                "{\"url\": \"http://127.0.0.1:9/y\", \"tags\": {\"a\": 5}}", "tags",
                "{\"url\": \"http://127.0.0.1:9/z\", \"tags\": {\"a\": 1e999999999}}", "tags");
        mistyped.forEach((body, field) -> {
            HttpResponse<byte[]> r = post("/api/captures", "application/json", body);
            expectError(soft, body, r, 400);
            soft.assertThat(fieldOf(r)).as(body).isEqualTo(field);
        });
        expectError(soft, "maxPages past int", post("/api/crawls", "application/json",
                "{\"name\": \"big\", \"seeds\": [\"http://127.0.0.1:9/\"], \"maxPages\": 1000000000000}"), 400);
        expectError(soft, "maxDepth as text", post("/api/crawls", "application/json",
                "{\"name\": \"deep\", \"seeds\": [\"http://127.0.0.1:9/\"], \"maxDepth\": \"deep\"}"), 400);
        expectError(soft, "version as text", post("/api/candidates/1/decision", "application/json",
                "{\"action\": \"reject\", \"version\": \"one\"}"), 400);
        soft.assertAll();
    }

    @Test
    void pathTraversalUnderTheUiIsRefusedAndNothingLeaks() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/ui/../../../../etc/passwd", "/ui/..%2f..%2f..%2fetc%2fpasswd", "/ui/%2e%2e/%2e%2e/pom.xml",
                "/ui/..\\..\\..\\etc\\passwd", "/ui/%00", "/ui/index.html%00.png", "/ui/%zz", "/ui/%c0%ae%c0%ae/etc/passwd",
                "/ui/vendor/leaflet/../../../../application.properties", "/ui//etc/passwd", "/ui/%252e%252e/application.properties",
                "/ui/.hidden", "/ui/web/../../logback.xml", "/ui/./index.html/..", "/ui/" + "a/".repeat(200) + "x.js",
                "/../../etc/passwd", "/replay/../../etc/passwd")) {
            RawResponse r = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            soft.assertThat(r.status()).as(path).isBetween(400, 499);
            soft.assertThat(r.header("content-type")).as(path + " content type").startsWith("application/json");
            soft.assertThat(r.body()).as(path + " body").contains("\"error\"").doesNotContain("root:").doesNotContain("tracemap.")
                    .doesNotContain("<configuration");
        }
        soft.assertAll();
    }

    @Test
    void unknownRoutesAndMethodsAreJsonErrorsToo() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        expectError(soft, "unknown route", server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/nothing-here"))), 404);
        expectError(soft, "DELETE /api/search", server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/search"))
                .header("Authorization", "Bearer " + ADMIN).DELETE()), 405);
        expectError(soft, "PUT /api/captures", server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/captures"))
                .PUT(HttpRequest.BodyPublishers.ofString("{}"))), 405);
        soft.assertAll();
    }

    private HttpResponse<byte[]> post(String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) b.header("Content-Type", contentType);
        try {
            return server.send(b);
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    /** A 4xx (exactly {@code status} unless it is -1) with a JSON body that has an "error" message. */
    private void expectError(SoftAssertions soft, String what, HttpResponse<byte[]> r, int status) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        if (status > 0) soft.assertThat(r.statusCode()).as(what + ": " + shorten(body)).isEqualTo(status);
        else soft.assertThat(r.statusCode()).as(what + ": " + shorten(body)).isBetween(400, 499);
        soft.assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what + " content type").startsWith("application/json");
        try {
            soft.assertThat(json.readTree(body).path("error").asText()).as(what + " error message").isNotBlank();
        } catch (Exception e) {
            soft.fail(what + ": body is not JSON: " + shorten(body));
        }
    }

    private String fieldOf(HttpResponse<byte[]> r) {
        try {
            JsonNode node = json.readTree(r.body());
            return node.path("field").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
    }

    private record RawResponse(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) return line.substring(colon + 1).strip();
            }
            return "";
        }
    }

    /** Sends bytes as they are (no client-side path normalisation) and reads the answer until the server closes. */
    private static RawResponse raw(String request) throws Exception {
        URI api = URI.create(server.api());
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new RawResponse(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        }
    }
}
