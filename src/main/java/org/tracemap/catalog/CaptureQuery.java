package org.tracemap.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which captures a list asks for ({@link CaptureStore#list}): every filter optional, newest first, one page.
 *
 * @param statuses any of these statuses; empty for all
 * @param tagKey   a tag the capture carries, with {@code tagValue}; null for any
 * @param hostKey  the server ({@link org.tracemap.intake.NormalizedUrl#hostKey}), null for any
 * @param anyPort  true when {@code hostKey} names no port: the host on any port matches
 * @param since    created at or after this instant; null for no bound
 * @param until    created before this instant; null for no bound
 */
public record CaptureQuery(Set<CaptureStatus> statuses, String tagKey, String tagValue, String hostKey, boolean anyPort,
                           Instant since, Instant until, int limit, int offset) {
    public CaptureQuery {
        statuses = Set.copyOf(statuses);
        if ((tagKey == null) != (tagValue == null)) throw new IllegalArgumentException("a tag filter needs both key and value");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative");
    }

    /** Every capture, newest first. */
    public static CaptureQuery all(int limit, int offset) {
        return new CaptureQuery(Set.of(), null, null, null, false, null, null, limit, offset);
    }

    /** The SQL condition (after WHERE) these filters make, its values appended to {@code params} in order. */
    String where(List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (!statuses.isEmpty()) {
            terms.add("status IN (" + String.join(",", java.util.Collections.nCopies(statuses.size(), "?")) + ")");
            statuses.stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (tagKey != null) {
            // Tags are a JSON object; json_each (SQLite's JSON1) compares key and value as data, never as a path.
            terms.add("EXISTS (SELECT 1 FROM json_each(capture.tags) t WHERE t.key = ? AND t.value = ?)");
            params.add(tagKey);
            params.add(tagValue);
        }
        if (hostKey != null) {
            // The SURT starts with the host key, then ')' (or ':' and a port): exact prefixes, so that
            // example.com never matches example.com.evil.
            String withPort = anyPort ? " OR substr(surt, 1, ?) = ?" : "";
            terms.add("(substr(surt, 1, ?) = ?" + withPort + ")");
            params.add(hostKey.length() + 1);
            params.add(hostKey + ")");
            if (anyPort) {
                params.add(hostKey.length() + 1);
                params.add(hostKey + ":");
            }
        }
        if (since != null) {
            terms.add("created_at >= ?");
            params.add(SqlValues.instant(since));
        }
        if (until != null) {
            terms.add("created_at < ?");
            params.add(SqlValues.instant(until));
        }
        return terms.isEmpty() ? "1 = 1" : String.join(" AND ", terms);
    }
}
