package org.tracemap.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tracemap.intake.InvalidInputException;

class CrawlDefinitionTest {
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void theDocumentedSampleIsAValidDefinition() throws Exception {
        CrawlDefinition d = yaml.readValue(Path.of("config/crawls/example.yaml.sample").toFile(), CrawlDefinition.class).validated();
        assertThat(d.name()).isEqualTo("huawei-newsroom");
        assertThat(d.depthLimit()).isEqualTo(2);
        assertThat(d.obeysRobots()).isTrue();
        assertThat(CrawlDefinition.duration(d.recaptureInterval())).isEqualTo(Duration.ofHours(20));
        assertThat(d.politeness().get("www.huawei.com").concurrency()).isEqualTo(1);
    }

    @Test
    void badFieldsAreNamed() {
        assertThat(field(new CrawlDefinition("Bad Name", List.of("https://a.example/"), null, null, null, null, null, null, null, null, null))).isEqualTo("name");
        assertThat(field(new CrawlDefinition("x", null, null, null, null, null, null, null, null, null, null))).isEqualTo("seeds");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), List.of("ftp://a.example/sitemap.xml"), null, null, null, null,
                null, null, null, null))).isEqualTo("sitemaps[0]");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), null, null, null, 99, null, null, null, null, null))).isEqualTo("maxDepth");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), null, null, null, null, null, "daily", null, null, null))).isEqualTo("schedule");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), null, null, new CrawlDefinition.Scope(List.of("/[unclosed/"), null),
                null, null, null, null, null, null))).isEqualTo("scope.include");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), null, null, null, null, null, null, "soon", null, null)))
                .isEqualTo("recaptureInterval");
        assertThat(field(new CrawlDefinition("x", List.of("https://a.example/"), null, null, null, null, null, null, null, null,
                new CrawlDefinition.Robots(false, " ")))).isEqualTo("robots.reason");
    }

    @Test
    void unknownFieldsInYamlAreRefused() {
        assertThatThrownBy(() -> yaml.readValue("name: x\nseeds: [https://a.example/]\nmaxdepth: 3\n", CrawlDefinition.class))
                .hasMessageContaining("maxdepth");
    }

    @Test
    void scopeTakesPrefixesAndSlashedRegularExpressions() {
        CrawlDefinition d = new CrawlDefinition("x", List.of("https://a.example/news/"), null, null,
                new CrawlDefinition.Scope(List.of("https://a.example/news/", "/^https://b\\.example/\\d{4}/"), List.of("/\\?share=/")),
                null, null, null, null, Map.of(), null);
        CrawlScope scope = new CrawlScope(d, List.of("https://a.example/"));
        assertThat(scope.contains("https://a.example/news/1")).isTrue();
        assertThat(scope.contains("https://b.example/2024/x")).isTrue();
        assertThat(scope.contains("https://a.example/about")).isFalse();
        assertThat(scope.contains("https://a.example/news/1?share=tw")).isFalse();
        CrawlScope bareOrigin = new CrawlScope(new CrawlDefinition("z", List.of("https://a.example/"), null, null,
                new CrawlDefinition.Scope(List.of("https://a.example"), null), null, null, null, null, null, null), List.of());
        assertThat(bareOrigin.contains("https://a.example/x")).isTrue();
        assertThat(bareOrigin.contains("https://a.example.evil.org/x")).isFalse();
        CrawlScope bySeeds = new CrawlScope(new CrawlDefinition("y", List.of("https://a.example/news/"), null, null, null, null, null, null, null, null, null),
                List.of("https://a.example/"));
        assertThat(bySeeds.contains("https://a.example/anything")).isTrue();
        assertThat(bySeeds.contains("https://evil.example/")).isFalse();
    }

    private static String field(CrawlDefinition d) {
        try {
            d.validated();
            return null;
        } catch (InvalidInputException e) {
            return e.field();
        }
    }
}
