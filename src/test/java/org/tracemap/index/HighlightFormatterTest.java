package org.tracemap.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** Passages cut at their matches, from the offsets the highlighter hands over. */
class HighlightFormatterTest {
    private static Passage passage(int start, int end, int[]... matches) {
        Passage p = new Passage();
        p.setStartOffset(start);
        p.setEndOffset(end);
        for (int[] m : matches) p.addMatch(m[0], m[1], new BytesRef("t"), 1);
        return p;
    }

    @Test
    void matchesBecomeHitPartsAndTheTextBetweenStaysAsWritten() {
        String content = "\nHuawei & <b>ZTE</b> met.\n";
        List<PassagePart> parts = HighlightFormatter.parts(passage(0, content.length(), new int[] {1, 7}, new int[] {13, 16}), content);
        assertThat(parts).containsExactly(new PassagePart("Huawei", true), new PassagePart(" & <b>", false), new PassagePart("ZTE", true),
                new PassagePart("</b> met.", false));
    }

    @Test
    void overlappingMatchesAreOneHit() {
        String content = "中兴通讯在肯尼亚";
        List<PassagePart> parts = HighlightFormatter.parts(passage(0, content.length(), new int[] {0, 2}, new int[] {1, 3}, new int[] {5, 8}), content);
        assertThat(parts).containsExactly(new PassagePart("中兴通", true), new PassagePart("讯在", false), new PassagePart("肯尼亚", true));
    }

    @Test
    void aMatchRunningPastThePassageEndsWithIt() {
        String content = "One. Two words";
        assertThat(HighlightFormatter.parts(passage(0, 8, new int[] {5, 14}), content))
                .containsExactly(new PassagePart("One. ", false), new PassagePart("Two", true));
    }

    @Test
    void bothFormsComeFromOnePass() {
        String content = "a <i>b</i> c";
        HighlightFormatter.Highlight h = new HighlightFormatter().format(new Passage[] {passage(0, content.length(), new int[] {5, 6})}, content);
        assertThat(h.snippets()).containsExactly("a &lt;i&gt;<mark>b</mark>&lt;&#x2F;i&gt; c");
        assertThat(h.passages()).containsExactly(List.of(new PassagePart("a <i>", false), new PassagePart("b", true), new PassagePart("</i> c", false)));
    }
}
