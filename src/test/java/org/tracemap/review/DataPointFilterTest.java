package org.tracemap.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracemap.catalog.DataPointStore.DataPoint;

class DataPointFilterTest {
    private static DataPoint point(String company, String category, String country, Integer year) {
        return new DataPoint(1, 1, company, category, null, null, country, "", null, null, null, "country", year, null, null, List.of(),
                "test", null, null, List.of());
    }

    private static final DataPoint HUAWEI_KE_2014 = point("huawei", "smart-city-public-security", "KE", 2014);
    private static final DataPoint ZTE_ET_2019 = point("zte", "5g", "ET", 2019);
    private static final DataPoint HUAWEI_NO_YEAR = point("huawei", "5g", "KE", null);

    @Test
    void noFilterKeepsEveryPoint() {
        assertThat(List.of(HUAWEI_KE_2014, ZTE_ET_2019, HUAWEI_NO_YEAR)).allMatch(DataPointFilter.ALL);
    }

    @Test
    void companyCategoryAndCountryMustAllMatch() {
        DataPointFilter huaweiInKenya = new DataPointFilter("huawei", null, "ke", null, null);
        assertThat(List.of(HUAWEI_KE_2014, ZTE_ET_2019, HUAWEI_NO_YEAR).stream().filter(huaweiInKenya)).containsExactly(HUAWEI_KE_2014, HUAWEI_NO_YEAR);
        assertThat(new DataPointFilter("huawei", "5g", null, null, null).test(HUAWEI_KE_2014)).isFalse();
    }

    @Test
    void theYearRangeIsInclusiveAndLeavesOutPointsOfUnknownYear() {
        DataPointFilter range = new DataPointFilter(null, null, null, 2014, 2018);
        assertThat(List.of(HUAWEI_KE_2014, ZTE_ET_2019, HUAWEI_NO_YEAR).stream().filter(range)).containsExactly(HUAWEI_KE_2014);
        assertThat(new DataPointFilter(null, null, null, 2019, null).test(ZTE_ET_2019)).isTrue();
        assertThat(new DataPointFilter(null, null, null, null, 2013).test(HUAWEI_KE_2014)).isFalse();
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> new DataPointFilter(null, null, null, 2020, 2010)).hasMessageContaining("yearFrom (2020) is after yearTo (2010)");
    }
}
