package org.tracemap.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseMatcherTest {
    private final PhraseMatcher<String> m = new PhraseMatcher<String>()
            .add("Oman", "OM").add("China", "CN").add("China Mobile", "china-mobile").add("data centre", "dc")
            .add("华为", "huawei").add("5G", "5g").add("Côte d'Ivoire", "CI");

    private List<String> found(String text) {
        return m.find(text).stream().map(x -> text.substring(x.start(), x.end()) + "=" + x.values().get(0)).toList();
    }

    @Test
    void latinPhrasesMatchOnWordBoundariesOnly() {
        assertThat(found("A woman in Oman, not Omani.")).containsExactly("Oman=OM");
    }

    @Test
    void longestPhraseWinsAndCaseIsIgnored() {
        assertThat(found("CHINA MOBILE opened a Data Centre in China")).containsExactly("CHINA MOBILE=china-mobile", "Data Centre=dc", "China=CN");
    }

    @Test
    void chinesePhrasesNeedNoSpacesAndLatinInsideChineseStillBounds() {
        assertThat(found("华为在阿曼部署5G网络，25G不算")).containsExactly("华为=huawei", "5G=5g");
    }

    @Test
    void curlyApostrophesAndLineBreaksMatchTheirPlainForms() {
        assertThat(found("in Côte d\u2019Ivoire")).containsExactly("Côte d\u2019Ivoire=CI");
        assertThat(found("a new data\ncentre")).containsExactly("data\ncentre=dc");
    }

    @Test
    void offsetsPointIntoTheOriginalText() {
        String text = "The İstanbul office of 华为";
        var match = m.find(text).get(0);
        assertThat(text.substring(match.start(), match.end())).isEqualTo("华为");
    }
}
