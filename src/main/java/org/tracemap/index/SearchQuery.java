package org.tracemap.index;

import java.time.LocalDate;

/**
 * A search: free text plus optional filters (null when not given).
 *
 * @param from earliest publication (or capture) date, inclusive
 * @param to   latest publication (or capture) date, inclusive
 * @param offset hits to skip, for paging (at most {@link #MAX_OFFSET}: deeper pages cost a sort of every hit before them)
 * @param year the {@code year} facet's value: the year of publication, or of capture when the page gave no date
 *             (the same day {@code from} and {@code to} compare; both filters may be given)
 */
public record SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit,
                          String company, String category, String country, int offset, Integer year) {
    public static final int MAX_OFFSET = 10_000;
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    public SearchQuery {
        if (limit <= 0 || limit > 1000) limit = 20;
        if (offset < 0 || offset > MAX_OFFSET) throw new IllegalArgumentException("offset must be 0 to " + MAX_OFFSET);
        if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) throw new IllegalArgumentException("year must be " + MIN_YEAR + " to " + MAX_YEAR);
    }

    /** Any year. */
    public SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit,
                       String company, String category, String country, int offset) {
        this(text, lang, host, type, from, to, limit, company, category, country, offset, null);
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
