package org.tracemap.review;

import java.util.Locale;
import java.util.function.Predicate;
import org.tracemap.catalog.DataPointStore.DataPoint;

/**
 * Which approved data points an export or the map wants: each field null for "any". The year range is read
 * against {@code yearStarted} (when the presence began), inclusive at both ends; a point whose start year is
 * not known is left out once either end is set, since nothing says it falls inside.
 */
public record DataPointFilter(String company, String category, String country, Integer yearFrom, Integer yearTo) implements Predicate<DataPoint> {
    public static final DataPointFilter ALL = new DataPointFilter(null, null, null, null, null);

    public DataPointFilter {
        country = country == null ? null : country.toUpperCase(Locale.ROOT);
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new IllegalArgumentException("yearFrom (" + yearFrom + ") is after yearTo (" + yearTo + ")");
        }
    }

    @Override
    public boolean test(DataPoint p) {
        if (company != null && !company.equals(p.company())) return false;
        if (category != null && !category.equals(p.category())) return false;
        if (country != null && (p.country() == null || !country.equals(p.country().toUpperCase(Locale.ROOT)))) return false;
        if (yearFrom == null && yearTo == null) return true;
        Integer year = p.yearStarted();
        if (year == null) return false;
        return (yearFrom == null || year >= yearFrom) && (yearTo == null || year <= yearTo);
    }
}
