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
 * The grammar still ends a run before an operator ("South Africa OR Nigeria" would be "South" and "Africa OR
 * Nigeria"), so before parsing, {@link #protectNames} joins the words of every name of several words found in
 * a run of plain words with an escaped space: the parser then reads the name as one term, whatever surrounds it.
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
    public Query parse(String query) throws ParseException {
        return super.parse(protectNames(query, expander));
    }

    /**
     * {@code query} with the words of each name of several words that a run of plain words holds (terms with
     * only white space between them; not quoted, not a field's value or name, no wildcard, fuzzy or range,
     * not inside a field's parentheses) joined by an escaped space ({@code South\ Africa}), so that the
     * parser hands the name to {@link #getFieldQuery} as one term. Everything else is left as typed.
     */
    static String protectNames(String query, QueryExpander expander) {
        List<Token> terms = plainTerms(query);
        StringBuilder out = new StringBuilder(query.length() + 8);
        int copied = 0;
        for (int first = 0; first < terms.size(); ) {
            int last = first; // the run: terms with only white space between them
            while (last + 1 < terms.size() && terms.get(last + 1).runsOn(terms.get(last), query)) last++;
            if (last > first) {
                List<Token> run = terms.subList(first, last + 1);
                StringBuilder text = new StringBuilder();
                int[] starts = new int[run.size()];
                for (int i = 0; i < run.size(); i++) {
                    if (i > 0) text.append(' ');
                    starts[i] = text.length();
                    text.append(discardEscapeChar(run.get(i).image(query)));
                }
                boolean[] join = new boolean[run.size()]; // join[i]: term i joins term i - 1
                for (QueryExpander.Span span : expander.find(text.toString())) {
                    for (int i = 1; i < run.size(); i++) if (starts[i] > span.start() && starts[i] < span.end()) join[i] = true;
                }
                for (int i = 1; i < run.size(); i++) {
                    if (!join[i]) continue;
                    out.append(query, copied, run.get(i - 1).end()).append("\\ ");
                    copied = run.get(i).start();
                }
            }
            first = last + 1;
        }
        return copied == 0 ? query : out.append(query, copied, query.length()).toString();
    }

    private static String discardEscapeChar(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }

    /** Characters {@code [start, end)} of a plain term of the query. */
    private record Token(int start, int end) {
        String image(String query) {
            return query.substring(start, end);
        }

        /** Whether this term follows {@code previous} with only white space between them. */
        boolean runsOn(Token previous, String query) {
            for (int i = previous.end; i < start; i++) if (!isSpace(query.charAt(i))) return false;
            return true;
        }
    }

    /** The index after the quote or regular expression opening at {@code open}: after its closing {@code mark}, or the end. */
    private static int skipQuoted(String q, int open, char mark) {
        for (int i = open + 1; i < q.length(); i++) {
            if (q.charAt(i) == '\\') i++;
            else if (q.charAt(i) == mark) return i + 1;
        }
        return q.length();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u3000';
    }

    /** Characters that cannot start a term of the classic grammar (besides white space); '+' and '-' may continue one. */
    private static final String NOT_TERM_START = "+-!():^[]\"{}~*?\\/";

    /**
     * The plain terms of the query as the classic grammar's tokenizer reads it: a bare {@code TERM} with no
     * field before it, no ':' or '~' after it, outside quotes, ranges, regular expressions and a field's
     * parentheses. Wildcard terms, operators and everything else are left out (and so end runs).
     */
    private static List<Token> plainTerms(String q) {
        List<Token> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Boolean> groups = new java.util.ArrayDeque<>(); // per open parenthesis: a field's group?
        boolean afterField = false; // the previous token was a field's ':'
        int fieldedGroups = 0;
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (isSpace(c)) {
                i++;
                continue;
            }
            boolean fielded = afterField;
            afterField = false;
            switch (c) {
                case '"' -> i = skipQuoted(q, i, '"');
                case '/' -> i = skipQuoted(q, i, '/');
                case '[', '{' -> {
                    i++;
                    while (i < n && q.charAt(i) != ']' && q.charAt(i) != '}') i += q.charAt(i) == '\\' ? 2 : 1;
                    i++;
                }
                case '(' -> {
                    groups.push(fielded);
                    if (fielded) fieldedGroups++;
                    i++;
                }
                case ')' -> {
                    if (!groups.isEmpty() && groups.pop()) fieldedGroups--;
                    i++;
                }
                case ':' -> {
                    afterField = true;
                    i++;
                }
                case '^' -> {
                    i++;
                    while (i < n && (Character.isDigit(q.charAt(i)) || q.charAt(i) == '.')) i++;
                }
                case '~' -> {
                    i++;
                    while (i < n && (Character.isDigit(q.charAt(i)) || q.charAt(i) == '.')) i++;
                }
                default -> {
                    if (c != '\\' && NOT_TERM_START.indexOf(c) >= 0 && c != '*' && c != '?') {
                        i++; // + - ! and anything else that is one character
                        break;
                    }
                    int start = i;
                    boolean wildcard = false;
                    while (i < n) {
                        char t = q.charAt(i);
                        if (t == '\\') {
                            i = Math.min(n, i + 2);
                            continue;
                        }
                        if (t == '*' || t == '?') wildcard = true;
                        else if (isSpace(t) || (NOT_TERM_START.indexOf(t) >= 0 && t != '+' && t != '-')) break;
                        i++;
                    }
                    String image = q.substring(start, i);
                    boolean operator = image.equals("AND") || image.equals("OR") || image.equals("NOT") || image.equals("&&") || image.equals("||");
                    int next = i;
                    while (next < n && isSpace(q.charAt(next))) next++;
                    boolean fieldName = next < n && q.charAt(next) == ':';
                    boolean fuzzy = i < n && q.charAt(i) == '~';
                    // Anything left out stands between the plain terms around it, so it ends their run.
                    if (!operator && !wildcard && !fielded && !fieldName && !fuzzy && fieldedGroups == 0) out.add(new Token(start, i));
                }
            }
        }
        return out;
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
