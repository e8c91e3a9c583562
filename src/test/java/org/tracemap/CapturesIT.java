package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;

/**
 * {@code GET /api/captures} (filters, paging, refusals) and {@code POST /api/captures/{id}/retry} against the
 * real routes, with a WireMock origin on loopback; and that an archived 404 says so in words.
 */
class CapturesIT {
    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>ok</title></head><body><p>A page.</p></body></html>")));
        origin.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404).withBody("no such page")));
        server = new TestServer(archive, Map.of("tracemap.fetch.max-attempts", "1"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (origin != null) origin.stop();
    }

    @Test
    void listsCapturesNewestFirstFilteredAndPaged() throws Exception {
        String ok = queue(origin.baseUrl() + "/ok", Map.of("company", "a"));
        String missing = queue(origin.baseUrl() + "/missing", Map.of("company", "b"));
        String dead = queue("http://127.0.0.1:9/dead", Map.of("company", "a"));
        awaitSettled(3);

        JsonNode all = list("");
        assertThat(all.path("total").asInt()).isEqualTo(3);
        assertThat(ids(all)).containsExactly(dead, missing, ok);

        assertThat(ids(list("status=FAILED"))).containsExactly(dead);
        assertThat(ids(list("status=mined,failed"))).containsExactly(dead, missing, ok);
        assertThat(ids(list("tag=company=a"))).containsExactly(dead, ok);
        assertThat(ids(list("tag=company=c"))).isEmpty();
        assertThat(ids(list("host=localhost:" + origin.port()))).containsExactly(missing, ok); // WireMock's base URL names localhost
        assertThat(ids(list("host=localhost:1"))).isEmpty();
        assertThat(ids(list("host=LOCALHOST"))).as("a host without a port matches every port").containsExactly(missing, ok);
        assertThat(ids(list("host=127.0.0.1"))).containsExactly(dead);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        assertThat(ids(list("since=" + today + "&until=" + today))).as("until a day includes that day").hasSize(3);
        assertThat(ids(list("since=" + tomorrow))).isEmpty();
        assertThat(ids(list("until=" + today + "T00:00:00Z"))).isEmpty();

        JsonNode first = list("limit=2");
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(ids(first)).containsExactly(dead, missing);
        assertThat(ids(list("limit=2&offset=2"))).containsExactly(ok);

        JsonNode failed = list("status=FAILED").path("items").get(0);
        assertThat(failed.path("error").asText()).contains("127.0.0.1:9");
        assertThat(failed.path("snapshot").isNull()).isTrue();
    }

    @Test
    void anArchived404SaysInWordsWhatTheOriginAnswered() throws Exception {
        String missing = queue(origin.baseUrl() + "/missing", Map.of());
        awaitSettled(1);
        JsonNode capture = server.getJson("/api/captures/" + missing, TestServer.ADMIN);
        assertThat(capture.path("status").asText()).as("a 404 is a successful capture of that answer").isEqualTo("MINED");
        JsonNode snapshot = capture.path("snapshot");
        assertThat(snapshot.path("httpStatus").asInt()).isEqualTo(404);
        assertThat(snapshot.path("httpReason").asText()).isEqualTo("Not Found");
        assertThat(snapshot.path("originAnswer").asText()).isEqualTo("the origin answered 404 Not Found");
        assertThat(snapshot.path("originError").asBoolean()).isTrue();
        JsonNode listed = list("").path("items").get(0);
        assertThat(listed.path("snapshot").path("originAnswer").asText()).as("the list shows the same view").isEqualTo("the origin answered 404 Not Found");
    }

    @Test
    void unreadableParametersAreRefusedNamingTheParameter() throws Exception {
        Map<String, String> cases = Map.of(
                "status=DONE", "status",
                "limit=0", "limit",
                "limit=501", "limit",
                "offset=-1", "offset",
                "tag=company", "tag",
                "since=yesterday", "since",
                "until=2026-13-01", "until",
                "since=2026-12-08&until=2026-12-07", "since",
                "host=" + URLEncoder.encode("ftp://example.com/", StandardCharsets.UTF_8), "host");
        for (var c : cases.entrySet()) {
            HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/captures?" + c.getKey()))
                    .header("Authorization", "Bearer " + TestServer.ADMIN).GET());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode error = server.read(r);
            assertThat(error.path("field").asText()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(error.path("error").asText()).as(c.getKey()).isNotBlank();
        }
    }

    @Test
    void listingAndRetryingNeedAToken() throws Exception {
        HttpResponse<byte[]> none = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/captures")).GET());
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<byte[]> wrong = server.send(HttpRequest.newBuilder(URI.create(server.api() + "/api/captures"))
                .header("Authorization", "Bearer no-one-has-this").GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.post("/api/captures/any/retry", Map.of(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void retryPutsAFailedCaptureBackInTheQueueAndItIsCapturedAgain() throws Exception {
        origin.stubFor(get(urlEqualTo("/flaky")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String id = queue(origin.baseUrl() + "/flaky", Map.of());
        awaitSettled(1);
        JsonNode failed = server.getJson("/api/captures/" + id, TestServer.ADMIN);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        int attemptsBefore = failed.path("attempts").asInt();
        assertThat(attemptsBefore).isPositive();

        origin.stubFor(get(urlEqualTo("/flaky")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><p>Back again.</p></body></html>")));
        HttpResponse<byte[]> retried = server.post("/api/captures/" + id + "/retry", Map.of(), TestServer.ADMIN);
        assertThat(retried.statusCode()).as(new String(retried.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        JsonNode queued = server.read(retried);
        assertThat(queued.path("id").asText()).isEqualTo(id);
        assertThat(queued.path("status").asText()).isEqualTo("QUEUED");
        assertThat(queued.path("error").isNull()).as("the old error is not the new result").isTrue();

        awaitSettled(1);
        JsonNode again = server.getJson("/api/captures/" + id, TestServer.ADMIN);
        assertThat(again.path("status").asText()).isEqualTo("MINED");
        assertThat(again.path("snapshot").path("httpStatus").asInt()).isEqualTo(200);
        assertThat(again.path("attempts").asInt()).as("attempts of both rounds count").isEqualTo(attemptsBefore + 1);
        List<CaptureStore.Transition> history = server.tracemap().captures().history(id);
        assertThat(history).extracting(CaptureStore.Transition::status).containsSubsequence(CaptureStatus.FAILED, CaptureStatus.QUEUED,
                CaptureStatus.FETCHING, CaptureStatus.ARCHIVED, CaptureStatus.MINED);
        CaptureStore.Transition failure = history.stream().filter(t -> t.status() == CaptureStatus.FAILED).findFirst().orElseThrow();
        assertThat(failure.detail()).as("the audit keeps the failure's cause").isNotBlank();
        assertThat(history).anySatisfy(t -> assertThat(t.detail()).startsWith("retry requested by "));

        HttpResponse<byte[]> notFailed = server.post("/api/captures/" + id + "/retry", Map.of(), TestServer.ADMIN);
        assertThat(notFailed.statusCode()).isEqualTo(409);
        assertThat(server.read(notFailed).path("error").asText()).contains("is MINED, not FAILED");
        assertThat(server.post("/api/captures/no-such-capture/retry", Map.of(), TestServer.ADMIN).statusCode()).isEqualTo(404);
    }

    private String queue(String url, Map<String, String> tags) throws Exception {
        HttpResponse<byte[]> r = server.post("/api/captures", Map.of("url", url, "tags", tags), TestServer.ADMIN);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        return server.read(r).path("id").asText();
    }

    private JsonNode list(String query) throws Exception {
        return server.getJson("/api/captures" + (query.isEmpty() ? "" : "?" + query), TestServer.ADMIN);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    /** Waits until the list holds {@code n} captures and none is still in the pipeline. */
    private void awaitSettled(int n) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            JsonNode page = list("");
            boolean settled = page.path("total").asInt() == n;
            for (JsonNode c : page.path("items")) settled &= CaptureStatus.valueOf(c.path("status").asText()).isSettled();
            if (settled) return;
            assertThat(System.currentTimeMillis()).as("captures settled in time: " + page).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
