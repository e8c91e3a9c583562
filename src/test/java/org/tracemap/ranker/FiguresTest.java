package org.tracemap.ranker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Average precision and the threshold figures, worked by hand. */
class FiguresTest {
    private static Figures.Scored s(double score, boolean positive) {
        return new Figures.Scored(score, positive);
    }

    @Test
    void averagePrecisionIsTheMeanPrecisionAtEachAcceptedExample() {
        // Sorted: + (1/1), - , + (2/3), - , + (3/5): AP = (1 + 2/3 + 3/5) / 3.
        List<Figures.Scored> scored = List.of(s(0.2, true), s(0.9, true), s(0.5, true), s(0.8, false), s(0.4, false));
        assertThat(Figures.averagePrecision(scored)).isCloseTo((1 + 2.0 / 3 + 3.0 / 5) / 3, within(1e-9));
        assertThat(Figures.averagePrecision(List.of(s(0.9, true), s(0.8, true), s(0.1, false)))).isEqualTo(1.0);
        assertThat(Figures.averagePrecision(List.of(s(0.9, false), s(0.1, false)))).isZero();
    }

    @Test
    void tiedScoresAreOneBlockSoAnOrderingThatCannotTellApartScoresTheAcceptanceRate() {
        List<Figures.Scored> allTied = List.of(s(0.8, true), s(0.8, false), s(0.8, false), s(0.8, true), s(0.8, false));
        assertThat(Figures.averagePrecision(allTied)).isCloseTo(0.4, within(1e-9));
        // The arrival order of ties does not matter.
        assertThat(Figures.averagePrecision(List.of(s(0.8, false), s(0.9, true), s(0.8, true))))
                .isEqualTo(Figures.averagePrecision(List.of(s(0.8, true), s(0.9, true), s(0.8, false))))
                .isCloseTo((1 + 2.0 / 3) / 2, within(1e-9));
    }

    @Test
    void theRuleScoreThatAcceptsEverythingHasRecallOneButOnlyTheBaseRateAsAp() {
        Figures f = Figures.of(List.of(s(0.75, true), s(0.8, false), s(0.9, false), s(0.75, false)), 0.7);
        assertThat(f.recall()).isEqualTo(1.0);
        assertThat(f.precision()).isEqualTo(0.25);
        assertThat(f.f1()).isEqualTo(0.4);
        // Sorted: - - then a tie of + and - : the accepted one is at precision 1/4.
        assertThat(f.averagePrecision()).isEqualTo(0.25);
        assertThat(f.truePositives() + f.falsePositives()).isEqualTo(4);
    }
}
