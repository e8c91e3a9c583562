package org.tracemap.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;

/**
 * Every field of the search index, in one place, and why it is there.
 *
 * <ul>
 *   <li>{@code id} — the snapshot id: the key. Indexing a snapshot again replaces its document.</li>
 *   <li>{@code url}, {@code host}, {@code lang}, {@code type} — exact-match keywords for filters; host, lang,
 *       type and year are also facets (sorted-set doc values).</li>
 *   <li>{@code title_en}, {@code body_en} — English analysis (stemming, stop words). {@code body_en} is stored
 *       for documents in English (and any non-Chinese language), so snippets can be cut from it.</li>
 *   <li>{@code title_zh}, {@code body_zh} — smartcn word segmentation for Chinese; {@code body_zh} is stored for
 *       Chinese documents.</li>
 *   <li>{@code title_cjk}, {@code body_cjk} — CJK bigrams: finds Chinese words the segmenter splits
 *       differently (names, new terms) at the price of precision; queried with a lower weight.</li>
 *   <li>{@code company}, {@code category}, {@code country} — what the page names, by the gazetteer
 *       (multi-valued keywords and facets): filters for researchers, not the reviewed dataset.</li>
 *   <li>{@code day} — the publication date (or, when unknown, the capture date) as epoch day, for ranges.</li>
 *   <li>{@code timestamp}, {@code title}, {@code captureId} — stored only, to build hits.</li>
 * </ul>
 * Text with CJK characters goes into all three analyses (a Chinese page names companies in English, an
 * English page quotes Chinese names); purely alphabetic text only into the English fields, since the
 * Chinese analyses would find nothing in it. Queries search all fields at once.
 */
final class IndexFields {
    static final String ID = "id";
    static final String CAPTURE_ID = "captureId";
    static final String URL = "url";
    static final String HOST = "host";
    static final String LANG = "lang";
    static final String TYPE = "type";
    static final String YEAR = "year";
    static final String COMPANY = "company";
    static final String CATEGORY = "category";
    static final String COUNTRY = "country";
    static final String DAY = "day";
    static final String TIMESTAMP = "timestamp";
    static final String TITLE = "title";
    static final String TITLE_EN = "title_en";
    static final String TITLE_ZH = "title_zh";
    static final String TITLE_CJK = "title_cjk";
    static final String BODY_EN = "body_en";
    static final String BODY_ZH = "body_zh";
    static final String BODY_CJK = "body_cjk";

    /** Weights per analysis (keyed by its body field): bigrams count less, being less precise. */
    static final Map<String, Float> QUERY_FIELDS = Map.of(TITLE_EN, 3f, TITLE_ZH, 3f, TITLE_CJK, 1.5f, BODY_EN, 1f, BODY_ZH, 1f, BODY_CJK, 0.5f);

    private IndexFields() {}

    /** The per-field analyzer, shared: analyzers are thread-safe, and building smartcn per query is waste. */
    private static final Analyzer ANALYZER = build();

    static Analyzer analyzer() {
        return ANALYZER;
    }

    private static Analyzer build() {
        Analyzer english = new EnglishAnalyzer();
        Analyzer chinese = new SmartChineseAnalyzer();
        Analyzer bigrams = new CJKAnalyzer();
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), Map.of(
                TITLE_EN, english, BODY_EN, english, TITLE_ZH, chinese, BODY_ZH, chinese, TITLE_CJK, bigrams, BODY_CJK, bigrams));
    }

    static FacetsConfig facets() {
        FacetsConfig config = new FacetsConfig();
        for (String dim : new String[] {COMPANY, CATEGORY, COUNTRY}) config.setMultiValued(dim, true);
        return config;
    }
}
