package org.tracemap.index;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The classic query parser, with the entities of plain query text searched by every name they go by: a
 * company, country or city named in the words of a query becomes an OR of phrase queries, one per name, on
 * the field of that name's language (English names on the English field, Chinese names on the smartcn and
 * bigram fields), plus the page's company or country facet.
 *
 * <p>What is expanded, and what is left as typed (the rule the README states):
 * <ul>
 *   <li>plain words, alone or in a run ("Huawei Kenya", "津巴布韦", "South Africa"), with AND, OR, NOT, +, -,
 *       parentheses and boosts around them: expanded;</li>
 *   <li>quoted phrases ({@code "Huawei Cloud"}) and words with a field ({@code title_en:huawei}): as typed;</li>
 *   <li>wildcards, fuzzy terms, ranges and regular expressions: as typed (Lucene never asks for their text);</li>
 *   <li>names past the budget of {@link #MAX_EXPANDED_LEAVES} leaf queries per parse: as typed.</li>
 * </ul>
 * Runs of plain words reach the parser whole (not split on whitespace), so names of several words are found.
 */
final class ExpandingQueryParser extends QueryParser {
    /** Leaf queries expansion may add to one parse: the search parses six times, Lucene refuses over 1,024 clauses. */
    static final int MAX_EXPANDED_LEAVES = 150;

    /** Weight of the facet term against the names' phrases: a page tagged with the entity but matched by no name ranks lower. */
    private static final float FACET_WEIGHT = 0.5f;

    private final QueryExpander expander;
    private final String field;
    private final String englishField;
    private final String chineseField;
    private final String bigramField; // null on titles: a title match only adds weight
    private final boolean facets;
    private int leaves;

    /**
     * The parser's default field is a name no field has, so that a bare word can be told from one typed with
     * its field ({@code body_zh:华为}); every query method maps it back to {@code field}.
     */
    ExpandingQueryParser(String field, Analyzer analyzer, QueryExpander expander) {
        super(BARE + field, analyzer);
        this.field = field;
        this.expander = expander;
        setSplitOnWhitespace(false);
        boolean title = field.startsWith("title_");
        englishField = title ? IndexFields.TITLE_EN : IndexFields.BODY_EN;
        chineseField = title ? IndexFields.TITLE_ZH : IndexFields.BODY_ZH;
        bigramField = title ? null : IndexFields.BODY_CJK;
        facets = !title;
    }

    private static final String BARE = "\u0001bare:";

    private String real(String f) {
        return f.equals(getField()) ? field : f;
    }

    @Override
    protected Query getFieldQuery(String f, String queryText, boolean quoted) throws ParseException {
        if (quoted || !f.equals(getField())) return super.getFieldQuery(real(f), queryText, quoted);
        List<QueryExpander.Span> spans = expander.find(queryText);
        if (spans.isEmpty()) return super.getFieldQuery(field, queryText, false);
        BooleanClause.Occur occur = getDefaultOperator() == Operator.AND ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD;
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        int clauses = 0;
        int at = 0;
        for (QueryExpander.Span span : spans) {
            int cost = span.entity().cost();
            if (leaves + cost > MAX_EXPANDED_LEAVES) continue; // stays in the plain text around it
            Query names = names(span.entity());
            if (names == null) continue;
            clauses += add(all, super.getFieldQuery(field, queryText.substring(at, span.start()), false), occur);
            clauses += add(all, names, occur);
            leaves += cost;
            at = span.end();
        }
        clauses += add(all, super.getFieldQuery(field, queryText.substring(at), false), occur);
        // Always a BooleanQuery of BooleanQuery-or-phrase clauses: the parser re-adds a run's clauses with the
        // default operator, which must not reach inside an entity's OR.
        return clauses == 0 ? null : all.build();
    }

    @Override
    protected Query getWildcardQuery(String f, String termStr) throws ParseException {
        return super.getWildcardQuery(real(f), termStr);
    }

    @Override
    protected Query getPrefixQuery(String f, String termStr) throws ParseException {
        return super.getPrefixQuery(real(f), termStr);
    }

    @Override
    protected Query getFuzzyQuery(String f, String termStr, float minSimilarity) throws ParseException {
        return super.getFuzzyQuery(real(f), termStr, minSimilarity);
    }

    @Override
    protected Query getRegexpQuery(String f, String termStr) throws ParseException {
        return super.getRegexpQuery(real(f), termStr);
    }

    @Override
    protected Query getRangeQuery(String f, String part1, String part2, boolean startInclusive, boolean endInclusive) throws ParseException {
        return super.getRangeQuery(real(f), part1, part2, startInclusive, endInclusive);
    }

    private static int add(BooleanQuery.Builder all, Query q, BooleanClause.Occur occur) {
        if (q == null) return 0;
        all.add(q, occur);
        return 1;
    }

    /** Any name of the entity, each as a phrase in its language's field; or the facet. Null if the analysers left nothing. */
    private Query names(QueryExpander.Entity e) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String name : e.english()) add(any, createPhraseQuery(englishField, name), BooleanClause.Occur.SHOULD);
        for (String name : e.chinese()) {
            add(any, createPhraseQuery(chineseField, name), BooleanClause.Occur.SHOULD);
            if (bigramField != null) add(any, createPhraseQuery(bigramField, name), BooleanClause.Occur.SHOULD);
        }
        if (facets && e.facetField() != null) {
            any.add(new BoostQuery(new TermQuery(new Term(e.facetField(), e.facetValue())), FACET_WEIGHT), BooleanClause.Occur.SHOULD);
        }
        BooleanQuery q = any.build();
        return q.clauses().isEmpty() ? null : q;
    }
}
