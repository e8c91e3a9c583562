package org.tracemap.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Nullable numbers in and out of JDBC, which otherwise turns a NULL into 0; instants as sortable text. */
final class SqlValues {
    /**
     * ISO-8601 in UTC with always nine fraction digits. {@link java.time.Instant#toString} drops trailing zeros,
     * so its strings do not sort as their instants do ("10:00:00Z" sorts after "10:00:00.001Z"); columns that are
     * compared or ordered in SQL must hold this form. {@link java.time.Instant#parse} reads it back.
     */
    private static final java.time.format.DateTimeFormatter SORTABLE =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private SqlValues() {}

    /** The instant as text that sorts in time order. */
    static String instant(java.time.Instant at) {
        return SORTABLE.format(at);
    }

    static Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static Double doubleOrNull(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }

    static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) ps.setNull(i, Types.REAL); else ps.setDouble(i, v);
    }
}
