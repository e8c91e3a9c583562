package org.tracemap.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.gazetteer.Gazetteer;

/**
 * {@code GET /api/vocabulary}: the companies and categories of {@code config/gazetteer/}, the ids every form must
 * send. Public (the submission form needs it); the UI reads it instead of keeping its own copy, so an operator who
 * adds a category in the gazetteer sees it in every form after a restart.
 */
public final class VocabularyResource {
    private final Map<String, Object> body;

    public VocabularyResource(Gazetteer gazetteer) {
        List<Map<String, Object>> companies = gazetteer.companies().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("nameZh", c.nameZh().isEmpty() ? null : c.nameZh());
            return m;
        }).toList();
        List<Map<String, Object>> categories = gazetteer.categories().stream()
                .map(c -> Map.<String, Object>of("id", c.id(), "label", c.label())).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("companies", companies);
        out.put("categories", categories);
        this.body = java.util.Collections.unmodifiableMap(out);
    }

    public ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, body);
    }
}
