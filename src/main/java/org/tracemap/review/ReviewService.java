package org.tracemap.review;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CandidateStore.Candidate;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.DataPointStore.DataPoint;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.intake.InvalidInputException;

/**
 * Review decisions on candidates: approve (with edits) into a new data point, reject with a reason, or
 * merge into an existing data point as another source. Each decision is one transaction: the candidate's
 * status (only if still at the version the reviewer saw), the data point, and the audit entry.
 */
public final class ReviewService {
    /** What a reviewer asks for; {@code version} is the candidate version they decided on. */
    public record Decision(String action, Map<String, Object> edits, String reason, String into, Integer version) {}

    /** The candidate after the decision, and the data point it created or joined (null on reject). */
    public record Outcome(Candidate candidate, DataPoint datapoint) {}

    private final Catalog catalog;
    private final CandidateStore candidates;
    private final DataPointStore datapoints;
    private final AuditLog audit;
    private final DataPointEdits edits;

    public ReviewService(Catalog catalog, CandidateStore candidates, DataPointStore datapoints, AuditLog audit, Gazetteer gazetteer) {
        this.catalog = catalog;
        this.candidates = candidates;
        this.datapoints = datapoints;
        this.audit = audit;
        this.edits = new DataPointEdits(gazetteer);
    }

    public Outcome decide(long candidateId, Decision d, String actor) {
        return catalog.write(c -> decideWithin(c, candidateId, d, actor));
    }

    /**
     * The same decision within the caller's transaction: how a point added by hand as already reviewed is created
     * and approved at once, with the same checks and the same audit entry as any approval.
     */
    public Outcome decideWithin(java.sql.Connection c, long candidateId, Decision d, String actor) throws java.sql.SQLException {
        String action = d.action() == null ? "" : d.action().strip().toLowerCase(Locale.ROOT);
        if (!List.of("approve", "reject", "merge").contains(action)) {
            throw new InvalidInputException("action", "action must be approve, reject or merge");
        }
        if (d.version() == null) throw new InvalidInputException("version", "version is required: the candidate version you reviewed");
        Candidate cand = candidates.findWithin(c, candidateId)
                .orElseThrow(() -> new ReviewException(ReviewException.Kind.NOT_FOUND, "no candidate with id " + candidateId));
        if (cand.version() != d.version() || !cand.status().equals("PENDING")) {
            throw new ReviewException(ReviewException.Kind.CONFLICT, "candidate " + candidateId + " is at version " + cand.version()
                    + " (" + cand.status() + (cand.decidedBy() == null ? "" : " by " + cand.decidedBy()) + "); you decided on version "
                    + d.version() + ": reload it and decide again");
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", cand.version());
        DataPoint point = null;
        switch (action) {
            case "reject" -> {
                if (d.reason() == null || d.reason().isBlank()) throw new InvalidInputException("reason", "a reason is required to reject");
                if (d.reason().length() > 2000) throw new InvalidInputException("reason", "reason is longer than 2000 characters");
                decideOrConflict(c, cand, d, "REJECTED", null, d.reason().strip(), actor);
                detail.put("reason", d.reason().strip());
                audit.appendWithin(c, actor, "reject", cand.id(), null, detail);
            }
            case "approve" -> {
                DataPointEdits.Result edited = edits.apply(cand, d.edits() == null ? Map.of() : d.edits(), actor);
                List<DataPointStore.Source> sources = archivedSources(cand);
                long id = datapoints.insertWithin(c, edited.point());
                datapoints.addSourcesWithin(c, id, sources);
                decideOrConflict(c, cand, d, "APPROVED", id, d.reason(), actor);
                detail.put("changes", edited.changes());
                detail.put("sources", sources.size());
                if (d.reason() != null && !d.reason().isBlank()) detail.put("reason", d.reason().strip());
                audit.appendWithin(c, actor, "approve", cand.id(), id, detail);
                point = datapoints.findWithin(c, id).orElseThrow();
            }
            default -> { // merge
                if (d.edits() != null && !d.edits().isEmpty()) {
                    throw new InvalidInputException("edits", "a merge adds sources to an existing data point; edit that data point instead");
                }
                long into = parseId(d.into());
                DataPoint target = datapoints.findWithin(c, into)
                        .orElseThrow(() -> new InvalidInputException("into", "no data point with id " + d.into()));
                List<DataPointStore.Source> sources = archivedSources(cand);
                int added = datapoints.addSourcesWithin(c, target.id(), sources);
                decideOrConflict(c, cand, d, "MERGED", target.id(), d.reason(), actor);
                detail.put("into", target.id());
                detail.put("sourcesAdded", added);
                audit.appendWithin(c, actor, "merge", cand.id(), target.id(), detail);
                point = datapoints.findWithin(c, target.id()).orElseThrow();
            }
        }
        return new Outcome(candidates.findWithin(c, candidateId).orElseThrow(), point);
    }

    private void decideOrConflict(java.sql.Connection c, Candidate cand, Decision d, String status, Long datapoint, String reason, String actor)
            throws java.sql.SQLException {
        if (!candidates.decideWithin(c, cand.id(), d.version(), status, datapoint, reason, actor)) {
            throw new ReviewException(ReviewException.Kind.CONFLICT, "candidate " + cand.id() + " was decided by someone else meanwhile");
        }
    }

    /** A data point rests on archived copies only: sources still being captured cannot back it yet. */
    private static List<DataPointStore.Source> archivedSources(Candidate cand) {
        List<DataPointStore.Source> out = new ArrayList<>();
        for (CandidateStore.Source s : cand.sources()) {
            if (s.snapshotId() == null || s.timestamp() == null) continue;
            out.add(new DataPointStore.Source(s.url(), s.title(), publisher(s.url()), s.timestamp(), s.snapshotId(), s.captureId(),
                    s.quote() == null ? cand.quote() : s.quote()));
        }
        if (out.isEmpty()) {
            throw new ReviewException(ReviewException.Kind.CONFLICT, "candidate " + cand.id()
                    + " has no archived source yet (its URL is still being captured); decide once the capture is archived");
        }
        return out;
    }

    /** The site that published the source, from its host: www.example.com gives example.com. */
    static String publisher(String url) {
        try {
            String host = URI.create(url).getHost();
            if (host == null) return null;
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseId(String id) {
        if (id == null || id.isBlank()) throw new InvalidInputException("into", "into (the data point id to merge into) is required");
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("into", "into must be a data point id, not '" + id + "'");
        }
    }
}
