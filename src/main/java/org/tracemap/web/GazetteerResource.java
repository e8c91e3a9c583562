package org.tracemap.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.gazetteer.Gazetteer;

/**
 * {@code GET /api/gazetteer/countries}: the countries a data point may name ({@code {"items": [{"code", "name",
 * "nameZh"}], "total"}}), so edit forms offer a choice instead of a free-typed code that fails on approval.
 */
public final class GazetteerResource {
    private final Gazetteer gazetteer;
    private final Authenticator auth;

    public GazetteerResource(Gazetteer gazetteer, Authenticator auth) {
        this.gazetteer = gazetteer;
        this.auth = auth;
    }

    public ApiResponse countries(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        List<Map<String, Object>> items = gazetteer.countries().stream().sorted(java.util.Comparator.comparing(Gazetteer.Country::name)).map(c -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("code", c.iso2());
            v.put("name", c.name());
            v.put("nameZh", c.nameZh().isEmpty() ? null : c.nameZh());
            return v;
        }).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }
}
