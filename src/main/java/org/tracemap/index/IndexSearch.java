package org.tracemap.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** One search on one reader: the query across the English, Chinese and bigram fields, filters, facets and snippets. */
final class IndexSearch {
    private static final String[] FACETS = {IndexFields.HOST, IndexFields.LANG, IndexFields.TYPE, IndexFields.YEAR, IndexFields.COMPANY,
            IndexFields.CATEGORY, IndexFields.COUNTRY};

    private final IndexSearcher searcher;
    private final FacetsConfig config;
    private final QueryExpander expander;

    IndexSearch(IndexSearcher searcher, FacetsConfig config, QueryExpander expander) {
        this.searcher = searcher;
        this.config = config;
        this.expander = expander;
    }

    SearchResult run(SearchQuery q) throws IOException {
        Query text = parse(q.text());
        BooleanQuery.Builder all = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        if (q.lang() != null) all.add(new TermQuery(new Term(IndexFields.LANG, q.lang())), BooleanClause.Occur.FILTER);
        if (q.host() != null) all.add(new TermQuery(new Term(IndexFields.HOST, q.host())), BooleanClause.Occur.FILTER);
        if (q.type() != null) all.add(new TermQuery(new Term(IndexFields.TYPE, q.type())), BooleanClause.Occur.FILTER);
        if (q.company() != null) all.add(new TermQuery(new Term(IndexFields.COMPANY, q.company())), BooleanClause.Occur.FILTER);
        if (q.category() != null) all.add(new TermQuery(new Term(IndexFields.CATEGORY, q.category())), BooleanClause.Occur.FILTER);
        if (q.country() != null) all.add(new TermQuery(new Term(IndexFields.COUNTRY, q.country().toUpperCase(java.util.Locale.ROOT))), BooleanClause.Occur.FILTER);
        if (q.from() != null || q.to() != null) {
            long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochDay();
            long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochDay();
            all.add(LongPoint.newRangeQuery(IndexFields.DAY, from, to), BooleanClause.Occur.FILTER);
        }
        if (q.year() != null) { // the year facet's value: of the same day (publication, else capture) as from/to
            long first = java.time.LocalDate.of(q.year(), 1, 1).toEpochDay();
            long last = java.time.LocalDate.of(q.year(), 12, 31).toEpochDay();
            all.add(LongPoint.newRangeQuery(IndexFields.DAY, first, last), BooleanClause.Occur.FILTER);
        }
        Query query = all.build();
        FacetsCollectorManager.FacetsResult result = FacetsCollectorManager.search(searcher, query, q.offset() + q.limit(), new FacetsCollectorManager());
        TopDocs upToPage = result.topDocs();
        ScoreDoc[] page = java.util.Arrays.copyOfRange(upToPage.scoreDocs, Math.min(q.offset(), upToPage.scoreDocs.length), upToPage.scoreDocs.length);
        TopDocs top = new TopDocs(upToPage.totalHits, page);
        List<SearchHit> hits = hits(top, text);
        return new SearchResult(top.totalHits.value, hits, facets(result.facetsCollector()));
    }

    /**
     * The query once per analysis (English, smartcn, bigrams): a document matches when every term matches
     * within one analysis of its text (the title is indexed into the body fields too); title matches add
     * weight. Parsing per analysis keeps terms aligned where the analyses split a word differently — the
     * classic multi-field parser pairs "5G" (one English token, two Chinese ones) with the wrong terms.
     *
     * <p>A query naming a company, country or city of the gazetteer is parsed by {@link ExpandingQueryParser}
     * (each name also searched by its other names, in both languages); any other query exactly as before.
     */
    Query parse(String text) {
        if (text == null || text.isBlank()) return new MatchAllDocsQuery();
        QueryExpander expanding = expander.find(text).isEmpty() ? null : expander;
        String[][] analyses = {{IndexFields.BODY_EN, IndexFields.TITLE_EN}, {IndexFields.BODY_ZH, IndexFields.TITLE_ZH},
                {IndexFields.BODY_CJK, IndexFields.TITLE_CJK}};
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String[] fields : analyses) {
            Query body = parseField(fields[0], text, expanding);
            Query title = parseField(fields[1], text, expanding);
            Query perAnalysis = new BooleanQuery.Builder().add(body, BooleanClause.Occur.MUST).add(title, BooleanClause.Occur.SHOULD).build();
            any.add(new org.apache.lucene.search.BoostQuery(perAnalysis, IndexFields.QUERY_FIELDS.get(fields[0])), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private static Query parseField(String field, String text, QueryExpander expander) {
        try {
            return parser(field, expander).parse(text);
        } catch (ParseException e) {
            try {
                return parser(field, expander).parse(QueryParser.escape(text)); // a stray quote or bracket: search the words
            } catch (ParseException again) {
                throw new IllegalArgumentException("cannot read the query: " + again.getMessage(), again);
            }
        }
    }

    private static QueryParser parser(String field, QueryExpander expander) {
        QueryParser parser = expander == null ? new QueryParser(field, IndexFields.analyzer()) : new ExpandingQueryParser(field, IndexFields.analyzer(), expander);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        return parser;
    }

    private List<SearchHit> hits(TopDocs top, Query text) throws IOException {
        List<HighlightFormatter.Highlight> highlights = new HitHighlighter(searcher).highlight(text, top);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < top.scoreDocs.length; i++) {
            ScoreDoc sd = top.scoreDocs[i];
            Document doc = searcher.storedFields().document(sd.doc);
            HighlightFormatter.Highlight h = highlights.get(i);
            hits.add(new SearchHit(doc.get(IndexFields.ID), doc.get(IndexFields.CAPTURE_ID), doc.get(IndexFields.URL), doc.get(IndexFields.TITLE),
                    doc.get(IndexFields.TIMESTAMP), doc.get(IndexFields.LANG), h.snippets(), h.passages(), sd.score));
        }
        return hits;
    }

    private Map<String, Map<String, Integer>> facets(FacetsCollector collector) throws IOException {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        if (searcher.getIndexReader().numDocs() == 0) return out;
        Facets counts = new SortedSetDocValuesFacetCounts(new DefaultSortedSetDocValuesReaderState(searcher.getIndexReader(), config), collector);
        for (String dim : FACETS) {
            Map<String, Integer> values = new LinkedHashMap<>();
            FacetResult r;
            try {
                r = counts.getTopChildren(20, dim);
            } catch (IllegalArgumentException noSuchDimension) {
                r = null; // an index built before this dimension existed, or with no document naming one
            }
            if (r != null) for (LabelAndValue lv : r.labelValues) values.put(lv.label, lv.value.intValue());
            out.put(dim, values);
        }
        return out;
    }
}
