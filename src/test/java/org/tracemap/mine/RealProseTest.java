package org.tracemap.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;

/**
 * The ways analyst and news prose misled the miner (issue 11), each with a sentence built like the real ones
 * (paraphrased, not copied from any evaluation set).
 */
class RealProseTest {
    private static final Gazetteer GAZETTEER = GazetteerLoader.bundled();
    private final CandidateMiner miner = new CandidateMiner(GAZETTEER, MineSettings.defaults());

    private List<MinedCandidate> mine(String text) {
        return miner.mine(new MinableDocument(null, text, LocalDate.of(2021, 5, 1), "en"));
    }

    private List<String> keys(String text) {
        return mine(text).stream().map(MinedCandidate::key).toList();
    }

    @Test
    void aGuessAboutWhichVendorItWasIsNotADataPoint() {
        assertThat(keys("The police built a monitoring centre in Kampala supplied by 'a major Chinese equipment vendor'. "
                + "From the description, it seems likely that the vendor is Huawei or ZTE, which both sell safe city systems in Uganda.")).isEmpty();
    }

    @Test
    void aHedgedStatementScoresBelowTheSameStatementMadeAsFact() {
        String fact = "Huawei signed a contract to build a data centre in Nairobi, Kenya.";
        String hedged = "Huawei is reportedly considering a contract to build a data centre in Nairobi, Kenya.";
        assertThat(keys(fact)).containsExactly("huawei|data-centre|KE|Nairobi");
        assertThat(keys(hedged)).as("below the minimum score").isEmpty();
        CandidateMiner permissive = new CandidateMiner(GAZETTEER, new MineSettings(false, 0.0));
        MinedCandidate c = permissive.mine(new MinableDocument(null, hedged, null, "en")).get(0);
        assertThat(c.features()).containsEntry("cue.hedge", 1.0);
        assertThat(c.score()).isLessThan(permissive.mine(new MinableDocument(null, fact, null, "en")).get(0).score());
    }

    @Test
    void chineseHedgesLowerTheScoreToo() {
        assertThat(miner.mine(new MinableDocument(null, "据传华为或将在肯尼亚内罗毕建设数据中心。", null, "zh"))).isEmpty();
        assertThat(miner.mine(new MinableDocument(null, "华为在肯尼亚内罗毕建设数据中心。", null, "zh"))).hasSize(1);
    }

    @Test
    void countriesThatHelpLendOrSanctionAreNotWhereTheProjectIs() {
        assertThat(keys("With help from Russia and Iran, Huawei has built a safe city system for Myanmar's police in Yangon."))
                .containsExactly("huawei|smart-city-public-security|MM|Yangon");
        assertThat(keys("Financed by loans from Japan, ZTE built the national data centre in Dhaka, Bangladesh."))
                .containsExactly("zte|data-centre|BD|Dhaka");
    }

    @Test
    void footnoteNumbersGluedToWordsDoNotHidePlaces() {
        assertThat(keys("Huawei opened a research and development centre in Lisbon,42 Portugal43 in 2019.[17]"))
                .contains("huawei|rd-lab|PT|Lisbon");
        assertThat(Footnotes.blank("Portugal43 and Lisbon,42 in 2019.[17] [n 2] 5G and G20")).isEqualTo("Portugal   and Lisbon,   in 2019.           5G and G20");
    }
}
