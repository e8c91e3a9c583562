package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticResourceTest {
    private static final Path WEB = Path.of("src/main/resources/web");

    private final StaticResource resource = new StaticResource(new UiPolicy("", "127.0.0.1:8080"));

    private static ApiRequest get(String uri) {
        return request("GET", uri, Map.of());
    }

    private static ApiRequest request(String method, String uri, Map<String, String> headers) {
        return new ApiRequest(method, uri, Map.of(), headers, Map.of(), new byte[0], "127.0.0.1");
    }

    private static Optional<String> header(ApiResponse response, String name) {
        return response.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    private static String text(ApiResponse response) {
        assertThat(response.body()).isInstanceOf(byte[].class);
        return new String((byte[]) response.body(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui", "/ui/", "/ui/index.html", "/ui/?status=PENDING&offset=20", "http://localhost:8080/ui/"})
    void rootAndIndexSendOldBookmarksToTheReviewPage(String uri) {
        ApiResponse response = resource.get(get(uri));

        assertThat(response.status()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).contains("text/html; charset=utf-8");
        assertThat(text(response)).contains("<title>Review queue").contains("<meta http-equiv=\"refresh\" content=\"0; url=/review\">")
                .contains("href=\"/review\"");
    }

    @Test
    void everyPageAndModuleIsServedWithItsContentType() {
        Map<String, String> expected = Map.of(
                "/ui/map.html", "text/html; charset=utf-8",
                "/ui/submit.html", "text/html; charset=utf-8",
                "/ui/app.css", "text/css; charset=utf-8",
                "/ui/api.js", "text/javascript; charset=utf-8",
                "/ui/vocab.js", "text/javascript; charset=utf-8",
                "/ui/favicon.svg", "image/svg+xml",
                "/ui/vendor/leaflet/images/layers.png", "image/png",
                "/ui/vendor/leaflet/leaflet.js.map", "application/json");
        expected.forEach((uri, type) -> {
            ApiResponse response = resource.get(get(uri));
            assertThat(response.status()).as(uri).isEqualTo(200);
            assertThat(header(response, "Content-Type")).as(uri).contains(type);
            assertThat((byte[]) response.body()).as(uri).isNotEmpty();
        });
    }

    @Test
    void leafletComesFromTheWebJar() {
        ApiResponse js = resource.get(get("/ui/vendor/leaflet/leaflet.js"));
        ApiResponse css = resource.get(get("/ui/vendor/leaflet/leaflet.css"));

        assertThat(js.status()).isEqualTo(200);
        assertThat(header(js, "Content-Type")).contains("text/javascript; charset=utf-8");
        assertThat(text(js)).contains("Leaflet 1.9");
        assertThat(css.status()).isEqualTo(200);
        assertThat(text(css)).contains(".leaflet-container");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (String uri : List.of("/ui/", "/ui/app.js.missing", "/ui/vendor/leaflet/leaflet.js", "/ui/../pom.xml")) {
            ApiResponse response = resource.get(get(uri));
            assertThat(header(response, "Content-Security-Policy")).as(uri).contains(
                    "default-src 'none'; script-src 127.0.0.1:8080/ui/; style-src 127.0.0.1:8080/ui/; "
                            + "img-src 127.0.0.1:8080/ui/ data:; font-src 127.0.0.1:8080/ui/; "
                            + "connect-src 127.0.0.1:8080/api/ 127.0.0.1:8080/ui/; frame-src 127.0.0.1:8080/replay/; "
                            + "manifest-src 127.0.0.1:8080/ui/; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
            assertThat(header(response, "X-Frame-Options")).as(uri).contains("DENY");
            assertThat(header(response, "X-Content-Type-Options")).as(uri).contains("nosniff");
            assertThat(header(response, "Referrer-Policy")).as(uri).contains("no-referrer");
            assertThat(header(response, "Cache-Control")).as(uri).contains("no-cache");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/nothing-here.html", "/ui/vendor/leaflet/missing.js", "/ui/vendor/leaflet/", "/ui/README",
            "/ui/index.exe", "/uix", "/other"})
    void unknownFilesAreA404WithAJsonError(String uri) {
        ApiResponse response = resource.get(get(uri));

        assertThat(response.status()).as(uri).isEqualTo(404);
        assertThat(header(response, "Content-Type")).contains("application/json");
        assertThat(response.body()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) response.body()).get("error")).asString().startsWith("no such file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ui/../pom.xml", "/ui/..%2Fpom.xml", "/ui/%2e%2e/%2e%2e/pom.xml", "/ui/%2E%2E%2Fapplication.properties",
            "/ui/vendor/leaflet/../../web/index.html", "/ui/vendor/leaflet/..%5c..%5cMETA-INF/MANIFEST.MF", "/ui/..\\pom.xml",
            "/ui/%252e%252e/pom.xml", "/ui//etc/passwd", "/ui/.hidden.js", "/ui/index.html%00.js", "/ui/%zz.js",
            "/ui/vendor/leaflet/%2e%2e/package.json"})
    void pathTraversalIsRefused(String uri) {
        ApiResponse response = resource.get(get(uri));

        assertThat(response.status()).as(uri).isIn(400, 404);
        assertThat(response.body()).as(uri).isInstanceOf(Map.class);
        assertThat(header(response, "Content-Security-Policy")).isPresent();
    }

    @Test
    void onlyReadingIsAllowed() {
        ApiResponse response = resource.get(request("POST", "/ui/index.html", Map.of()));

        assertThat(response.status()).isEqualTo(405);
        assertThat(header(response, "Allow")).contains("GET, HEAD");
    }

    @Test
    void anUnchangedFileIsRevalidatedWithItsEtag() {
        ApiResponse first = resource.get(get("/ui/app.css"));
        String etag = header(first, "ETag").orElseThrow();

        ApiResponse again = resource.get(request("GET", "/ui/app.css", Map.of("if-none-match", etag)));

        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isNull();
        assertThat(header(again, "Cache-Control")).contains("no-cache");
    }

    @Test
    void noPageBuildsHtmlFromStringsOrCarriesInlineScriptOrStyle() throws IOException {
        Pattern script = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
        Pattern inlineStyle = Pattern.compile("\\sstyle\\s*=|<style\\b", Pattern.CASE_INSENSITIVE);
        Pattern inlineHandler = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(WEB)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("index.html", "map.html", "submit.html", "app.css", "api.js", "vocab.js");
        for (Path file : files) {
            String content = Files.readString(file);
            assertThat(content).as(file.toString())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("javascript:");
            if (file.toString().endsWith(".html")) {
                Matcher m = script.matcher(content);
                while (m.find()) {
                    assertThat(m.group(1)).as(file + ": a script must be loaded from a file").contains("src=");
                    assertThat(m.group(2)).as(file + ": inline script body").isBlank();
                }
                assertThat(inlineStyle.matcher(content).find()).as(file + ": inline style").isFalse();
                assertThat(inlineHandler.matcher(content).find()).as(file + ": inline event handler").isFalse();
            }
        }
    }

    @Test
    void everyCompanyAndCategoryIdIsInTheVocabulary() throws IOException {
        String vocab = Files.readString(WEB.resolve("vocab.js"));
        for (String id : List.of("huawei", "zte", "tencent", "baidu", "cetc", "alibaba", "china-mobile", "china-telecom", "china-unicom",
                "wuxi-apptec", "hikvision", "bgi", "university-partnership", "research-partnership", "smart-city-public-security",
                "surveillance-equipment", "5g", "rd-lab", "undersea-cable", "terrestrial-cable", "leased-cable", "data-centre",
                "telecom-ict-project", "overseas-office", "investment-joint-venture", "training", "mou-agreement", "manufacturing-facility")) {
            assertThat(vocab).as(id).contains("id: '" + id + "'");
        }
    }
}
