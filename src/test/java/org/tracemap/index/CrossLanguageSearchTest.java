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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;

/**
 * Cross-language entity search on a fixed corpus: the 32 labelled pages of LuceneIndexTest plus three small
 * pages (an English page naming Huawei and Zimbabwe, a Chinese page naming 中兴 and 肯尼亚, an English page naming
 * only the city of Mombasa). Each figure is asserted twice, with the gazetteer's expansion and without it
 * (the search as it was), on the same committed index.
 */
class CrossLanguageSearchTest {
    private static final Path CORPUS = Path.of("src/test/resources/extract/corpus");
    private static final Gazetteer GAZETTEER = GazetteerLoader.bundled();
    private static final QueryExpander EXPANDER = new QueryExpander(GAZETTEER);

    static final String EN_PAGE = "en-huawei-zimbabwe-netone";
    static final String ZH_PAGE = "zh-zte-kenya-safaricom";
    static final String CITY_PAGE = "en-mombasa-data-centre";

    @TempDir
    static Path dir;

    private static LuceneIndex index;

    @BeforeAll
    static void indexCorpus() throws IOException {
        index = new LuceneIndex(dir.resolve("index"), GAZETTEER);
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path label : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = label.getFileName().toString().replace(".json", "");
                JsonNode meta = json.readTree(label.toFile());
                String text = Files.readString(CORPUS.resolve(name + ".txt"), StandardCharsets.UTF_8);
                LocalDate published = meta.hasNonNull("published") ? LocalDate.parse(meta.get("published").asText()) : null;
                index.index(document(name, meta.path("url").asText(), meta.path("title").asText(), text, meta.path("lang").asText(), published));
            }
        }
        index.index(document(EN_PAGE, "https://news.example.org/netone", "Huawei to expand NetOne's network in Zimbabwe",
                "Harare. Huawei Technologies has signed an agreement with the state operator NetOne to add 4G base stations "
                        + "across Zimbabwe, the operator said on Tuesday. The second phase covers rural districts.", "en", null));
        index.index(document(ZH_PAGE, "https://news.example.cn/safaricom", "中兴通讯与肯尼亚运营商签署网络合作协议",
                "中兴通讯近日在内罗毕与肯尼亚最大的移动运营商签署合作协议，将为其建设新一代核心网络。双方表示，项目预计明年完工。", "zh", null));
        index.index(document(CITY_PAGE, "https://blog.example.org/mombasa", "A new data centre by the port",
                "A carrier-neutral data centre opened in Mombasa this week, next to the landing station of two submarine cables.", "en", null));
        index.commit();
    }

    private static IndexedDocument document(String id, String url, String title, String text, String lang, LocalDate published) {
        return new IndexedDocument(id, "capture-" + id, url, java.net.URI.create(url).getHost(), title, text, lang,
                Instant.parse("2026-11-01T00:00:00Z"), "20261101000000", published, "text/html; charset=utf-8");
    }

    @AfterAll
    static void close() throws IOException {
        index.close();
    }

    private static SearchResult expanded(String q) throws IOException {
        return LuceneIndex.searchCommitted(dir.resolve("index"), new SearchQuery(q, null, null, null, null, null, 100), EXPANDER);
    }

    private static SearchResult asTyped(String q) throws IOException {
        return LuceneIndex.searchCommitted(dir.resolve("index"), new SearchQuery(q, null, null, null, null, null, 100), QueryExpander.NONE);
    }

    private static List<String> ids(SearchResult r) {
        return r.hits().stream().map(SearchHit::snapshotId).toList();
    }

    @Test
    void chineseNamesOfACompanyAndACountryFindTheEnglishPageThatNamesThem() throws IOException {
        assertThat(ids(asTyped("华为"))).doesNotContain(EN_PAGE);
        assertThat(ids(expanded("华为"))).contains(EN_PAGE, "huawei-nairobi-smart-city-mou", "zh-huawei-kenya-smart-city-mou");
        assertThat(ids(asTyped("津巴布韦"))).isEmpty();
        assertThat(ids(expanded("津巴布韦"))).contains(EN_PAGE, "huawei-southern-africa-newsroom");
        assertThat(ids(expanded("华为 津巴布韦"))).contains(EN_PAGE).doesNotContain("zh-huawei-kenya-smart-city-mou");
    }

    @Test
    void englishNamesFindTheChinesePage() throws IOException {
        assertThat(ids(asTyped("ZTE Kenya"))).doesNotContain(ZH_PAGE);
        assertThat(ids(expanded("ZTE Kenya"))).contains(ZH_PAGE).doesNotContain(EN_PAGE);
        assertThat(ids(expanded("zte kenya network"))).as("lower case; 网络 is not 'network': the plain word stays English")
                .doesNotContain(ZH_PAGE);
    }

    @Test
    void aChineseQueryWithoutSpacesIsSplitAtTheNamesItContains() throws IOException {
        assertThat(ids(expanded("华为在津巴布韦"))).as("在 is a stop word for neither analysis, so it must be on the page").isEmpty();
        assertThat(ids(expanded("华为津巴布韦"))).contains(EN_PAGE);
    }

    @Test
    void aCountryFindsPagesTaggedWithItThroughOneOfItsCities() throws IOException {
        assertThat(ids(asTyped("肯尼亚"))).doesNotContain(CITY_PAGE);
        assertThat(ids(expanded("肯尼亚"))).contains(CITY_PAGE, ZH_PAGE, "huawei-nairobi-smart-city-mou");
        assertThat(ids(expanded("Kenya")).indexOf(CITY_PAGE)).as("a facet-only match ranks below pages naming the country")
                .isGreaterThan(ids(expanded("Kenya")).indexOf("huawei-nairobi-smart-city-mou"));
    }

    @Test
    void aCityIsSearchedByItsNamesInBothLanguages() throws IOException {
        assertThat(ids(expanded("蒙巴萨"))).contains(CITY_PAGE, "blog-peace-cable-mombasa-landing");
        assertThat(ids(expanded("内罗毕 中兴"))).contains(ZH_PAGE);
    }

    @Test
    void theExpandedNamesAreHighlightedInSnippets() throws IOException {
        SearchHit en = expanded("华为 津巴布韦").hits().stream().filter(h -> h.snapshotId().equals(EN_PAGE)).findFirst().orElseThrow();
        assertThat(String.join(" ", en.snippets())).contains("<mark>Huawei", "<mark>Zimbabwe</mark>");
        SearchHit zh = expanded("ZTE Kenya").hits().stream().filter(h -> h.snapshotId().equals(ZH_PAGE)).findFirst().orElseThrow();
        assertThat(String.join(" ", zh.snippets())).contains("<mark>肯尼亚</mark>").contains("<mark>中兴");
    }

    @Test
    void queriesNamingNoEntitySearchExactlyAsBefore() throws IOException {
        try (FSDirectory d = FSDirectory.open(dir.resolve("index")); DirectoryReader reader = DirectoryReader.open(d)) {
            IndexSearch withGazetteer = new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), EXPANDER);
            IndexSearch without = new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), QueryExpander.NONE);
            for (String q : List.of("laboratory equipment", "\"smart city\" cameras", "data centre OR 数据中心", "智慧城市", "installing thermal camera",
                    "mobile phones", "safe -city", "title_en:tender", "Indian Ocean cable", "cam*")) {
                assertThat(withGazetteer.parse(q)).as(q).isEqualTo(without.parse(q));
                assertThat(ids(expanded(q))).as(q).isEqualTo(ids(asTyped(q)));
            }
        }
    }

    @Test
    void explicitSyntaxIsKeptAndQuotedOrFieldedNamesAreSearchedAsTyped() throws IOException {
        assertThat(ids(expanded("\"华为\""))).as("quoted: as typed").doesNotContain(EN_PAGE);
        assertThat(ids(expanded("body_zh:华为"))).as("with a field: as typed").doesNotContain(EN_PAGE);
        assertThat(ids(expanded("华为 AND 津巴布韦"))).contains(EN_PAGE);
        assertThat(ids(expanded("华为 -津巴布韦"))).doesNotContain(EN_PAGE, "huawei-southern-africa-newsroom").contains("huawei-nairobi-smart-city-mou");
        assertThat(ids(expanded("(中兴 OR 华为) AND 肯尼亚"))).contains(ZH_PAGE, "huawei-nairobi-smart-city-mou").doesNotContain(EN_PAGE);
        assertThat(ids(expanded("津巴布韦 \"base stations\""))).containsExactly(EN_PAGE);
        assertThat(ids(expanded("南非 OR \"South Africa"))).as("a stray quote: the words are still searched").isNotEmpty();
        assertThat(ids(expanded("津巴布韦 base*"))).as("a wildcard beside a name").containsExactly(EN_PAGE);
        assertThat(ids(expanded("津巴布韦 stasion~1"))).as("a fuzzy term beside a name").contains(EN_PAGE);
    }

    @Test
    void aNameOfSeveralWordsIsExpandedAsOneUnitWhateverOperatorsSurroundIt() throws IOException {
        Set<String> southAfrica = set(expanded("South Africa"));
        Set<String> nigeria = set(expanded("Nigeria"));
        assertThat(southAfrica).isNotEmpty().doesNotContain("djibouti-subsea-cable-landing"); // says "South Asia"
        Set<String> either = union(southAfrica, nigeria);
        for (String q : List.of("South Africa OR Nigeria", "Nigeria OR South Africa", "(South Africa) OR Nigeria", "South  Africa || Nigeria",
                "South Africa^2 OR Nigeria", "(South Africa OR Nigeria)")) {
            assertThat(set(expanded(q))).as(q).isEqualTo(either);
        }
        assertThat(set(expanded("South Africa OR 南非"))).isEqualTo(set(expanded("南非"))).isEqualTo(southAfrica);
        assertThat(set(expanded("South Africa OR Zambia"))).isEqualTo(set(expanded("Zambia OR South Africa")))
                .isEqualTo(union(southAfrica, set(expanded("Zambia")))).isNotEmpty();
        assertThat(set(expanded("Addis Ababa OR Lusaka"))).isEqualTo(set(expanded("(Addis Ababa) OR Lusaka")))
                .isEqualTo(union(set(expanded("Addis Ababa")), set(expanded("Lusaka")))).hasSizeGreaterThan(set(expanded("Lusaka")).size());
        Set<String> huaweiNotSouthAfrica = new java.util.TreeSet<>(set(expanded("Huawei")));
        huaweiNotSouthAfrica.removeAll(southAfrica);
        assertThat(set(expanded("Huawei -South Africa"))).isEqualTo(huaweiNotSouthAfrica).isNotEmpty();
        assertThat(set(expanded("Huawei AND NOT South Africa"))).isEqualTo(huaweiNotSouthAfrica);
        for (SearchHit h : expanded("South Africa OR Nigeria").hits()) {
            assertThat(String.join(" ", h.snippets())).as(h.snapshotId()).doesNotContain("<mark>South</mark> Asia");
        }
    }

    @Test
    void namesOfSeveralWordsInQuotesWithAFieldOrNextToAWildcardStayAsTyped() throws IOException {
        assertThat(set(expanded("\"South Africa\" OR Nigeria"))).isEqualTo(union(set(asTyped("\"South Africa\"")), set(expanded("Nigeria"))));
        try (FSDirectory d = FSDirectory.open(dir.resolve("index")); DirectoryReader reader = DirectoryReader.open(d)) {
            IndexSearch withGazetteer = new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), EXPANDER);
            IndexSearch without = new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), QueryExpander.NONE);
            for (String q : List.of("body_en:South Africa", "body_en:(South Africa OR Asia)", "South Afric*", "South Africa~1", "South\\ Africa:x")) {
                assertThat(withGazetteer.parse(q)).as(q).isEqualTo(without.parse(q));
            }
        }
    }

    @Test
    void theWordsOfANameInARunOfPlainWordsAreJoinedBeforeParsingAndNothingElse() {
        java.util.Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("South Africa OR Nigeria", "South\\ Africa OR Nigeria");
        cases.put("Huawei South \t Africa", "Huawei South\\ Africa");
        cases.put("-South Africa^2", "-South\\ Africa^2");
        cases.put("Addis Ababa OR (Lusaka AND Addis Ababa)", "Addis\\ Ababa OR (Lusaka AND Addis\\ Ababa)");
        cases.put("[a TO b] South Africa", "[a TO b] South\\ Africa");
        cases.put("\"South Africa\" OR Nigeria", "\"South Africa\" OR Nigeria");
        cases.put("body_en:South Africa", "body_en:South Africa");
        cases.put("body_en:(South Africa) South Africa", "body_en:(South Africa) South\\ Africa");
        cases.put("South Afric* OR South Africa~1", "South Afric* OR South Africa~1");
        cases.put("South OR Africa", "South OR Africa");
        cases.put("smart city", "smart city");
        for (var c : cases.entrySet()) assertThat(ExpandingQueryParser.protectNames(c.getKey(), EXPANDER)).as(c.getKey()).isEqualTo(c.getValue());
    }

    private static Set<String> set(SearchResult r) {
        return new java.util.TreeSet<>(ids(r));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new java.util.TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void expansionIsBoundedOnLongQueries() throws IOException {
        List<String> names = new ArrayList<>();
        for (String n : new String[] {"津巴布韦", "Kenya", "United States", "China", "Huawei", "ZTE", "Alibaba", "CETC", "Hikvision", "Nigeria", "Ghana",
                "Ecuador", "Pakistan", "Malaysia", "Saudi Arabia", "Indonesia", "Ethiopia", "Uganda", "Zambia", "Djibouti", "Thailand"}) names.add(n);
        for (int i = 0; i < 10; i++) names.addAll(List.copyOf(names.subList(0, 21)));
        String or = String.join(" OR ", names);
        String and = String.join(" ", names);
        try (FSDirectory d = FSDirectory.open(dir.resolve("index")); DirectoryReader reader = DirectoryReader.open(d)) {
            IndexSearch search = new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), EXPANDER);
            int typed = leaves(new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), QueryExpander.NONE).parse(or));
            assertThat(leaves(search.parse(or))).isLessThanOrEqualTo(typed + 6 * ExpandingQueryParser.MAX_EXPANDED_LEAVES);
            assertThat(leaves(search.parse(and))).isLessThanOrEqualTo(typed + 6 * ExpandingQueryParser.MAX_EXPANDED_LEAVES);
        }
        assertThat(ids(expanded(String.join(" OR ", names.subList(0, 60))))).as("the first names are expanded").contains(EN_PAGE, ZH_PAGE);
        assertThat(expanded(and).total()).isZero(); // no page names them all; the point is that it runs
    }

    private static int leaves(Query q) {
        int[] n = {0};
        q.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur, Query parent) {
                return this;
            }

            @Override
            public void consumeTerms(Query query, org.apache.lucene.index.Term... terms) {
                n[0]++;
            }

            @Override
            public void visitLeaf(Query query) {
                n[0]++;
            }
        });
        return n[0];
    }

    @Test
    void theExpanderFindsCompaniesCountriesAndCitiesButNotWordsOrNamesInsideNames() {
        assertThat(EXPANDER.find("华为在津巴布韦的项目")).extracting(s -> s.entity().key()).containsExactly("company:huawei", "country:ZW");
        assertThat(EXPANDER.find("China Mobile in South Africa")).extracting(s -> s.entity().key()).containsExactly("company:china-mobile", "country:ZA");
        assertThat(EXPANDER.find("Indian Ocean cable")).isEmpty();
        assertThat(EXPANDER.find("mobile phones")).isEmpty();
        assertThat(EXPANDER.find("turkey recipes")).as("an everyday word in lower case").isEmpty();
        assertThat(EXPANDER.find("Turkey")).extracting(s -> s.entity().key()).containsExactly("country:TR");
        QueryExpander.Span zimbabwe = EXPANDER.find("津巴布韦").get(0);
        assertThat(zimbabwe.entity().chinese()).first().isEqualTo("津巴布韦");
        assertThat(zimbabwe.entity().english()).contains("Zimbabwe");
        assertThat(zimbabwe.entity().facetValue()).isEqualTo("ZW");
        assertThat(EXPANDER.find("Mombasa").get(0).entity().chinese()).contains("蒙巴萨");
        assertThat(EXPANDER.find("Mombasa").get(0).entity().facetField()).isNull();
        assertThat(EXPANDER.find("仰光").get(0).entity().english()).as("two Chinese characters name a city").contains("Yangon", "Rangoon");
        assertThat(QueryExpander.NONE.find("华为")).isEmpty();
    }
}
