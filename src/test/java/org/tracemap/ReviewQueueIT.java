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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.Snapshot;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * The review page's API through HTTP: undo (its 403 and 409s and its audit entry), merge suggestions, bulk reject,
 * the queue's filters and exact totals, and a public submission of a mined page ending in one group whose data point
 * cites the page once, with its quote.
 */
class ReviewQueueIT {
    private static final String ARTICLE = "<html><head><title>Huawei to build Nairobi safe city</title></head><body>"
            + "<article><h1>Huawei to build Nairobi safe city</h1><p>Published 3 March 2015</p>"
            + "<p>Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city surveillance system in Nairobi, "
            + "with 1,800 cameras connected to a new command centre.</p>"
            + "<p>The company said the network would be delivered within two years. Officials praised the project.</p></article>"
            + "</body></html>";

    @TempDir
    Path archive;

    private WireMockServer origin;
    private TestServer server;
    private String alice;
    private String bob;
    private String rita;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/news/nairobi.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(ARTICLE)));
        server = new TestServer(archive, Map.of());
        Authenticator users = new Authenticator(server.tracemap().tokens());
        alice = users.addUser("alice", Role.REVIEWER);
        bob = users.addUser("bob", Role.REVIEWER);
        rita = users.addUser("rita", Role.RESEARCHER);
        url = origin.baseUrl() + "/news/nairobi.html";
        captureAndWait(url);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void theDeciderUndoesAnApprovalOnceAndOnlyWhileNothingHappenedSince() throws Exception {
        JsonNode safeCity = only(server.getJson("/api/candidates", alice));
        String id = safeCity.path("id").asText();
        HttpResponse<byte[]> approved = decide(id, Map.of("action", "approve", "version", safeCity.path("version").asInt(),
                "edits", Map.of("label", "Nairobi Safe City", "yearStarted", 2015)), alice);
        assertThat(approved.statusCode()).isEqualTo(200);
        JsonNode answer = server.read(approved);
        int decidedVersion = answer.path("candidate").path("version").asInt();
        // The page shows what was saved, not what was mined.
        assertThat(answer.path("candidate").path("saved").path("label").asText()).isEqualTo("Nairobi Safe City");
        assertThat(answer.path("candidate").path("saved").path("yearStarted").asInt()).isEqualTo(2015);
        assertThat(answer.path("candidate").path("year").asInt()).isEqualTo(2014);

        HttpResponse<byte[]> notHers = decide(id, Map.of("action", "undo", "version", decidedVersion), bob);
        assertThat(notHers.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> stale = decide(id, Map.of("action", "undo", "version", decidedVersion - 1), alice);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(server.read(stale).path("field").asText()).isEqualTo("version");
        assertThat(decide(id, Map.of("action", "undo", "version", decidedVersion, "reason", "oops"), alice).statusCode()).isEqualTo(400);

        HttpResponse<byte[]> undone = decide(id, Map.of("action", "undo", "version", decidedVersion), alice);
        assertThat(undone.statusCode()).as(new String(undone.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(server.read(undone).path("candidate").path("status").asText()).isEqualTo("PENDING");
        assertThat(server.read(undone).path("candidate").path("saved").isNull()).isTrue();
        assertThat(server.getJson("/api/datapoints", alice).path("total").asInt()).isZero();
        assertThat(server.getJson("/api/candidates", alice).path("total").asInt()).isEqualTo(1);
        JsonNode history = server.getJson("/api/candidates/" + id, alice).path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(1).path("action").asText()).isEqualTo("undo");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("alice");
        assertThat(history.get(1).path("detail").path("undoes").asText()).isEqualTo("approve");
        // Undone once: nothing left to undo.
        assertThat(decide(id, Map.of("action", "undo", "version", decidedVersion + 1), alice).statusCode()).isEqualTo(409);

        // Approved again, then another candidate merged into its point: the approval can no longer be undone.
        JsonNode again = server.read(decide(id, Map.of("action", "approve", "version", decidedVersion + 1), alice));
        String point = again.path("datapoint").path("id").asText();
        long other = addCandidate("huawei", "data-centre", "KE", "Nairobi", 0.8);
        JsonNode otherView = server.getJson("/api/candidates/" + other, alice);
        assertThat(decide(String.valueOf(other), Map.of("action", "merge", "into", point, "version", otherView.path("version").asInt()), bob)
                .statusCode()).isEqualTo(200);
        HttpResponse<byte[]> afterMerge = decide(id, Map.of("action", "undo", "version", again.path("candidate").path("version").asInt()),
                alice);
        assertThat(afterMerge.statusCode()).isEqualTo(409);
        assertThat(server.read(afterMerge).path("error").asText()).contains("changed since");
    }

    @Test
    void filtersCountExactlyMatchesSuggestSimilarPointsAndBulkRejectIsPerCandidate() throws Exception {
        long dataCentre = addCandidate("huawei", "data-centre", "KE", "Nairobi", 0.95);
        long zte = addCandidate("zte", "5g", "KE", "Mombasa", 0.4);
        long uganda = addCandidate("huawei", "5g", "UG", "Kampala", 0.8);
        String u = URLEncoder.encode(url, StandardCharsets.UTF_8);

        assertThat(server.getJson("/api/candidates?limit=2", alice).path("total").asInt()).isEqualTo(4);
        assertThat(server.getJson("/api/candidates?limit=2", alice).path("items")).hasSize(2);
        assertThat(ids(server.getJson("/api/candidates?minScore=0.5&url=" + u, alice))).doesNotContain(String.valueOf(zte)).hasSize(3);
        assertThat(server.getJson("/api/candidates?minScore=0.5&url=" + u, alice).path("total").asInt()).isEqualTo(3);
        assertThat(server.getJson("/api/candidates?url=" + URLEncoder.encode(url + "?other", StandardCharsets.UTF_8), alice)
                .path("total").asInt()).isZero();
        assertThat(ids(server.getJson("/api/candidates?company=huawei&country=ug", alice))).containsExactly(String.valueOf(uganda));
        assertThat(server.getJson("/api/candidates?origin=submission", alice).path("total").asInt()).isZero();
        assertThat(getStatus("/api/candidates?minScore=high", alice)).isEqualTo(400);
        assertThat(getStatus("/api/candidates?origin=robot", alice)).isEqualTo(400);
        JsonNode countries = server.getJson("/api/gazetteer/countries", rita);
        assertThat(countries.path("total").asInt()).isGreaterThan(150);
        assertThat(countries.path("items").toString()).contains("\"code\":\"KE\",\"name\":\"Kenya\"");

        // Merge suggestions: the approved Nairobi data centre for the Nairobi safe city (same company and place).
        JsonNode dc = server.getJson("/api/candidates/" + dataCentre, alice);
        String point = server.read(decide(String.valueOf(dataCentre), Map.of("action", "approve", "version", dc.path("version").asInt()), alice))
                .path("datapoint").path("id").asText();
        JsonNode safeCity = server.getJson("/api/candidates?category=smart-city-public-security", alice).path("items").get(0);
        JsonNode matches = server.getJson("/api/candidates/" + safeCity.path("id").asText() + "/matches", rita);
        assertThat(matches.path("total").asInt()).isEqualTo(1);
        assertThat(matches.path("items").get(0).path("id").asText()).isEqualTo(point);
        assertThat(matches.path("items").get(0).path("sources").asInt()).isEqualTo(1);
        assertThat(matches.path("items").get(0).path("same").toString()).isEqualTo("[\"country\",\"city\"]");
        assertThat(server.getJson("/api/candidates/" + zte + "/matches", alice).path("total").asInt()).isZero();
        assertThat(getStatus("/api/candidates/999999/matches", alice)).isEqualTo(404);

        // Bulk reject: one reason, one request; a stale version fails alone.
        JsonNode z = server.getJson("/api/candidates/" + zte, alice);
        JsonNode ug = server.getJson("/api/candidates/" + uganda, alice);
        Map<String, Object> bulk = Map.of("action", "reject", "reason", "aggregator page, not a source",
                "ids", List.of(String.valueOf(zte), String.valueOf(uganda), safeCity.path("id").asText()),
                "versions", Map.of(String.valueOf(zte), z.path("version").asInt(), String.valueOf(uganda), ug.path("version").asInt(),
                        safeCity.path("id").asText(), safeCity.path("version").asInt() + 7));
        assertThat(server.post("/api/candidates/bulk-decision", bulk, rita).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> response = server.post("/api/candidates/bulk-decision", bulk, bob);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode result = server.read(response);
        assertThat(result.path("rejected").asInt()).isEqualTo(2);
        List<Integer> statuses = new ArrayList<>();
        for (JsonNode item : result.path("items")) statuses.add(item.path("status").asInt());
        assertThat(statuses).containsExactly(200, 200, 409);
        assertThat(result.path("items").get(0).path("candidate").path("status").asText()).isEqualTo("REJECTED");
        JsonNode trail = server.getJson("/api/candidates/" + uganda, alice).path("history");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).path("actor").asText()).isEqualTo("bob");
        assertThat(trail.get(0).path("detail").path("reason").asText()).isEqualTo("aggregator page, not a source");
        assertThat(server.getJson("/api/candidates", alice).path("total").asInt()).isEqualTo(1);
        assertThat(server.post("/api/candidates/bulk-decision", Map.of("action", "reject", "ids", List.of(String.valueOf(zte)),
                "versions", Map.of()), bob).statusCode()).isEqualTo(400); // no reason
        // A malformed id anywhere refuses the whole request before anything is rejected.
        String sc = safeCity.path("id").asText();
        HttpResponse<byte[]> malformed = server.post("/api/candidates/bulk-decision", Map.of("action", "reject", "reason", "noise",
                "ids", List.of(sc, "abc"), "versions", Map.of(sc, safeCity.path("version").asInt(), "abc", 1)), bob);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(server.read(malformed).path("field").asText()).isEqualTo("ids");
        assertThat(server.getJson("/api/candidates/" + sc, alice).path("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void aPublicSubmissionOfAMinedPageJoinsItsGroupAndThePointCitesThePageOnceWithItsQuote() throws Exception {
        JsonNode mined = only(server.getJson("/api/candidates", alice));
        HttpResponse<byte[]> submitted = server.post("/api/submissions", Map.of("url", url, "company", "huawei",
                "category", "smart-city-public-security", "country", "KE", "city", "Nairobi", "note", "CCTV contract"), null);
        assertThat(submitted.statusCode()).isEqualTo(202);
        assertThat(server.read(submitted).path("id").asText()).isEqualTo(mined.path("id").asText());

        JsonNode group = only(server.getJson("/api/candidates", alice));
        assertThat(group.path("sources")).hasSize(2);
        assertThat(group.path("note").asText()).isEqualTo("CCTV contract");
        HttpResponse<byte[]> approved = decide(group.path("id").asText(), Map.of("action", "approve", "version", group.path("version").asInt()),
                alice);
        assertThat(approved.statusCode()).as(new String(approved.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        JsonNode sources = server.getJson("/api/datapoints", alice).path("items").get(0).path("sources");
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).path("url").asText()).isEqualTo(url);
        assertThat(sources.get(0).path("quote").asText()).startsWith("Kenya's Ministry of Interior signed a contract with Huawei");
    }

    /** Another candidate backed by the captured page, as the miner would have stored it. */
    private long addCandidate(String company, String category, String country, String city, double score) throws Exception {
        String snapshotId = only(server.getJson("/api/candidates?category=smart-city-public-security&status=ALL", alice))
                .path("source").path("snapshotId").asText();
        Snapshot snapshot = server.tracemap().snapshots().find(snapshotId).orElseThrow();
        String quote = company + " " + category + " in " + city;
        server.tracemap().candidates().addMined(snapshot, List.of(new CandidateStore.Mined(company, category, country, city, 2020, quote, 0,
                quote.length(), score, 0, 0, "city", Map.of(), null)), server.tracemap().captures(), CaptureStatus.MINED, null);
        JsonNode found = server.getJson("/api/candidates?company=" + company + "&category=" + category + "&country=" + country, alice);
        return found.path("items").get(0).path("id").asLong();
    }

    private static JsonNode only(JsonNode page) {
        assertThat(page.path("items")).as(page.toPrettyString()).hasSize(1);
        assertThat(page.path("total").asInt()).isEqualTo(1);
        return page.path("items").get(0);
    }

    private static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : page.path("items")) out.add(c.path("id").asText());
        return out;
    }

    private HttpResponse<byte[]> decide(String id, Map<String, Object> body, String token) throws Exception {
        return server.post("/api/candidates/" + id + "/decision", body, token);
    }

    private int getStatus(String path, String token) throws Exception {
        return server.send(HttpRequest.newBuilder(URI.create(server.api() + path)).header("Authorization", "Bearer " + token).GET()).statusCode();
    }

    private void captureAndWait(String target) throws Exception {
        server.captureAndWait(target);
    }
}
