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

    @Test
    void theCompanyThatHoldsTheCueInTheSentenceGetsTheFact() {
        assertThat(keys("CETC, which runs a joint laboratory with a university in Sweden, and its subsidiary Hikvision, "
                + "which supplies surveillance cameras to police in Portugal, are both state-owned."))
                .containsExactlyInAnyOrder("cetc|university-partnership|SE|", "hikvision|surveillance-equipment|PT|");
        assertThat(keys("A data centre in Nairobi built by Huawei and a 5G network in Mombasa by ZTE opened in 2020."))
                .containsExactlyInAnyOrder("huawei|data-centre|KE|Nairobi", "zte|5g|KE|Mombasa");
        assertThat(keys("Huawei and ZTE both supplied base stations for Safaricom's 4G network in Kenya."))
                .as("companies joined by 'and' share the fact")
                .containsExactlyInAnyOrder("huawei|telecom-ict-project|KE|", "zte|telecom-ict-project|KE|");
    }

    @Test
    void aParentNamedBesideItsSubsidiaryIsNotTheActor() {
        assertThat(keys("The city works with CETC's subsidiary Hikvision on traffic cameras. "
                + "In 2019 the city of Belgrade signed a cooperation agreement with the company."))
                .contains("hikvision|mou-agreement|RS|Belgrade").noneMatch(k -> k.startsWith("cetc|"));
        assertThat(keys("Hikvision, a subsidiary of CETC, supplied surveillance cameras to the police in Harare, Zimbabwe."))
                .containsExactly("hikvision|surveillance-equipment|ZW|Harare");
        assertThat(keys("中国电科旗下的海康威视为津巴布韦哈拉雷警方提供了监控摄像头。"))
                .containsExactly("hikvision|surveillance-equipment|ZW|Harare");
    }

    @Test
    void itPointsBackToTheSubjectAndACaseStudyGivesItsCountry() {
        String page = "Case study: Ecuador\n"
                + "Ecuador's government has leaned on Chinese suppliers for a decade. Officials in Ecuador describe the relationship as "
                + "long-standing, while critics in Ecuador question its terms.\n"
                + "Huawei arrived in 2011. Its local staff now number in the hundreds. "
                + "It won several multimillion-dollar contracts with the state mobile operator.";
        assertThat(keys(page)).containsExactly("huawei|telecom-ict-project|EC|");
        assertThat(keys("Huawei, which competes with ZTE across the region, opened an office in Quito, Ecuador in 2015. "
                + "It also built a data centre in Guayaquil in 2017."))
                .containsExactlyInAnyOrder("huawei|overseas-office|EC|Quito", "huawei|data-centre|EC|Guayaquil");
    }

    @Test
    void aProjectAtHomeDoesNotBorrowTheForeignPlaceBeforeIt() {
        assertThat(keys("Alibaba Cloud opened a data centre in Jakarta, Indonesia in 2018. "
                + "Domestically, the company opened three more data centres the same year."))
                .containsExactly("alibaba|data-centre|ID|Jakarta");
    }

    @Test
    void notesAfterAYearSuperscriptsAndNumbersOpeningAChineseParagraphAreBlanked() {
        assertThat(Footnotes.blank("by 2020.8 These are¹² facts\n1华大基因\n3月，华为")).isEqualTo("by 2020.  These are   facts\n 华大基因\n3月，华为");
    }

    @Test
    void aCloudCompanysRegionIsADataCentre() {
        assertThat(keys("Huawei Cloud opened its Santiago region in 2019, its first in Latin America."))
                .containsExactly("huawei|data-centre|CL|Santiago");
        assertThat(keys("Huawei opened an office in Santiago in 2019 to serve the region.")).doesNotContain("huawei|data-centre|CL|Santiago");
    }

    @Test
    void topicsListedAsAreasOfCooperationAreNotProjectsButTheRestOfTheSentenceIs() {
        assertThat(keys("Its European headquarters are in Copenhagen, Denmark, where BGI works with researchers in areas such as "
                + "sequencing centres and data centres.")).containsExactly("bgi|overseas-office|DK|Copenhagen");
    }

    @Test
    void denialsAndOrganisationsFromElsewhereAreNotFacts() {
        assertThat(keys("The Budapest data centre, which ZTE is said to have equipped, is not an ICT project of the company at all.")).isEmpty();
        assertThat(keys("Alibaba Cloud opened a data centre in Mexico City in 2025 to supply the US market."))
                .containsExactly("alibaba|data-centre|MX|Mexico City");
    }

    @Test
    void aCueWrittenAsATitleBeforeTheNameIsNotAProject() {
        assertThat(keys("The ministry signed an MoU with telecoms equipment maker Huawei in Nairobi, Kenya in 2019."))
                .containsExactly("huawei|mou-agreement|KE|Nairobi");
    }
}
