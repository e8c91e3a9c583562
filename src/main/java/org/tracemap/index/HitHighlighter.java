package org.tracemap.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The best two passages of each hit's main text, with the query's matches marked (see {@link HighlightFormatter}).
 * Only the body of the document's own language is stored ({@code body_en} or {@code body_zh}), so each hit is
 * highlighted from whichever of the two holds its text. A subclass only to reach the highlighter's object form,
 * which Lucene keeps protected.
 */
final class HitHighlighter extends UnifiedHighlighter {
    private static final String[] FIELDS = {IndexFields.BODY_EN, IndexFields.BODY_ZH};
    private static final int PASSAGES = 2;

    HitHighlighter(IndexSearcher searcher) {
        super(builder(searcher, IndexFields.analyzer()).withFormatter(new HighlightFormatter()).withMaxLength(200_000));
    }

    /** One highlight per hit of {@code top}, in its order. */
    List<HighlightFormatter.Highlight> highlight(Query query, TopDocs top) throws IOException {
        int[] docs = new int[top.scoreDocs.length];
        for (int i = 0; i < docs.length; i++) docs[i] = top.scoreDocs[i].doc;
        Map<String, Object[]> byField = highlightFieldsAsObjects(FIELDS, query, docs, new int[] {PASSAGES, PASSAGES});
        List<HighlightFormatter.Highlight> out = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            Object english = byField.get(IndexFields.BODY_EN)[i];
            Object chinese = byField.get(IndexFields.BODY_ZH)[i];
            Object found = english != null ? english : chinese;
            out.add(found == null ? HighlightFormatter.Highlight.NONE : (HighlightFormatter.Highlight) found);
        }
        return out;
    }
}
