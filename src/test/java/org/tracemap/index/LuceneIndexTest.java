package org.tracemap.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed corpus — the 32 labelled pages' titles and main texts (18 English, 14 Chinese, one in Traditional
 * characters) — indexed fresh for each test, with the expected first hit asserted per query.
 */
class LuceneIndexTest {
    private static final Path CORPUS = Path.of("src/test/resources/extract/corpus");

    @TempDir
    Path dir;

    private LuceneIndex index;

    @BeforeEach
    void indexCorpus() throws IOException {
        index = new LuceneIndex(dir.resolve("index"));
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path label : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = label.getFileName().toString().replace(".json", "");
                JsonNode meta = json.readTree(label.toFile());
                String text = Files.readString(CORPUS.resolve(name + ".txt"), StandardCharsets.UTF_8);
                LocalDate published = meta.hasNonNull("published") ? LocalDate.parse(meta.get("published").asText()) : null;
                index.index(new IndexedDocument(name, "capture-" + name, meta.path("url").asText(), java.net.URI.create(meta.path("url").asText()).getHost(),
                        meta.path("title").asText(), text, meta.path("lang").asText(), Instant.parse("2026-11-01T00:00:00Z"), "20261101000000",
                        published, "text/html; charset=utf-8"));
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    private String first(String query) throws IOException {
        List<SearchHit> hits = index.search(new SearchQuery(query, null, null, null, null, null, 5)).hits();
        assertThat(hits).as("hits for %s", query).isNotEmpty();
        return hits.get(0).snapshotId();
    }

    @Test
    void englishQueriesFindTheRightPageFirst() throws IOException {
        assertThat(first("Quito cameras")).isEqualTo("hikvision-quito-safe-city");
        assertThat(first("Riyadh data centre")).isEqualTo("alibaba-cloud-riyadh-data-centre");
        assertThat(first("Makerere laboratory equipment")).isEqualTo("tender-makerere-ict-lab-equipment");
        assertThat(first("Telkomsel 5G trial")).isEqualTo("zte-telkomsel-5g-trial");
        assertThat(first("\"smart city\" Nairobi")).isEqualTo("huawei-nairobi-smart-city-mou");
    }

    @Test
    void englishStemmingMatchesOtherFormsOfAWord() throws IOException {
        assertThat(first("installing thermal camera Lagos")).isEqualTo("hikvision-lagos-airport-thermal-brief");
    }

    @Test
    void chineseQueriesFindTheRightPageFirst() throws IOException {
        assertThat(first("智慧城市 肯尼亚")).isEqualTo("zh-huawei-kenya-smart-city-mou");
        assertThat(first("利雅得 数据中心")).isEqualTo("zh-alibaba-cloud-riyadh-data-centre");
        assertThat(first("朱拉隆功大学")).isEqualTo("zh-huawei-chulalongkorn-ict-talent");
        assertThat(first("埃塞俄比亚")).isEqualTo("zh-zte-ethiopia-network-expansion-brief");
    }

    @Test
    void chineseNamesInEnglishPagesAndEnglishNamesInChinesePagesAreFound() throws IOException {
        List<SearchHit> hits = index.search(new SearchQuery("Telkomsel", null, null, null, null, null, 10)).hits();
        assertThat(hits).extracting(SearchHit::snapshotId).contains("zte-telkomsel-5g-trial", "zh-zte-telkomsel-5g-test");
    }

    @Test
    void hitsCarryHighlightedEscapedSnippets() throws IOException {
        SearchHit hit = index.search(new SearchQuery("Quito", null, null, null, null, null, 1)).hits().get(0);
        assertThat(hit.snippets()).isNotEmpty();
        assertThat(String.join(" ", hit.snippets())).contains("<mark>Quito</mark>");
        SearchHit zh = index.search(new SearchQuery("肯尼亚", "zh", null, null, null, null, 1)).hits().get(0);
        assertThat(String.join(" ", zh.snippets())).contains("<mark>肯尼亚</mark>");
    }

    @Test
    void filtersAndFacetsNarrowAndCount() throws IOException {
        SearchResult all = index.search(new SearchQuery("", null, null, null, null, null, 100));
        assertThat(all.total()).isEqualTo(32);
        assertThat(all.facets().get("lang")).containsEntry("en", 18).containsEntry("zh", 14);
        SearchResult zh = index.search(new SearchQuery("safe city OR 平安城市", "zh", null, null, null, null, 100));
        assertThat(zh.hits()).allSatisfy(h -> assertThat(h.lang()).isEqualTo("zh"));
        SearchResult in2015 = index.search(new SearchQuery("", null, null, null, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 12, 31), 100));
        assertThat(in2015.hits()).extracting(SearchHit::snapshotId)
                .containsExactlyInAnyOrder("hikvision-quito-safe-city", "zh-hangzhou-commerce-ecuador-safe-city");
        assertThat(all.facets().get("year")).containsEntry("2015", 2);
    }

