package org.tracemap.mine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tracemap.Goldens;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.config.TracemapConfig;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;

class CandidateMinerTest {
    private static final Gazetteer GAZETTEER = GazetteerLoader.bundled();
    private final CandidateMiner miner = new CandidateMiner(GAZETTEER, MineSettings.defaults());

    private List<String> keys(String text) {
        return miner.mine(new MinableDocument(null, text, LocalDate.of(2020, 5, 1), "en")).stream().map(MinedCandidate::key).toList();
    }

    @Test
    void sentenceWithCompanyCueAndCityGivesACityCandidateWithItsQuote() {
        String text = "Other news first.\nZTE signed a contract to deploy a 5G network for Ethio Telecom in Addis Ababa in 2021.";
        List<MinedCandidate> found = miner.mine(new MinableDocument("ZTE in Ethiopia", text, null, "en"));
        assertThat(found).extracting(MinedCandidate::key).containsExactly("zte|5g|ET|Addis Ababa");
        MinedCandidate c = found.get(0);
        assertThat(c.year()).isEqualTo(2021);
        assertThat(c.precision()).isEqualTo("city");
        assertThat(text.substring(c.quoteStart(), c.quoteEnd())).isEqualTo(c.quote()).startsWith("ZTE signed");
        assertThat(c.lat()).isBetween(8.9, 9.1);
    }

    @Test
    void companyAndPlaceMayComeFromTheSentencesAround() {
        assertThat(keys("Huawei has a long history in Kenya. The company will build a safe city system for the government."))
                .containsExactly("huawei|smart-city-public-security|KE|");
    }

    @Test
    void companyNamesAreNotPlaces() {
        assertThat(keys("China Mobile International opened a data centre in Frankfurt, Germany."))
                .containsExactly("china-mobile|data-centre|DE|Frankfurt am Main");
    }

    @Test
    void mainlandChinaIsNotOverseasPresenceUnlessConfigured() {
        String text = "华为在深圳建设数据中心。";
        assertThat(keys(text)).isEmpty();
        CandidateMiner all = new CandidateMiner(GAZETTEER, new MineSettings(true, 0.5));
        assertThat(all.mine(new MinableDocument(null, text, null, "zh"))).extracting(MinedCandidate::country).containsExactly("CN");
    }

    @Test
    void marketNewsAndRivalsAreNotProjects() {
        assertThat(keys("Tencent shares fell 3% in Hong Kong trading as cloud services revenue slowed.")).isEmpty();
        assertThat(keys("Nokia won the 5G network contract in Denmark over Huawei.")).isEmpty();
    }

    @Test
    void phrasesThatOnlyContainAPlaceNameAreNotThatPlace() {
        assertThat(keys("Huawei Marine laid a submarine cable across the Indian Ocean to Mombasa, Kenya."))
                .containsExactly("huawei|undersea-cable|KE|Mombasa");
        assertThat(keys("华为海洋铺设了一条横跨印度洋、连接肯尼亚蒙巴萨的海缆。")).noneMatch(k -> k.contains("|IN|"));
        assertThat(GAZETTEER.mentions("Shipping in the Indian Ocean").countries()).isEmpty();
    }

    @Test
    void chineseTextIsMinedWithChineseNames() {
        assertThat(keys("2019年，中兴通讯与埃塞俄比亚电信签署5G网络建设合作协议。")).contains("zte|5g|ET|");
    }

    @Test
    void miningIsDeterministic() {
        String text = "Huawei built data centres in Kenya, Nigeria and South Africa, and a 5G network in Thailand.";
        assertThat(keys(text)).isEqualTo(keys(text)).hasSize(4);
    }

    // --- Hostile pages (issue 9): work in proportion to the text, bounded output ------------------------------

