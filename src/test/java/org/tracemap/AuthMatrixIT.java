package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * Who may call what: every route in {@code routes/80-api.camel.yaml}, called with no token, a wrong token and
 * a token of each role, against the documented answer. Public: {@code /health}, {@code /replay}
 * ({@code tracemap.replay.public}), {@code POST /api/submissions}, {@code GET /api/ui-config}, the UI files and {@code /}; everything else
 * needs a token, and defining or running crawls needs CRAWL (operator, admin), deciding on candidates REVIEW
 * (reviewer, admin). "Allowed" means a 2xx, or the 4xx the input deserves (an unknown crawl is 404, a bad
 * decision 400) — never 401 or 403. A route added to the YAML without a row here fails the test.
 */
class AuthMatrixIT {
    /** Who calls: no Authorization header, a token nobody has, then one token per role. */
    private enum Caller { NONE, WRONG, RESEARCHER, REVIEWER, OPERATOR, ADMIN }

    /** One route, the request that exercises it, and the status expected for each {@link Caller} in order. */
    private record Row(String routeId, String method, String path, String body, int... expected) {}

    @TempDir
    Path archive;

    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void everyRouteAnswersEachCallerAsDocumented() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.auth.max-failures-per-minute", "1000",
                "tracemap.submissions.per-address-per-hour", "1000", "tracemap.fetch.max-attempts", "1"));
        Map<Caller, String> tokens = tokens();
        String captureId = server.read(server.post("/api/captures", Map.of("url", "http://127.0.0.1:9/matrix"), TestServer.ADMIN)).path("id").asText();
        String candidateId = server.read(server.post("/api/submissions", Map.of("url", "http://127.0.0.1:9/submitted"), null)).path("id").asText();

        List<Row> table = List.of(
                new Row("api-post-capture", "POST", "/api/captures", "{\"url\": \"http://127.0.0.1:9/matrix\"}", 401, 401, 202, 202, 202, 202),
                new Row("api-get-capture", "GET", "/api/captures/" + captureId, null, 401, 401, 200, 200, 200, 200),
                new Row("api-list-captures", "GET", "/api/captures?status=QUEUED,FAILED", null, 401, 401, 200, 200, 200, 200),
                new Row("api-retry-capture", "POST", "/api/captures/no-such-capture/retry", "{}", 401, 401, 404, 404, 404, 404),
                new Row("api-snapshots", "GET", "/api/snapshots?url=http://127.0.0.1:9/matrix", null, 401, 401, 200, 200, 200, 200),
                new Row("api-snapshot-text", "GET", "/api/snapshots/no-such-snapshot/text", null, 401, 401, 404, 404, 404, 404),
                // Sign-in reads the token in its body, not the caller's header: a wrong one is 401 whoever asks.
                new Row("api-session-post", "POST", "/api/session", "{\"token\": \"not-a-token\"}", 401, 401, 401, 401, 401, 401),
                new Row("api-session-get", "GET", "/api/session", null, 401, 401, 200, 200, 200, 200),
                new Row("api-session-delete", "DELETE", "/api/session", null, 204, 204, 204, 204, 204, 204),
                new Row("api-search", "GET", "/api/search?q=matrix", null, 401, 401, 200, 200, 200, 200),
                new Row("api-crawls-post", "POST", "/api/crawls", "{\"name\": \"matrix\", \"seeds\": [\"http://127.0.0.1:9/\"]}",
                        401, 401, 403, 403, 201, 201),
                new Row("api-crawls-get", "GET", "/api/crawls", null, 401, 401, 200, 200, 200, 200),
                new Row("api-crawl-runs-post", "POST", "/api/crawls/no-such-crawl/runs", "{}", 401, 401, 403, 403, 404, 404),
                new Row("api-crawl-run-get", "GET", "/api/crawls/no-such-crawl/runs/1", null, 401, 401, 404, 404, 404, 404),
                new Row("api-crawl-runs-get", "GET", "/api/crawls/no-such-crawl/runs", null, 401, 401, 404, 404, 404, 404),
                new Row("api-ui-config", "GET", "/api/ui-config", null, 200, 200, 200, 200, 200, 200),
                new Row("api-changes", "GET", "/api/changes", null, 401, 401, 200, 200, 200, 200),
                new Row("api-diff", "GET", "/api/diff?url=http://127.0.0.1:9/matrix", null, 401, 401, 404, 404, 404, 404),
                new Row("api-candidates", "GET", "/api/candidates", null, 401, 401, 200, 200, 200, 200),
                new Row("api-get-candidate", "GET", "/api/candidates/" + candidateId, null, 401, 401, 200, 200, 200, 200),
                new Row("api-candidate-decision", "POST", "/api/candidates/" + candidateId + "/decision", "{\"action\": \"shrug\", \"version\": 1}",
                        401, 401, 403, 400, 403, 400),
                new Row("api-candidate-matches", "GET", "/api/candidates/" + candidateId + "/matches", null, 401, 401, 200, 200, 200, 200),
                // Allowed callers get 200 with a per-candidate 409 inside (the version is stale on purpose: nothing changes).
                new Row("api-candidates-bulk-decision", "POST", "/api/candidates/bulk-decision", "{\"action\": \"reject\", \"ids\": [\""
                        + candidateId + "\"], \"versions\": {\"" + candidateId + "\": 99}, \"reason\": \"matrix\"}", 401, 401, 403, 200, 403, 200),
                new Row("api-gazetteer-countries", "GET", "/api/gazetteer/countries", null, 401, 401, 200, 200, 200, 200),
                new Row("api-datapoints", "GET", "/api/datapoints", null, 401, 401, 200, 200, 200, 200),
                new Row("api-places", "GET", "/api/places?q=Serb", null, 200, 200, 200, 200, 200, 200),
                new Row("api-vocabulary", "GET", "/api/vocabulary", null, 200, 200, 200, 200, 200, 200),
                // Proposing a point needs CAPTURE, saving it as reviewed REVIEW; allowed callers get the 400 the empty point deserves.
                new Row("api-candidates-post", "POST", "/api/candidates", "{\"reviewed\": true}", 401, 401, 403, 400, 403, 400),
                new Row("api-submissions", "POST", "/api/submissions", "{\"url\": \"http://127.0.0.1:9/suggested\"}", 202, 202, 202, 202, 202, 202),
                new Row("replay", "GET", "/replay/20260101000000/http://127.0.0.1:9/never", null, 404, 404, 404, 404, 404, 404),
                new Row("ui", "GET", "/ui/", null, 200, 200, 200, 200, 200, 200),
                new Row("home", "GET", "/", null, 302, 302, 302, 302, 302, 302),
                new Row("page-capture", "GET", "/capture", null, 200, 200, 200, 200, 200, 200),
                new Row("page-search", "GET", "/search", null, 200, 200, 200, 200, 200, 200),
                new Row("page-review", "GET", "/review", null, 200, 200, 200, 200, 200, 200),
                new Row("page-map", "GET", "/map", null, 200, 200, 200, 200, 200, 200),
                new Row("page-crawls", "GET", "/crawls", null, 200, 200, 200, 200, 200, 200),
                new Row("page-submit", "GET", "/submit", null, 200, 200, 200, 200, 200, 200),
                new Row("page-view", "GET", "/view", null, 200, 200, 200, 200, 200, 200),
                new Row("page-text", "GET", "/text", null, 200, 200, 200, 200, 200, 200),
                new Row("health", "GET", "/health", null, 200, 200, 200, 200, 200, 200),
                new Row("metrics", "GET", "/metrics", null, 401, 401, 200, 200, 200, 200));

        Map<String, List<String>> routes = apiRoutes();
        assertThat(table).extracting(Row::routeId).as("one row per route in routes/80-api.camel.yaml")
                .containsExactlyInAnyOrderElementsOf(routes.keySet());
        SoftAssertions soft = new SoftAssertions();
        Map<String, String> observed = new TreeMap<>();
        for (Row row : table) {
            assertThat(routes.get(row.routeId())).as(row.routeId() + " takes " + row.method()).contains(row.method());
            List<Integer> got = new ArrayList<>();
            for (Caller caller : Caller.values()) {
                HttpResponse<byte[]> r = server.send(request(row, tokens.get(caller)));
                got.add(r.statusCode());
                if (r.statusCode() == 401 || r.statusCode() == 403) {
                    JsonNode error = server.read(r);
                    soft.assertThat(error.path("error").asText()).as(row.routeId() + " " + caller + " explains the refusal").isNotBlank();
                }
            }
            observed.put(row.routeId(), got.toString());
            soft.assertThat(got).as(row.method() + " " + row.path() + " as " + Arrays.toString(Caller.values()))
                    .containsExactlyElementsOf(Arrays.stream(row.expected()).boxed().toList());
        }
        System.out.println("auth matrix " + Arrays.toString(Caller.values()) + ": " + observed);
        soft.assertAll();
    }

    @Test
    void replayAndMetricsFollowTheirPublicSettings() throws Exception {
        server = new TestServer(archive, Map.of("tracemap.replay.public", "false", "tracemap.metrics.public", "true"));
        HttpRequest.Builder replay = HttpRequest.newBuilder(URI.create(server.api() + "/replay/20260101000000/http://127.0.0.1:9/never"));
        assertThat(server.send(replay).statusCode()).isEqualTo(401);
        assertThat(server.send(replay.header("Authorization", "Bearer " + TestServer.ADMIN)).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> metrics = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/metrics")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(new String(metrics.body())).contains("tracemap_captures{status=\"QUEUED\"}");
    }

    private Map<Caller, String> tokens() {
        Authenticator users = new Authenticator(server.tracemap().tokens());
        Map<Caller, String> tokens = new LinkedHashMap<>();
        tokens.put(Caller.NONE, null);
        tokens.put(Caller.WRONG, "not-a-token-anyone-has");
        tokens.put(Caller.RESEARCHER, users.addUser("rita", Role.RESEARCHER));
        tokens.put(Caller.REVIEWER, users.addUser("rob", Role.REVIEWER));
        tokens.put(Caller.OPERATOR, users.addUser("otto", Role.OPERATOR));
        tokens.put(Caller.ADMIN, TestServer.ADMIN);
        return tokens;
    }

    private HttpRequest.Builder request(Row row, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.api() + row.path()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (row.body() == null) return b.method(row.method(), HttpRequest.BodyPublishers.noBody());
        return b.header("Content-Type", "application/json").method(row.method(), HttpRequest.BodyPublishers.ofString(row.body()));
    }

    /** Route id to the HTTP methods it takes (all of them when unrestricted), read from the YAML the server runs. */
    private static Map<String, List<String>> apiRoutes() throws Exception {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(Path.of("routes/80-api.camel.yaml").toFile());
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (JsonNode item : yaml) {
            JsonNode route = item.path("route");
            String methods = route.path("from").path("parameters").path("httpMethodRestrict").asText("GET,HEAD,POST,PUT,DELETE,PATCH");
            routes.put(route.path("id").asText(), Arrays.stream(methods.split(",")).map(String::strip).toList());
        }
        return routes;
    }
}
