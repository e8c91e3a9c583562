package org.tracemap.ranker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replacement rule: average precision against the rule score and the current model out of sample. */
class ReplacementTest {
    private static Figures ap(double ap) {
        return Figures.of(5, 5, 0, 10, ap);
    }

    private static RankerModel.CrossValidation cv(double model, double rules, RankerModel.OutOfSample oos) {
        // The in-sample figures of the current model are perfect: they must never be the bar.
        return new RankerModel.CrossValidation(5, ap(model), ap(rules), oos == null ? null : ap(1.0), oos);
    }

    private static RankerModel.OutOfSample oos(int decisions, double model, double current) {
        return new RankerModel.OutOfSample("2026-12-01T09:00:00Z", decisions, ap(model), ap(0.5), ap(current));
    }

    @Test
    void withoutAModelTheRuleScoresApIsTheBar() {
        assertThat(Replacement.judge(cv(0.8, 0.6, null)).replace()).isTrue();
        assertThat(Replacement.judge(cv(0.6, 0.6, null)).replace()).as("not below").isTrue();
        Replacement r = Replacement.judge(cv(0.55, 0.6, null));
        assertThat(r.replace()).isFalse();
        assertThat(r.reason()).isEqualTo("the new model's cross-validated AP is below the rule score's (0.550 against 0.600 on all 20 decisions)");
    }

    @Test
    void theCurrentModelsInSampleFiguresAreNeverTheBar() {
        Replacement r = Replacement.judge(cv(0.8, 0.6, oos(0, 0, 0)));
        assertThat(r.replace()).isTrue();
        assertThat(r.reason()).doesNotContain("current model");
    }

    @Test
    void fewerThanTenOutOfSampleDecisionsAreNoBar() {
        assertThat(Replacement.judge(cv(0.8, 0.6, oos(9, 0.5, 0.9))).replace()).isTrue();
        Replacement r = Replacement.judge(cv(0.8, 0.6, oos(10, 0.5, 0.9)));
        assertThat(r.replace()).isFalse();
        assertThat(r.reason()).contains("below the current model's out-of-sample AP (0.500 against 0.900 on the 10 decisions made since it was trained)")
                .doesNotContain("rule score");
    }

    @Test
    void everyUsableBarMustBeMet() {
        Replacement both = Replacement.judge(cv(0.8, 0.6, oos(12, 0.9, 0.9)));
        assertThat(both.replace()).isTrue();
        assertThat(both.reason()).contains("the rule score's (0.800 against 0.600", " nor the current model's out-of-sample AP (0.900 against 0.900");
        assertThat(Replacement.judge(cv(0.5, 0.6, oos(12, 0.95, 0.9))).replace()).isFalse();
    }
}
