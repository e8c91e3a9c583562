package org.tracemap.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private static List<String> split(String text) {
        return SentenceSplitter.split(text).stream().map(SentenceSplitter.Sentence::text).toList();
    }

    @Test
    void chineseSentencesEndAtFullWidthStops() {
        assertThat(split("华为与肯尼亚签署协议。项目将于2021年完成！是否顺利？")).containsExactly("华为与肯尼亚签署协议。", "项目将于2021年完成！", "是否顺利？");
    }

    @Test
    void abbreviationsAndInitialsDoNotEndASentence() {
        assertThat(split("Huawei Technologies Co. Ltd. signed a deal with Kenya. Dr. J. Smith of the U.S. Embassy said so."))
                .containsExactly("Huawei Technologies Co. Ltd. signed a deal with Kenya.", "Dr. J. Smith of the U.S. Embassy said so.");
    }

    @Test
    void paragraphsAlwaysEndASentenceAndOffsetsPointIntoTheText() {
        String text = "Headline without a stop\nBody starts here. It goes on.";
        var sentences = SentenceSplitter.split(text);
        assertThat(sentences).extracting(SentenceSplitter.Sentence::text).containsExactly("Headline without a stop", "Body starts here.", "It goes on.");
        for (var s : sentences) assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
    }
}
