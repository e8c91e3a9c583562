package org.tracemap.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Data points a candidate could be merged into, so that a reviewer picks one instead of looking up an id on the map
 * or in an export. A likely match is the same company and at least one of category or country; the more of
 * category, country and city agree, the higher it ranks, then the better sourced.
 */
public final class MergeTargets {
    /**
     * One possible target: the point's identifying fields, how many sources it has, and which of category, country
     * and city agree with the candidate (company always does).
     */
    public record Match(long id, String company, String category, String country, String city, Integer yearStarted, String label,
                        int sources, List<String> same) {}

    private final Catalog catalog;

    public MergeTargets(Catalog catalog) {
        this.catalog = catalog;
    }

    /** At most {@code limit} likely targets for a candidate's company, category, country and city, best first. */
    public List<Match> forKey(String company, String category, String country, String city, int limit) {
        if (company == null) return List.of();
        String place = city == null ? "" : city;
        return catalog.read(c -> {
            // Weights: category 4, country 2, city (only counts with the country) 1: a same-category point elsewhere
            // outranks another category in the same country, which is the likelier duplicate of a mined claim.
            String agreement = "(CASE WHEN category = ? THEN 4 ELSE 0 END + CASE WHEN country = ? THEN 2 ELSE 0 END"
                    + " + CASE WHEN country = ? AND city = ? AND city <> '' THEN 1 ELSE 0 END)";
            try (PreparedStatement ps = c.prepareStatement("SELECT id, company, category, country, city, year_started, label,"
                    + " (SELECT COUNT(*) FROM datapoint_source s WHERE s.datapoint_id = datapoint.id) AS sources, " + agreement + " AS agree"
                    + " FROM datapoint WHERE company = ? AND (category = ? OR country = ?) ORDER BY agree DESC, sources DESC, id LIMIT ?")) {
                int i = 1;
                ps.setString(i++, category);
                ps.setString(i++, country);
                ps.setString(i++, country);
                ps.setString(i++, place);
                ps.setString(i++, company);
                ps.setString(i++, category);
                ps.setString(i++, country);
                ps.setInt(i, limit);
                List<Match> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int agree = rs.getInt("agree");
                        List<String> same = new ArrayList<>();
                        if ((agree & 4) != 0) same.add("category");
                        if ((agree & 2) != 0) same.add("country");
                        if ((agree & 1) != 0) same.add("city");
                        out.add(new Match(rs.getLong("id"), rs.getString("company"), rs.getString("category"), rs.getString("country"),
                                rs.getString("city"), SqlValues.intOrNull(rs, "year_started"), rs.getString("label"), rs.getInt("sources"), same));
                    }
                }
                return out;
            }
        });
    }
}
