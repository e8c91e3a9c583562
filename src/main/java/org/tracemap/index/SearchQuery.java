package org.tracemap.index;

import java.time.LocalDate;

/**
 * A search: free text plus optional filters (null when not given).
 *
 * @param from earliest publication (or capture) date, inclusive
 * @param to   latest publication (or capture) date, inclusive
 */
public record SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit,
                          String company, String category, String country) {
    public SearchQuery {
        if (limit <= 0 || limit > 1000) limit = 20;
    }

    /** Without the gazetteer filters (company, category, country). */
    public SearchQuery(String text, String lang, String host, String type, LocalDate from, LocalDate to, int limit) {
        this(text, lang, host, type, from, to, limit, null, null, null);
    }
}
