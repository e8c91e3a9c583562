package org.tracemap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * The "done when", through the HTTP API: a page captured on loopback yields candidates with quotes;
 * a reviewer approves one with an edit and it appears in the GeoJSON export with coordinates and its
 * archived source; a stale decision gets 409; roles and the audit trail hold; public submissions are
 * validated, size-limited and rate-limited.
 */
class ReviewIT {
    private static final String ADMIN = TestServer.ADMIN;
    private static final String ARTICLE = "<html><head><title>Huawei to build Nairobi safe city</title></head><body>"
            + "<nav><a href=\"/\">Home</a> <a href=\"/brazil\">Brazil</a> <a href=\"/india\">India data centres</a></nav>"
            + "<article><h1>Huawei to build Nairobi safe city</h1><p>Published 3 March 2015</p>"
            + "<p>Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city surveillance system in Nairobi, "
            + "with 1,800 cameras connected to a new command centre.</p>"
            + "<p>The company said the network would be delivered within two years. Officials praised the project.</p></article>"
            + "<footer>Offices in Brazil, India and Germany. Huawei data centre services in Mexico.</footer></body></html>";
    private static final String CHINESE = "<html><head><title>阿里云在迪拜开设数据中心</title></head><body><div class=\"content\">"
            + "<p>2016年，阿里巴巴旗下的阿里云宣布在阿联酋迪拜开设中东地区首个数据中心，为当地企业提供云计算服务。</p>"
            + "<p>该数据中心由阿里云与迪拜当地合作伙伴共同运营。</p></div></body></html>";

    @TempDir
    Path archive;

    private final ObjectMapper json = new ObjectMapper();
    private WireMockServer origin;
    private TestServer server;
    private String api;
    private String alice;
    private String bob;
    private String researcher;

