package org.tracemap.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.index.LuceneIndex;
import org.tracemap.index.SearchHit;
import org.tracemap.index.SearchQuery;
import org.tracemap.index.SearchResult;

/**
 * {@code GET /api/search?q=&lang=&host=&type=&from=&to=&year=&company=&category=&country=&limit=&offset=} ({@code limit}
 * 1 to 1000, default 20; {@code offset} 0 to 10,000). {@code year} is a value of the {@code year} facet: the year of
 * publication, or of capture when the page gave no date. Each hit carries its highlights twice: {@code snippets}
 * (escaped HTML with {@code <mark>}) and {@code passages} (lists of {@code {"text", "hit"}} parts, plain text).
 */
public final class SearchResource {
    private final LuceneIndex index;
    private final Authenticator auth;
    private final JsonViews views;

    public SearchResource(LuceneIndex index, Authenticator auth, JsonViews views) {
        this.index = index;
        this.auth = auth;
        this.views = views;
    }

    public ApiResponse search(ApiRequest request) {
        auth.require(request, Role.Permission.SEARCH);
        SearchQuery query = new SearchQuery(request.queryParam("q").orElse(""), blankToNull(request.queryParam("lang").orElse(null)),
                blankToNull(request.queryParam("host").orElse(null)), blankToNull(request.queryParam("type").orElse(null)),
                date(request, "from"), date(request, "to"), limit(request), blankToNull(request.queryParam("company").orElse(null)),
                blankToNull(request.queryParam("category").orElse(null)), blankToNull(request.queryParam("country").orElse(null)),
                CandidateResource.intParam(request, "offset", 0, 0, SearchQuery.MAX_OFFSET), year(request));
        SearchResult result;
        try {
            result = index.search(query);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), "q");
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        }
        List<Map<String, Object>> hits = result.hits().stream().map(this::hit).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", result.total());
        out.put("hits", hits);
        out.put("facets", result.facets());
        return ApiResponse.json(200, out);
    }

    private Map<String, Object> hit(SearchHit h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", h.url());
        out.put("title", h.title());
        out.put("timestamp", h.timestamp());
        out.put("replayUrl", views.replayUrl(h.timestamp(), h.url()));
        out.put("lang", h.lang());
        out.put("snippets", h.snippets());
        out.put("passages", h.passages());
        out.put("captureId", h.captureId());
        out.put("score", h.score());
        return out;
    }

    private static LocalDate date(ApiRequest request, String name) {
        String value = blankToNull(request.queryParam(name).orElse(null));
        if (value == null) return null;
        try {
            return value.length() == 4 ? LocalDate.of(Integer.parseInt(value), name.equals("from") ? 1 : 12, name.equals("from") ? 1 : 31) : LocalDate.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ApiException(400, name + " must be a date (yyyy-MM-dd) or a year", name);
        }
    }

    private static Integer year(ApiRequest request) {
        if (blankToNull(request.queryParam("year").orElse(null)) == null) return null;
        return CandidateResource.intParam(request, "year", 0, SearchQuery.MIN_YEAR, SearchQuery.MAX_YEAR);
    }

    private static int limit(ApiRequest request) {
        return CandidateResource.intParam(request, "limit", 20, 1, 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
