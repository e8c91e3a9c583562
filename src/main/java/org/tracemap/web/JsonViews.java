package org.tracemap.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.Snapshot;

/** The JSON shapes of the HTTP contract (DESIGN.md), built in one place. */
public final class JsonViews {
    private final String publicBase;

    /** @param publicBase what replay URLs start with, e.g. {@code http://127.0.0.1:8080} */
    public JsonViews(String publicBase) {
        this.publicBase = publicBase.endsWith("/") ? publicBase.substring(0, publicBase.length() - 1) : publicBase;
    }

    public Map<String, Object> capture(Capture c, Snapshot snapshot, ExtractionStore.Extraction extraction) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("url", c.url());
        out.put("status", c.status().name());
        out.put("error", c.error());
        out.put("attempts", c.attempts());
        out.put("tries", c.tries());
        if (c.retryAt() != null) out.put("retryAt", c.retryAt().toString()); // a QUEUED capture waiting to be retried
        out.put("tags", c.tags());
        out.put("note", c.note());
        out.put("createdAt", c.createdAt().toString());
        out.put("updatedAt", c.updatedAt().toString());
        out.put("snapshot", snapshot == null ? null : snapshot(snapshot));
        out.put("extraction", extraction == null ? null : extraction(extraction));
        return out;
    }

    /** A summary of what the extract stage found; the text itself is served by search, not here. */
    public Map<String, Object> extraction(ExtractionStore.Extraction e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", e.title());
        out.put("published", e.published() == null ? null : e.published().toString());
        out.put("lang", e.lang());
        out.put("textChars", e.text() == null ? 0 : e.text().length());
        out.put("outlinks", e.outlinks().size());
        out.put("truncated", e.truncated());
        out.put("error", e.error());
        return out;
    }

    public Map<String, Object> snapshot(Snapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("url", s.url());
        out.put("timestamp", s.timestamp());
        out.put("httpStatus", s.httpStatus());
        // In words, because an archived 404 is a successful capture of an error page, and must not pass for the page.
        out.put("httpReason", org.tracemap.catalog.OriginAnswer.reason(s.httpStatus()));
        out.put("originAnswer", org.tracemap.catalog.OriginAnswer.sentence(s.httpStatus()));
        out.put("originError", org.tracemap.catalog.OriginAnswer.isError(s.httpStatus()));
        out.put("contentType", s.contentType());
        out.put("payloadDigest", s.payloadDigest());
        out.put("change", s.change().name());
        out.put("recordType", s.recordType());
        out.put("truncated", s.truncated());
        out.put("warcFile", s.warcFile());
        out.put("replayUrl", replayUrl(s.timestamp(), s.url()));
        return out;
    }

    public String replayUrl(String timestamp, String url) {
        return publicBase + "/replay/" + timestamp + "/" + url;
    }


    /** A candidate as the review queue shows it: its best source as {@code source}, all of them in {@code sources}. */
    public Map<String, Object> candidate(org.tracemap.catalog.CandidateStore.Candidate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(c.id()));
        m.put("status", c.status());
        m.put("version", c.version());
        m.put("origin", c.origin());
        m.put("company", c.company());
        m.put("category", c.category());
        m.put("country", c.country());
        m.put("city", c.city() == null || c.city().isEmpty() ? null : c.city());
        m.put("year", c.year());
        m.put("quote", c.quote());
        m.put("score", c.score());
        m.put("rank", c.rank()); // the learned ranker's probability; null when there was no model
        m.put("features", new java.util.TreeMap<>(c.features())); // what score and rank were made of (e.g. cue.hedge)
        m.put("lat", c.lat());
        m.put("lon", c.lon());
        m.put("precision", c.precision());
        m.put("note", c.note());
        m.put("label", c.label()); // given when the candidate was added by hand; null otherwise
        List<Map<String, Object>> sources = new ArrayList<>();
        for (var s : c.sources()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("url", s.url());
            v.put("timestamp", s.timestamp());
            v.put("replayUrl", s.timestamp() == null ? null : replayUrl(s.timestamp(), s.url()));
            v.put("title", s.title());
            v.put("quote", s.quote());
            v.put("quoteStart", s.quoteStart());
            v.put("quoteEnd", s.quoteEnd());
            v.put("captureId", s.captureId());
            sources.add(v);
        }
        m.put("source", sources.isEmpty() ? null : sources.get(0));
        m.put("sources", sources);
        m.put("datapointId", c.datapointId() == null ? null : String.valueOf(c.datapointId()));
        m.put("reason", c.reason());
        m.put("decidedBy", c.decidedBy());
        m.put("decidedAt", c.decidedAt());
        return m;
    }
}