    @BeforeEach
    void setUp() throws Exception {
        origin = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        origin.start();
        origin.stubFor(get(urlEqualTo("/news/nairobi.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(ARTICLE)));
        origin.stubFor(get(urlEqualTo("/zh/dubai.html")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8").withBody(CHINESE)));
        server = new TestServer(archive, Map.of("tracemap.submissions.per-address-per-hour", "3", "tracemap.submissions.max-body", "2KB"));
        api = server.api();
        Authenticator users = new Authenticator(server.tracemap().tokens());
        alice = users.addUser("alice", Role.REVIEWER);
        bob = users.addUser("bob", Role.REVIEWER);
        researcher = users.addUser("rita", Role.RESEARCHER);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.close();
        origin.stop();
    }

    @Test
    void capturedPageBecomesAReviewedDataPointOnTheMapWithItsArchivedSource() throws Exception {
        captureAndWait(origin.baseUrl() + "/news/nairobi.html");

        JsonNode queue = getJson("/api/candidates?status=PENDING", alice);
        JsonNode safeCity = find(queue, "huawei", "smart-city-public-security", "KE");
        assertThat(safeCity).as(queue.toPrettyString()).isNotNull();
        assertThat(safeCity.path("city").asText()).isEqualTo("Nairobi");
        assertThat(safeCity.path("year").asInt()).isEqualTo(2014);
        assertThat(safeCity.path("quote").asText()).startsWith("Kenya's Ministry of Interior signed a contract with Huawei in 2014");
        assertThat(safeCity.path("source").path("replayUrl").asText()).startsWith(api + "/replay/").endsWith("/news/nairobi.html");
        // Why it is where it is in the queue: no model yet (rank null), and the features its score was made of.
        assertThat(safeCity.has("rank")).isTrue();
        assertThat(safeCity.path("rank").isNull()).isTrue();
        assertThat(safeCity.path("features").path("cue.hedge").asDouble(-1)).isZero();
        assertThat(safeCity.path("features").path("source.html").asDouble()).isEqualTo(1.0);
        assertThat(safeCity.path("features").path("score.rules").asDouble()).isEqualTo(safeCity.path("score").asDouble());
        // Navigation and footer mention Brazil, India, Mexico and data centres: none of it is a candidate.
        for (JsonNode c : queue.path("items")) assertThat(c.path("country").asText()).isEqualTo("KE");

        // The search index knows what the page names: company, category and country facets and filters.
        JsonNode search = getJson("/api/search?q=cameras&company=huawei&country=KE&category=smart-city-public-security", researcher);
        for (int i = 0; i < 50 && search.path("total").asInt() == 0; i++) { // the index is searchable within a second of indexing
            Thread.sleep(100);
            search = getJson("/api/search?q=cameras&company=huawei&country=KE&category=smart-city-public-security", researcher);
        }
        assertThat(search.path("total").asInt()).isEqualTo(1);
        assertThat(search.path("facets").path("company").path("huawei").asInt()).isEqualTo(1);
        assertThat(getJson("/api/search?q=cameras&company=zte", researcher).path("total").asInt()).isZero();

        String id = safeCity.path("id").asText();
        int version = safeCity.path("version").asInt();
        Map<String, Object> approve = Map.of("action", "approve", "version", version,
                "edits", Map.of("label", "Nairobi Safe City", "yearStarted", 2014, "topics", List.of("surveillance")));
        Map<String, Object> reject = Map.of("action", "reject", "version", version, "reason", "duplicate");

        // Two reviewers decide on the same version at once: one wins, the other is told the candidate moved on.
        getJson("/api/candidates/" + id, bob); // a token's first use runs its slow hash: warm both, so the race is fair
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<HttpResponse<byte[]>> a = pool.submit(decision(id, approve, alice, go));
        Future<HttpResponse<byte[]>> b = pool.submit(decision(id, reject, bob, go));
        go.countDown();
        List<Integer> statuses = new ArrayList<>(List.of(a.get().statusCode(), b.get().statusCode()));
        pool.shutdown();
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        boolean aliceWon = a.get().statusCode() == 200;
        if (!aliceWon) {
            // Bob's rejection won the race; Alice reopens nothing, so approve the Chinese page's candidate instead below.
            assertThat(json.readTree(a.get().body()).path("error").asText()).contains("version");
        }

        // A decision on a version that is no longer current is refused, whoever sends it.
        HttpResponse<byte[]> stale = post("/api/candidates/" + id + "/decision", approve, alice);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json.readTree(stale.body()).path("field").asText()).isEqualTo("version");

        JsonNode decided = getJson("/api/candidates/" + id, alice);
        JsonNode history = decided.path("history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("actor").asText()).isEqualTo(aliceWon ? "alice" : "bob");
        assertThat(history.get(0).path("action").asText()).isEqualTo(aliceWon ? "approve" : "reject");
        assertThat(history.get(0).path("detail").path("version").asInt()).isEqualTo(version);

        if (!aliceWon) {
            assertThat(history.get(0).path("detail").path("reason").asText()).isEqualTo("duplicate");
            return; // the race went the other way; the approval path is covered by the Chinese-page test
        }
        assertThat(history.get(0).path("detail").path("changes").path("yearStarted")).isEmpty(); // 2014 was already the year
        assertThat(decided.path("status").asText()).isEqualTo("APPROVED");

        JsonNode geo = json.readTree(send(HttpRequest.newBuilder(URI.create(api + "/api/datapoints?format=geojson"))
                .header("Authorization", "Bearer " + researcher).GET()).body());
        assertThat(geo.path("type").asText()).isEqualTo("FeatureCollection");
        JsonNode feature = geo.path("features").get(0);
        assertThat(feature.path("geometry").path("type").asText()).isEqualTo("Point");
        double lon = feature.path("geometry").path("coordinates").get(0).asDouble();
        double lat = feature.path("geometry").path("coordinates").get(1).asDouble();
        assertThat(lon).isBetween(36.6, 37.0); // Nairobi, lon first (RFC 7946)
        assertThat(lat).isBetween(-1.5, -1.1);
        JsonNode props = feature.path("properties");
        assertThat(props.path("label").asText()).isEqualTo("Nairobi Safe City");
        assertThat(props.path("precision").asText()).isEqualTo("city");
        assertThat(props.path("companyName").asText()).isEqualTo("Huawei");
        JsonNode source = props.path("sources").get(0);
        assertThat(source.path("quote").asText()).contains("safe city surveillance system in Nairobi");
        assertThat(source.path("title").asText()).isEqualTo("Huawei to build Nairobi safe city");
        assertThat(source.path("publisher").asText()).isEqualTo(URI.create(origin.baseUrl()).getHost()); // WireMock's base URL says localhost
        HttpResponse<byte[]> replay = send(HttpRequest.newBuilder(URI.create(source.path("replayUrl").asText() + "?raw=1")).GET());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(new String(replay.body(), StandardCharsets.UTF_8)).isEqualTo(ARTICLE);
    }

    @Test
    void chineseCandidateIsApprovedWithAnEditAndExportsToCsvThatSpreadsheetsRead() throws Exception {
        captureAndWait(origin.baseUrl() + "/zh/dubai.html");
        JsonNode dc = find(getJson("/api/candidates", alice), "alibaba", "data-centre", "AE");
        assertThat(dc).isNotNull();
        assertThat(dc.path("city").asText()).isEqualTo("Dubai");
        assertThat(dc.path("quote").asText()).contains("阿里云宣布在阿联酋迪拜开设中东地区首个数据中心");

        // Researchers may read the queue but not decide.
        Map<String, Object> approve = Map.of("action", "approve", "version", dc.path("version").asInt(),
                "edits", Map.of("label", "阿里云迪拜数据中心", "description", "=HYPERLINK(\"http://evil\")"));
        assertThat(post("/api/candidates/" + dc.path("id").asText() + "/decision", approve, researcher).statusCode()).isEqualTo(403);
        HttpResponse<byte[]> bad = post("/api/candidates/" + dc.path("id").asText() + "/decision",
                Map.of("action", "approve", "version", dc.path("version").asInt(), "edits", Map.of("country", "XX")), alice);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("field").asText()).isEqualTo("edits.country");
        HttpResponse<byte[]> ok = post("/api/candidates/" + dc.path("id").asText() + "/decision", approve, alice);
        assertThat(ok.statusCode()).as(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo(200);

        HttpResponse<byte[]> csv = send(HttpRequest.newBuilder(URI.create(api + "/api/datapoints?format=csv"))
                .header("Authorization", "Bearer " + alice).GET());
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        byte[] body = csv.body();
        assertThat(new byte[] {body[0], body[1], body[2]}).as("UTF-8 byte-order mark for spreadsheets").isEqualTo(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String text = new String(body, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        assertThat(row.get("label")).isEqualTo("阿里云迪拜数据中心");
        assertThat(row.get("companyName")).isEqualTo("Alibaba");
        assertThat(row.get("country")).isEqualTo("AE");
        assertThat(row.get("city")).isEqualTo("Dubai");
        assertThat(row.get("description")).as("formula neutralised").isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(row.get("sourceQuotes")).contains("迪拜开设中东地区首个数据中心");
        assertThat(row.get("sourceReplayUrls")).startsWith(api + "/replay/");

        JsonNode points = getJson("/api/datapoints", alice);
        assertThat(points.path("total").asInt()).isEqualTo(1);
        String point = points.path("items").get(0).path("id").asText();
        assertThat(points.path("items").get(0).path("sources")).hasSize(1);

        // A public submission of the same page (naming only the company), once its capture is archived, is merged into the point.
        HttpResponse<byte[]> submitted = postPublic(Map.of("url", origin.baseUrl() + "/zh/dubai.html", "company", "alibaba"));
        assertThat(submitted.statusCode()).isEqualTo(202);
        String submission = json.readTree(submitted.body()).path("id").asText();
        HttpResponse<byte[]> merged = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode s = getJson("/api/candidates/" + submission, alice);
            merged = post("/api/candidates/" + submission + "/decision",
                    Map.of("action", "merge", "into", point, "version", s.path("version").asInt()), alice);
            if (merged.statusCode() != 409) break; // 409 while the submitted URL is still being captured
            Thread.sleep(100);
        }
        assertThat(merged.statusCode()).as(new String(merged.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        // The page is already a source of the point: the merge adds no second, quoteless copy of it.
        JsonNode after = getJson("/api/datapoints", alice).path("items").get(0);
        assertThat(after.path("sources")).hasSize(1);
        assertThat(after.path("sources").get(0).path("quote").asText()).contains("迪拜开设中东地区首个数据中心");
        JsonNode history = getJson("/api/candidates/" + submission, alice).path("history");
        assertThat(history.get(0).path("action").asText()).isEqualTo("merge");
        assertThat(history.get(0).path("datapointId").asText()).isEqualTo(point);
    }

    @Test
    void publicSubmissionsAreValidatedSizeLimitedAndRateLimited() throws Exception {
        HttpResponse<byte[]> unknownField = postPublic(Map.of("url", origin.baseUrl() + "/news/nairobi.html", "email", "x@example.org"));
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknownField.body()).path("field").asText()).isEqualTo("email");
        HttpResponse<byte[]> badCountry = postPublic(Map.of("url", origin.baseUrl() + "/news/nairobi.html", "country", "Kenya"));
        assertThat(badCountry.statusCode()).isEqualTo(400);
        assertThat(postPublic(Map.of("url", origin.baseUrl() + "/x", "note", "y".repeat(3000))).statusCode()).isEqualTo(413);
        HttpResponse<byte[]> form = send(HttpRequest.newBuilder(URI.create(api + "/api/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("url=x")));
        assertThat(form.statusCode()).isEqualTo(415);

        HttpResponse<byte[]> accepted = postPublic(Map.of("url", origin.baseUrl() + "/news/nairobi.html", "company", "Huawei",
                "category", "smart-city-public-security", "country", "KE", "city", "Nairobi", "note", "CCTV contract"));
        assertThat(accepted.statusCode()).as(new String(accepted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = json.readTree(accepted.body()).path("id").asText();
        JsonNode submitted = getJson("/api/candidates/" + id, alice);
        assertThat(submitted.path("origin").asText()).isEqualTo("SUBMISSION");
        assertThat(submitted.path("company").asText()).isEqualTo("huawei");
        assertThat(submitted.path("precision").asText()).isEqualTo("city");

        // Refused requests above did not count; accepted ones do, and the limit is 3 per hour in this test.
        postPublic(Map.of("url", origin.baseUrl() + "/a"));
        postPublic(Map.of("url", origin.baseUrl() + "/b"));
        HttpResponse<byte[]> limited = postPublic(Map.of("url", origin.baseUrl() + "/c"));
        assertThat(limited.statusCode()).isEqualTo(429);
        // Until the oldest of the three leaves the hour's window.
        assertThat(Integer.parseInt(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(3500, 3601);

        // The submitted URL is captured; once archived, the submission's source has a replay link.
        long deadline = System.currentTimeMillis() + 20_000;
        JsonNode source = null;
        while (System.currentTimeMillis() < deadline) {
            source = getJson("/api/candidates/" + id, alice).path("source");
            if (!source.path("replayUrl").isNull() && !source.path("replayUrl").isMissingNode()) break;
            Thread.sleep(100);
        }
        assertThat(source.path("replayUrl").asText()).startsWith(api + "/replay/");
    }

    private Callable<HttpResponse<byte[]>> decision(String id, Map<String, Object> body, String token, CountDownLatch go) {
        return () -> {
            go.await();
            return post("/api/candidates/" + id + "/decision", body, token);
        };
    }

    private static JsonNode find(JsonNode list, String company, String category, String country) {
        for (JsonNode c : list.path("items")) {
            if (c.path("company").asText().equals(company) && c.path("category").asText().equals(category)
                    && c.path("country").asText().equals(country)) return c;
        }
        return null;
    }

    private void captureAndWait(String url) throws Exception {
        HttpResponse<byte[]> posted = post("/api/captures", Map.of("url", url), ADMIN);
        assertThat(posted.statusCode()).isEqualTo(202);
        String id = json.readTree(posted.body()).path("id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            String status = getJson("/api/captures/" + id, ADMIN).path("status").asText();
            if (status.equals("MINED")) return;
            assertThat(status).isNotEqualTo("FAILED");
            Thread.sleep(50);
        }
        throw new AssertionError("capture of " + url + " was not mined within 20 s");
    }

    private JsonNode getJson(String path, String token) throws Exception {
        return server.getJson(path, token);
    }

    private HttpResponse<byte[]> post(String path, Object body, String token) throws Exception {
        return server.post(path, body, token);
    }

    private HttpResponse<byte[]> postPublic(Object body) throws Exception {
        return server.post("/api/submissions", body, null);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return server.send(request);
    }
}