    @Test
    void theYearFilterKeepsWhatTheYearFacetCounted() throws IOException {
        SearchResult all = index.search(new SearchQuery("", null, null, null, null, null, 100));
        SearchResult in2015 = index.search(new SearchQuery("", null, null, null, null, null, 100, null, null, null, 0, 2015));
        assertThat(in2015.total()).isEqualTo(all.facets().get("year").get("2015").longValue());
        assertThat(in2015.hits()).extracting(SearchHit::snapshotId)
                .containsExactlyInAnyOrder("hikvision-quito-safe-city", "zh-hangzhou-commerce-ecuador-safe-city");
        assertThat(in2015.facets().get("year")).containsOnlyKeys("2015");
    }

    @Test
    void passagesAreTheTextOfThePageCutAtTheMatches() throws IOException {
        SearchHit hit = index.search(new SearchQuery("Quito", null, null, null, null, null, 1)).hits().get(0);
        String text = Files.readString(CORPUS.resolve(hit.snapshotId() + ".txt"), StandardCharsets.UTF_8);
        assertThat(hit.passages()).isNotEmpty();
        for (List<PassagePart> passage : hit.passages()) {
            assertThat(text).contains(joined(passage));
            assertThat(passage).filteredOn(PassagePart::hit).extracting(PassagePart::text).isNotEmpty().allMatch(t -> t.equalsIgnoreCase("quito"));
        }
        SearchHit zh = index.search(new SearchQuery("肯尼亚", "zh", null, null, null, null, 1)).hits().get(0);
        assertThat(zh.passages()).flatExtracting(p -> p).filteredOn(PassagePart::hit).extracting(PassagePart::text).contains("肯尼亚");
    }

    private static String joined(List<PassagePart> passage) {
        StringBuilder out = new StringBuilder();
        for (PassagePart part : passage) out.append(part.text());
        return out.toString();
    }

    @Test
    void anOffsetPagesThroughTheHitsInOrder() throws IOException {
        SearchResult all = index.search(new SearchQuery("", null, null, null, null, null, 100));
        assertThat(all.hits().size()).isGreaterThan(3);
        List<String> ids = all.hits().stream().map(SearchHit::snapshotId).toList();
        SearchResult second = index.search(new SearchQuery("", null, null, null, null, null, 2, null, null, null, 2));
        assertThat(second.hits()).extracting(SearchHit::snapshotId).containsExactlyElementsOf(ids.subList(2, 4));
        assertThat(second.total()).isEqualTo(all.total());
        assertThat(index.search(new SearchQuery("", null, null, null, null, null, 5, null, null, null, 10_000)).hits()).isEmpty();
    }

    @Test
    void reindexingASnapshotReplacesItsDocument() throws IOException {
        index.index(new IndexedDocument("hikvision-quito-safe-city", "c", "https://x.example/q", "x.example", "New title",
                "Entirely new text about Guayaquil", "en", Instant.now(), "20261101000000", null, "text/html"));
        assertThat(index.search(new SearchQuery("", null, null, null, null, null, 100)).total()).isEqualTo(32);
        assertThat(first("Guayaquil")).isEqualTo("hikvision-quito-safe-city");
        assertThat(index.search(new SearchQuery("Quito cameras", null, null, null, null, null, 5)).hits())
                .extracting(SearchHit::snapshotId).doesNotContain("hikvision-quito-safe-city");
    }

    @Test
    void committedIndexIsSearchableFromAnotherReaderAndAQueryWithBadSyntaxStillSearches() throws IOException {
        index.commit();
        SearchResult result = LuceneIndex.searchCommitted(dir.resolve("index"), new SearchQuery("Quito \"cameras", null, null, null, null, null, 5));
        assertThat(result.hits()).extracting(SearchHit::snapshotId).contains("hikvision-quito-safe-city");
    }
}
