package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The measure: 4-gram shingles as the article-extraction benchmark scores them, CJK by character. */
class MainTextEvaluationTest {
    @Test
    void identicalTextsScoreOneWhateverThePunctuationAndSpacing() {
        ShingleScore s = ShingleScore.of("Huawei opens a lab in Paris.", "Huawei  opens a lab, in Paris");
        assertThat(s.precision()).isEqualTo(1.0);
        assertThat(s.recall()).isEqualTo(1.0);
        assertThat(s.f1()).isEqualTo(1.0);
    }

    @Test
    void extraTextLowersPrecisionAndMissingTextLowersRecallByShingles() {
        // 6 expected tokens give 3 shingles; the extraction has the first 4 tokens plus "share this" (3 shingles, 1 shared).
        ShingleScore s = ShingleScore.of("a b c d share this", "a b c d e f");
        assertThat(s.precision()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(s.recall()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void chineseIsTokenisedByCharacterAndLatinByWordWithCaseKept() {
        assertThat(ShingleScore.tokens("华为与ZTE合作，5G网络")).containsExactly("华", "为", "与", "ZTE", "合", "作", "5G", "网", "络");
        assertThat(ShingleScore.of("Huawei Opens A Lab", "huawei opens a lab").f1()).isZero();
    }

    @Test
    void setFiguresAreMeansOverPagesAndF1TheirHarmonicMean() {
        var perfect = new MainTextEvaluation.PageScore("a", "dev", ShingleScore.of("w x y z", "w x y z"), null, null, null, null, null, null);
        var half = new MainTextEvaluation.PageScore("b", "dev", ShingleScore.of("w x y z q", "w x y z r"), null, null, null, null, null, null);
        var report = new MainTextEvaluation.Report(java.util.List.of(perfect, half));
        assertThat(report.precision()).isCloseTo(0.75, within(1e-9));
        assertThat(report.recall()).isCloseTo(0.75, within(1e-9));
        assertThat(report.f1()).isCloseTo(0.75, within(1e-9));
        assertThat(report.worst(1)).extracting(MainTextEvaluation.PageScore::name).containsExactly("b");
    }

    @Test
    void readabilityLayoutIsSplitByNameAndDatesComparedAsDays() {
        assertThat(EvaluationCorpus.day("2018-04-05T06:00")).isEqualTo(LocalDate.of(2018, 4, 5));
        assertThat(EvaluationCorpus.day("April 2018")).isNull();
        assertThat(EvaluationCorpus.textOf("<div><p>One  two</p>\n<p>three</p></div>")).isEqualTo("One two\nthree");
        assertThat(EvaluationCorpus.splitOf("aclu")).isIn("dev", "heldout");
        assertThat(EvaluationCorpus.splitOf("aclu")).isEqualTo(EvaluationCorpus.splitOf("aclu"));
    }
}
