package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * Points added by hand through the HTTP API: a passage of a captured page's text becomes a candidate (researcher) or
 * a reviewed data point (reviewer) with its quote and offsets; a passage the page does not contain is refused; the
 * place picker's search and the vocabulary are public; the public form takes a country code and a city.
 */
class ManualPointIT {
    // The miner finds nothing here (no company named with the cue in one sentence): exactly what a person must add by hand.
    private static final String PAGE = "<html><head><title>New lab in Belgrade</title></head><body><article><h1>New lab in Belgrade</h1>"
            + "<p>The Chinese vendor opened an innovation centre in Belgrade in 2021, its spokesman said.</p>"
            + "<p>Local engineers will be trained there over the next three years.</p></article></body></html>";
    private static final String PASSAGE = "The Chinese vendor opened an innovation centre in Belgrade in 2021";

    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;
    private String reviewer;
    private String researcher;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/news/belgrade.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(PAGE)));
        server = new TestServer(archive, Map.of());
        Authenticator users = new Authenticator(server.tracemap().tokens());
        reviewer = users.addUser("vera", Role.REVIEWER);
        researcher = users.addUser("rita", Role.RESEARCHER);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void reviewerSavesAPassageStraightAsAReviewedPointWithBothAuditRecords() throws Exception {
        JsonNode snapshot = captureAndWait(origin.baseUrl() + "/news/belgrade.html");
        Map<String, Object> body = point(snapshot.path("id").asText(), PASSAGE);
        body.put("reviewed", true);
        body.put("label", "Belgrade innovation centre");

        HttpResponse<byte[]> saved = server.post("/api/candidates", body, reviewer);
        assertThat(saved.statusCode()).as(text(saved)).isEqualTo(201);
        JsonNode answer = server.read(saved);
        JsonNode candidate = answer.path("candidate");
        assertThat(candidate.path("origin").asText()).isEqualTo("MANUAL");
        assertThat(candidate.path("status").asText()).isEqualTo("APPROVED");
        JsonNode point = answer.path("datapoint");
        assertThat(point.path("company").asText()).isEqualTo("huawei");
        assertThat(point.path("country").asText()).isEqualTo("RS");
        assertThat(point.path("city").asText()).isEqualTo("Belgrade");
        assertThat(point.path("precision").asText()).isEqualTo("city");
        assertThat(point.path("label").asText()).isEqualTo("Belgrade innovation centre");
        assertThat(point.path("yearStarted").asInt()).isEqualTo(2021);
        JsonNode source = point.path("sources").get(0);
        assertThat(source.path("quote").asText()).isEqualTo(PASSAGE);
        assertThat(source.path("snapshotTimestamp").asText()).isEqualTo(snapshot.path("timestamp").asText());

        // The source's offsets point at the passage in the snapshot's text.
        JsonNode stored = server.getJson("/api/candidates/" + candidate.path("id").asText(), reviewer);
        JsonNode text = server.getJson("/api/snapshots/" + snapshot.path("id").asText() + "/text", reviewer);
        int start = stored.path("source").path("quoteStart").asInt();
        int end = stored.path("source").path("quoteEnd").asInt();
        assertThat(text.path("text").asText().substring(start, end)).isEqualTo(PASSAGE);
        // Added, then approved: two records, in that order, both by the reviewer, the approval naming the data point.
        JsonNode history = stored.path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("action").asText()).isEqualTo("add");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("vera");
        assertThat(history.get(0).path("detail").path("quoteStart").asInt()).isEqualTo(start);
        assertThat(history.get(1).path("action").asText()).isEqualTo("approve");
        assertThat(history.get(1).path("datapointId").asText()).isEqualTo(point.path("id").asText());
    }

    @Test
    void researcherProposesACandidateButMayNotSaveAReviewedPoint() throws Exception {
        JsonNode snapshot = captureAndWait(origin.baseUrl() + "/news/belgrade.html");
        // Selected across a paragraph break: the browser's white space is not the text's, the words are.
        Map<String, Object> body = point(null, "its spokesman said. Local engineers will be trained there");
        body.put("url", snapshot.path("url").asText());
        body.put("timestamp", snapshot.path("timestamp").asText());
        body.put("category", "training");
        body.put("city", null);

        Map<String, Object> reviewed = new HashMap<>(body);
        reviewed.put("reviewed", true);
        HttpResponse<byte[]> refused = server.post("/api/candidates", reviewed, researcher);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(server.getJson("/api/candidates?status=ALL", reviewer).path("total").asInt()).isZero();

        HttpResponse<byte[]> proposed = server.post("/api/candidates", body, researcher);
        assertThat(proposed.statusCode()).as(text(proposed)).isEqualTo(201);
        JsonNode candidate = server.read(proposed).path("candidate");
        assertThat(candidate.path("status").asText()).isEqualTo("PENDING");
        assertThat(candidate.path("origin").asText()).isEqualTo("MANUAL");
        assertThat(candidate.path("precision").asText()).isEqualTo("country");
        assertThat(candidate.path("quote").asText()).isEqualTo("its spokesman said.\n\nLocal engineers will be trained there");
        assertThat(server.read(proposed).path("datapoint").isNull()).isTrue();
        JsonNode queue = server.getJson("/api/candidates?origin=MANUAL", reviewer);
        assertThat(queue.path("total").asInt()).isEqualTo(1);
        JsonNode history = server.getJson("/api/candidates/" + candidate.path("id").asText(), reviewer).path("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("action").asText()).isEqualTo("add");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("rita");
    }

    @Test
    void everyBadFieldIsA400NamingIt() throws Exception {
        String id = captureAndWait(origin.baseUrl() + "/news/belgrade.html").path("id").asText();
        assertField(point(id, "The vendor opened a data centre in Belgrade"), "quote"); // not in the text
        assertField(with(point(id, PASSAGE), "company", "nokia"), "company");
        assertField(with(point(id, PASSAGE), "category", "bakery"), "category");
        assertField(with(point(id, PASSAGE), "country", "Serbia"), "country");
        assertField(with(point(id, PASSAGE), "country", "XX"), "country");
        assertField(with(point(id, PASSAGE), "year", 1066), "year");
        assertField(with(point(id, PASSAGE), "snapshotId", "no-such-snapshot"), "snapshotId");
        assertField(with(point(id, PASSAGE), "colour", "red"), "colour");
        assertThat(server.getJson("/api/candidates?status=ALL", reviewer).path("total").asInt()).isZero();
    }

    @Test
    void placesAndVocabularyArePublicAndTheFormTakesACountryCodeAndACity() throws Exception {
        HttpResponse<byte[]> places = publicGet("/api/places?q=" + URLEncoder.encode("塞尔维亚", StandardCharsets.UTF_8) + "&limit=3");
        assertThat(places.statusCode()).isEqualTo(200);
        JsonNode first = server.read(places).path("items").get(0);
        assertThat(first.path("kind").asText()).isEqualTo("country");
        assertThat(first.path("country").asText()).isEqualTo("RS");
        assertThat(first.path("label").asText()).isEqualTo("Serbia");
        assertThat(server.read(publicGet("/api/places?q=Belgrade")).path("items").get(0).path("label").asText()).isEqualTo("Belgrade, Serbia");
        HttpResponse<byte[]> tooLong = publicGet("/api/places?q=" + "a".repeat(101));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(server.read(tooLong).path("field").asText()).isEqualTo("q");
        assertThat(server.read(publicGet("/api/places?q=a&limit=51")).path("field").asText()).isEqualTo("limit");

        JsonNode vocabulary = server.read(publicGet("/api/vocabulary"));
        assertThat(vocabulary.path("companies").get(0).path("id").asText()).isEqualTo("huawei");
        assertThat(vocabulary.path("companies").get(0).path("nameZh").asText()).isEqualTo("华为");
        assertThat(vocabulary.path("categories").findValuesAsText("id")).contains("university-partnership", "data-centre");

        HttpResponse<byte[]> submitted = server.post("/api/submissions", Map.of("url", origin.baseUrl() + "/news/belgrade.html",
                "country", "RS", "city", "Belgrade"), null);
        assertThat(submitted.statusCode()).as(text(submitted)).isEqualTo(202);
        JsonNode candidate = server.getJson("/api/candidates/" + server.read(submitted).path("id").asText(), reviewer);
        assertThat(candidate.path("city").asText()).isEqualTo("Belgrade");
        assertThat(candidate.path("precision").asText()).isEqualTo("city");
        // Not codes of a country: a made-up code, and a name (the old two-letter box cut "Serbia" to "Se", which is Sweden's SE).
        for (String bad : new String[] {"XX", "Serbia"}) {
            HttpResponse<byte[]> refused = server.post("/api/submissions", Map.of("url", origin.baseUrl() + "/x", "country", bad), null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(server.read(refused).path("field").asText()).isEqualTo("country");
        }
        HttpResponse<byte[]> cityAlone = server.post("/api/submissions", Map.of("url", origin.baseUrl() + "/x", "city", "Belgrade"), null);
        assertThat(cityAlone.statusCode()).isEqualTo(400);
        assertThat(server.read(cityAlone).path("field").asText()).isEqualTo("city");
    }

    private void assertField(Map<String, Object> body, String field) throws Exception {
        HttpResponse<byte[]> r = server.post("/api/candidates", body, reviewer);
        assertThat(r.statusCode()).as(field + ": " + text(r)).isEqualTo(400);
        JsonNode error = server.read(r);
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("error").asText()).isNotBlank();
    }

    private static Map<String, Object> point(String snapshotId, String quote) {
        Map<String, Object> body = new HashMap<>();
        if (snapshotId != null) body.put("snapshotId", snapshotId);
        body.put("quote", quote);
        body.put("company", "huawei");
        body.put("category", "rd-lab");
        body.put("country", "RS");
        body.put("city", "Belgrade");
        body.put("year", 2021);
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        body.put(key, value);
        return body;
    }

    private HttpResponse<byte[]> publicGet(String path) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).GET());
    }

    /** Captures the URL and waits until it is mined; returns its snapshot ({"id", "url", "timestamp", ...}). */
    /** The snapshot of {@code url} once it is mined. */
    private JsonNode captureAndWait(String url) throws Exception {
        return server.captureAndWait(url).path("snapshot");
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
