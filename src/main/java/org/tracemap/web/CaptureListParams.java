package org.tracemap.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.tracemap.catalog.CaptureQuery;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Reads the query of {@code GET /api/captures} into a {@link CaptureQuery}: {@code status} (one or several,
 * comma-separated), {@code tag=k=v}, {@code host} (a host, host:port or URL), {@code since} / {@code until}
 * (an ISO instant or a yyyy-MM-dd day in UTC), {@code limit} (1..500, default 50) and {@code offset}. A value
 * that cannot be read is a 400 naming its parameter, never a filter silently dropped.
 */
final class CaptureListParams {
    private static final int MAX_LIMIT = 500;

    private final UrlNormalizer normalizer;

    CaptureListParams(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    CaptureQuery read(ApiRequest request) {
        Set<CaptureStatus> statuses = statuses(request.queryParam("status").orElse(""));
        String tag = blankToNull(request.queryParam("tag").orElse(null));
        String tagKey = null;
        String tagValue = null;
        if (tag != null) {
            int eq = tag.indexOf('=');
            if (eq <= 0) throw new ApiException(400, "tag must be key=value, e.g. tag=company=huawei", "tag");
            tagKey = tag.substring(0, eq).strip();
            tagValue = tag.substring(eq + 1).strip();
        }
        String host = blankToNull(request.queryParam("host").orElse(null));
        String hostKey = host == null ? null : hostKey(host);
        // A host given without a port matches it on every port; "127.0.0.1:8080" only that server.
        boolean anyPort = hostKey != null && !hostKey.contains(":");
        Instant since = instant(request, "since", false);
        Instant until = instant(request, "until", true);
        if (since != null && until != null && !since.isBefore(until)) throw new ApiException(400, "since must be before until", "since");
        int limit = CandidateResource.intParam(request, "limit", 50, 1, MAX_LIMIT);
        int offset = CandidateResource.intParam(request, "offset", 0, 0, Integer.MAX_VALUE);
        return new CaptureQuery(statuses, tagKey, tagValue, hostKey, anyPort, since, until, limit, offset);
    }

    private static Set<CaptureStatus> statuses(String raw) {
        Set<CaptureStatus> out = EnumSet.noneOf(CaptureStatus.class);
        for (String part : raw.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty()) continue;
            try {
                out.add(CaptureStatus.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw new ApiException(400, "unknown status '" + abbreviate(part.strip()) + "': use one or more of "
                        + java.util.Arrays.toString(CaptureStatus.values()).replaceAll("[\\[\\]]", ""), "status");
            }
        }
        return out;
    }

    private String hostKey(String host) {
        String url = host.contains("://") ? host : "http://" + host + "/";
        try {
            NormalizedUrl normalized = normalizer.normalize(url);
            return NormalizedUrl.hostKeyOf(normalized.surt());
        } catch (RuntimeException invalid) {
            throw new ApiException(400, "host must be a host name, host:port or URL, not '" + abbreviate(host) + "'", "host");
        }
    }

    /** An ISO instant, or a day: as {@code since} its first moment, as {@code until} the first moment of the next day (so the day is included). */
    private static Instant instant(ApiRequest request, String name, boolean endOfDay) {
        String raw = blankToNull(request.queryParam(name).orElse(null));
        if (raw == null) return null;
        try {
            if (raw.length() == 10) {
                LocalDate day = LocalDate.parse(raw);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, name + " must be an ISO instant (2026-12-07T10:00:00Z) or a day (2026-12-07), not '"
                    + abbreviate(raw) + "'", name);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
