package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The metric itself: bag-of-tokens precision, recall and F1, with Chinese characters as tokens. */
class MainTextEvaluationTest {
    @Test
    void identicalTextsScoreOne() {
        double[] prf = MainTextEvaluation.prf(MainTextEvaluation.tokens("Huawei opens a lab."), MainTextEvaluation.tokens("huawei OPENS a lab"));
        assertThat(prf).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void extraBoilerplateLowersPrecisionAndMissingTextLowersRecall() {
        double[] prf = MainTextEvaluation.prf(MainTextEvaluation.tokens("a b c d share this"), MainTextEvaluation.tokens("a b c d e f"));
        assertThat(prf[0]).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(prf[1]).isCloseTo(4.0 / 6, within(1e-9));
    }

    @Test
    void chineseIsCountedByCharacter() {
        assertThat(MainTextEvaluation.tokens("华为与ZTE合作")).containsEntry("华", 1).containsEntry("zte", 1).hasSize(6);
    }
}