    /** The public submission that held the mine stage 15 s: 2 MB of one company and one city, no full stop. */
    @Test
    void twoMegabytesRepeatingOneCompanyAndOnePlaceAreMinedInLinearTime() {
        String hostile = "Huawei Nairobi ".repeat(2 * 1024 * 1024 / 15);
        keys("Huawei built a data centre in Nairobi."); // warm-up
        long start = System.nanoTime();
        assertThat(miner.mine(new MinableDocument(null, hostile, null, "en"))).isEmpty();
        // Quadratic (each place compared with each company name) this took 24 s on the 2-core VM; linear, under 1 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aSentenceRepeatingItsPlacesAndCuesGivesEachCandidateOnceWithABoundedQuote() {
        String once = "Huawei built data centres in Kenya, Nigeria and South Africa, and a 5G network in Thailand";
        String repeated = (once + ", ").repeat(20_000); // one 1.8 MB sentence: 80,000 places, 40,000 cues
        long start = System.nanoTime();
        CandidateMiner.Result r = miner.mineWithNotes(new MinableDocument(null, repeated, null, "en"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.candidates()).extracting(MinedCandidate::key).containsExactlyElementsOf(keys(once + "."));
        for (MinedCandidate c : r.candidates()) {
            assertThat(c.quote()).hasSize(1_000).isEqualTo(repeated.substring(c.quoteStart(), c.quoteEnd())).contains("data centres");
        }
        assertThat(r.notes()).containsExactly("sentences longer than 1000 characters are quoted around their first cue");
    }

    @Test
    void candidatesPerDocumentAreCappedAtTheBestScoringWithANote() {
        String text = "Huawei will build data centres in Nairobi, Lagos, Accra, Cairo, Dakar, Kampala, Lusaka, Harare and Luanda.";
        assertThat(keys(text)).hasSize(9);
        CandidateMiner capped = new CandidateMiner(GAZETTEER, new MineSettings(false, 0.7, 3, Duration.ofSeconds(30), 2_000_000));
        CandidateMiner.Result r = capped.mineWithNotes(new MinableDocument(null, text, null, "en"));
        assertThat(r.candidates()).extracting(MinedCandidate::key).containsExactlyElementsOf(keys(text).subList(0, 3));
        assertThat(r.notes()).containsExactly("the page gave 9 candidates; the 3 best-scoring were kept (tracemap.mine.max-candidates)");
    }

    @Test
    void miningStopsWhenItsThreadIsInterrupted() {
        String text = "Huawei built a data centre in Nairobi. ".repeat(10_000);
        Thread.currentThread().interrupt(); // what the mine stage's time limit does to its worker
        try {
            assertThatThrownBy(() -> miner.mine(new MinableDocument(null, text, null, "en"))).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/mine/fixtures"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html") || n.endsWith(".pdf")).sorted().toList().stream();
        }
    }

    /** Golden candidates for fixture pages, through the real extractor: any change to what is proposed shows in review. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void fixturePagesGiveTheirGoldenCandidates(String file) throws Exception {
        Path page = Path.of("src/test/resources/mine/fixtures", file);
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(TracemapConfig.defaults(java.util.Map.of())))) {
            var text = extractor.extract(Files.readAllBytes(page), file.endsWith(".pdf") ? "application/pdf" : "text/html", "http://fixture.invalid/" + file);
            List<MinedCandidate> found = miner.mine(new MinableDocument(text.title(), text.text(), text.published(), text.lang()));
            // What is proposed, not the features behind the score (those are the ranker's business, and churn).
            List<MinedCandidate> proposed = found.stream().map(c -> new MinedCandidate(c.company(), c.category(), c.country(), c.city(),
                    c.year(), c.quote(), c.quoteStart(), c.quoteEnd(), c.score(), c.lat(), c.lon(), c.precision(), null)).toList();
            String actual = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .addMixIn(MinedCandidate.class, WithoutFeatures.class).writeValueAsString(proposed) + "\n";
            Goldens.assertMatches("mine/golden/" + file.replaceAll("\\.[a-z]+$", "") + ".json", actual);
        }
    }

    /** Leaves the features out of the golden files. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"features"})
    private abstract static class WithoutFeatures {}
}
