package org.tracemap.index;

import java.time.LocalDate;

/**
 * A search: free text plus optional filters (null when not given).
 *
 * @param from earliest publication (or capture) date, inclusive
 * @param to   latest publication (or capture) date, inclusive
 * @param offset hits to skip, for paging (at most {@link #MAX_OFFSET}: deeper pages cost a sort of every hit before them)
 */
public record SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit,
                          String company, String category, String country, int offset) {
    public static final int MAX_OFFSET = 10_000;

    public SearchQuery {
        if (limit <= 0 || limit > 1000) limit = 20;
        if (offset < 0 || offset > MAX_OFFSET) throw new IllegalArgumentException("offset must be 0 to " + MAX_OFFSET);
    }

    /** The first page. */
    public SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit,
                       String company, String category, String country) {
        this(text, lang, host, type, from, to, limit, company, category, country, 0);
    }

    /** Without the gazetteer filters (company, category, country). */
    public SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit) {
        this(text, lang, host, type, from, to, limit, null, null, null);
    }
}
