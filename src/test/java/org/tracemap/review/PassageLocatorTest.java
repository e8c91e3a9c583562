package org.tracemap.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding a selected passage in a snapshot's text, whatever the browser's selection did to its white space. */
class PassageLocatorTest {
    private static final String TEXT = "Huawei signed a deal.\n\nThe company will build a data centre in\nBelgrade by 2020. Huawei signed a deal.";

    @Test
    void passageIsFoundWithTheTextsOwnWhiteSpaceAndOffsets() {
        PassageLocator.Passage p = PassageLocator.find(TEXT, "  build a data centre in Belgrade ", null).orElseThrow();
        assertThat(p.quote()).isEqualTo("build a data centre in\nBelgrade");
        assertThat(TEXT.substring(p.start(), p.end())).isEqualTo(p.quote());
    }

    @Test
    void repeatedPassageIsTheOccurrenceNearestTheHint() {
        int second = TEXT.lastIndexOf("Huawei signed");
        assertThat(PassageLocator.find(TEXT, "Huawei signed a deal.", null).orElseThrow().start()).isZero();
        assertThat(PassageLocator.find(TEXT, "Huawei signed a deal.", second - 3).orElseThrow().start()).isEqualTo(second);
        assertThat(PassageLocator.find(TEXT, "Huawei signed a deal.", 2).orElseThrow().start()).isZero();
    }

    @Test
    void textNotInTheSnapshotIsNotFound() {
        assertThat(PassageLocator.find(TEXT, "Huawei built a lab", null)).isEmpty();
        assertThat(PassageLocator.find(TEXT, "data centre (in", null)).isEmpty(); // regex characters are literal
        assertThat(PassageLocator.find(TEXT, "   ", null)).isEmpty();
    }
}
