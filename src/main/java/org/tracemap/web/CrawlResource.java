package org.tracemap.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.crawl.CrawlDefinition;
import org.tracemap.crawl.CrawlRunner;
import org.tracemap.crawl.Crawls;

/**
 * {@code POST/GET /api/crawls}, {@code POST/GET /api/crawls/{name}/runs} and {@code GET /api/crawls/{name}/runs/{id}}.
 * Defining and starting crawls needs the operator role; reading them any token.
 */
public final class CrawlResource {
    private static final int MAX_BODY = 256 * 1024;

    private final Crawls crawls;
    private final CrawlStore store;
    private final CrawlRunner runner;
    private final Authenticator auth;
    private final ObjectMapper json;

    public CrawlResource(Crawls crawls, CrawlStore store, CrawlRunner runner, Authenticator auth, ObjectMapper json) {
        this.crawls = crawls;
        this.store = store;
        this.runner = runner;
        this.auth = auth;
        this.json = json;
    }

    public ApiResponse define(ApiRequest request) {
        auth.require(request, Role.Permission.CRAWL);
        JsonNode body = JsonBody.object(request, json, MAX_BODY);
        CrawlDefinition d;
        try {
            d = json.treeToValue(body, CrawlDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(400, "unknown field '" + e.getPropertyName() + "'", e.getPropertyName());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = JsonBody.fieldOf(e);
            throw new ApiException(400, "not a crawl definition: " + (field == null ? "" : field + ": ") + e.getOriginalMessage().lines().findFirst().orElse(""),
                    field);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "not a crawl definition: " + e.getOriginalMessage(), null);
        }
        if (store.definition(d.name() == null ? "" : d.name()).map(c -> c.source().equals("FILE")).orElse(false)) {
            throw new ApiException(409, "crawl " + d.name() + " is defined in config/crawls/; edit the file instead", "name");
        }
        return ApiResponse.json(201, crawls.define(d, "API"));
    }

    public ApiResponse list(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        List<Map<String, Object>> items = crawls.all().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("definition", d);
            m.put("lastRun", store.runsOf(d.name()).stream().findFirst().map(this::run).orElse(null));
            return m;
        }).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", items.size()));
    }

    public ApiResponse startRun(ApiRequest request) {
        auth.require(request, Role.Permission.CRAWL);
        String name = request.pathParam("name");
        if (crawls.get(name).isEmpty()) throw new ApiException(404, "no crawl named " + name, "name");
        long id = runner.startInBackground(name);
        CrawlStore.Run run = store.run(id).orElseThrow();
        return ApiResponse.json(202, Map.of("id", String.valueOf(id), "status", run.status().equals("STARTING") ? "RUNNING" : run.status()));
    }

    /** {@code GET /api/crawls/{name}/runs?limit=}: the crawl's runs, newest first, each as {@link #getRun} shows it. */
    public ApiResponse listRuns(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String name = request.pathParam("name");
        if (crawls.get(name).isEmpty()) throw new ApiException(404, "no crawl named " + name, "name");
        int limit = CandidateResource.intParam(request, "limit", 20, 1, 500);
        List<CrawlStore.Run> all = store.runsOf(name);
        List<Map<String, Object>> items = all.stream().limit(limit).map(this::run).toList();
        return ApiResponse.json(200, Map.of("items", items, "total", all.size()));
    }

    public ApiResponse getRun(ApiRequest request) {
        auth.require(request, Role.Permission.READ);
        String name = request.pathParam("name");
        String raw = request.pathParam("id");
        long id;
        try {
            id = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ApiException(404, "no run " + raw + " of crawl " + name, "id");
        }
        CrawlStore.Run run = store.run(id).filter(r -> r.crawl().equals(name))
                .orElseThrow(() -> new ApiException(404, "no run " + raw + " of crawl " + name, "id"));
        return ApiResponse.json(200, run(run));
    }

    private Map<String, Object> run(CrawlStore.Run r) {
        CrawlStore.Counts c = store.counts(r.id());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("discovered", c.discovered());
        counts.put("captured", c.captured());
        counts.put("new", c.newPages());
        counts.put("changed", c.changed());
        counts.put("unchanged", c.unchanged());
        counts.put("gone", c.gone());
        counts.put("failed", c.failed());
        counts.put("blockedByRobots", c.blockedByRobots());
        counts.put("pending", c.pending());
        counts.put("answeredError", c.answeredError()); // of the captured: the origin answered 4xx/5xx (archived error pages)
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(r.id()));
        m.put("crawl", r.crawl());
        m.put("status", r.status().equals("STARTING") ? "RUNNING" : r.status()); // the contract knows RUNNING, FINISHED, FAILED
        m.put("startedAt", r.startedAt());
        m.put("endedAt", r.endedAt());
        m.put("counts", counts);
        m.put("errors", store.errors(r.id()));
        m.put("error", r.error());
        m.put("robotsOverride", r.robotsNote());
        return m;
    }
}
