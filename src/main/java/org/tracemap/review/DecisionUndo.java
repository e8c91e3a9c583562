package org.tracemap.review;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CandidateStore.Candidate;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.DataPointStore.DataPoint;

/**
 * Takes back a candidate's decision: the candidate returns to the queue, the data point its approval created is
 * removed, or the sources its merge added are taken off the target again; an {@code undo} entry is appended to the
 * audit log (which is never rewritten, so the decision and its undoing both stay on record). Only the reviewer who
 * decided (or an admin) may undo, and only while nothing has happened since: the candidate is still at the version
 * the decision left, and the data point is still at the version it had right after the decision (no edit, no other
 * merge into it). Anything else is a conflict, and the reviewer decides again instead.
 */
final class DecisionUndo {
    /** Audit detail keys the decisions record so that they can be undone. */
    static final String DATAPOINT_VERSION = "datapointVersion";
    static final String SOURCE_IDS = "sourceIds";

    private final CandidateStore candidates;
    private final DataPointStore datapoints;
    private final AuditLog audit;

    DecisionUndo(CandidateStore candidates, DataPointStore datapoints, AuditLog audit) {
        this.candidates = candidates;
        this.datapoints = datapoints;
        this.audit = audit;
    }

    /** Within the caller's transaction; returns the data point the undo changed (a merge's target), else null. */
    DataPoint undo(Connection c, Candidate cand, int version, String actor, boolean admin) throws SQLException {
        if (cand.status().equals("PENDING")) throw conflict(cand, "is pending: there is no decision to undo");
        if (cand.version() != version) {
            throw conflict(cand, "is at version " + cand.version() + ", not " + version + ": it changed since; reload it");
        }
        if (!admin && !actor.equals(cand.decidedBy())) {
            throw new ReviewException(ReviewException.Kind.FORBIDDEN, "only " + cand.decidedBy() + ", who decided candidate " + cand.id()
                    + ", or an admin may undo that decision");
        }
        AuditLog.Entry decision = audit.latestWithin(c, cand.id())
                .filter(e -> List.of("approve", "reject", "merge").contains(e.action()))
                .orElseThrow(() -> conflict(cand, "has no decision on record to undo"));
        candidates.openGroupId(c, cand.company(), cand.category(), cand.country(), cand.city()).ifPresent(other -> {
            throw conflict(cand, "cannot return to the queue: candidate " + other + " was opened for the same company, category"
                    + " and place since; decide that one");
        });

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", cand.version());
        detail.put("undoes", decision.action());
        detail.put("decisionEntry", decision.id());
        DataPoint changed = null;
        switch (decision.action()) {
            case "approve" -> {
                DataPoint point = unchangedPoint(c, cand, decision);
                detail.put("removedDatapoint", point.id());
                detail.put("removedSources", point.sources().size());
                datapoints.removeWithin(c, point.id());
            }
            case "merge" -> {
                DataPoint target = unchangedPoint(c, cand, decision);
                List<Long> added = sourceIds(cand, decision);
                datapoints.removeSourcesWithin(c, target.id(), added);
                detail.put("from", target.id());
                detail.put("sourcesRemoved", added.size());
                changed = datapoints.findWithin(c, target.id()).orElseThrow();
            }
            default -> detail.put("reason", cand.reason());
        }
        if (!candidates.reopenWithin(c, cand.id(), version, cand.status())) {
            throw conflict(cand, "was changed by someone else meanwhile");
        }
        audit.appendWithin(c, actor, "undo", cand.id(), decision.datapointId(), detail);
        return changed;
    }

    /** The decision's data point, if it is still exactly as the decision left it. */
    private DataPoint unchangedPoint(Connection c, Candidate cand, AuditLog.Entry decision) throws SQLException {
        Long id = decision.datapointId();
        DataPoint point = id == null ? null : datapoints.findWithin(c, id).orElse(null);
        if (point == null) throw conflict(cand, "cannot be undone: its data point " + id + " no longer exists");
        Object recorded = decision.detail().get(DATAPOINT_VERSION);
        if (!(recorded instanceof Number n)) {
            throw conflict(cand, "was decided before decisions recorded what undoing them needs; change data point " + id + " instead");
        }
        if (n.intValue() != point.version()) {
            throw conflict(cand, "cannot be undone: data point " + id + " changed since (version " + n.intValue() + " then, "
                    + point.version() + " now: edited or merged into)");
        }
        return point;
    }

    private List<Long> sourceIds(Candidate cand, AuditLog.Entry decision) {
        if (!(decision.detail().get(SOURCE_IDS) instanceof List<?> raw)) {
            throw conflict(cand, "was merged before merges recorded which sources they added; remove them from the data point instead");
        }
        List<Long> ids = new ArrayList<>();
        for (Object o : raw) ids.add(((Number) o).longValue());
        return ids;
    }

    private static ReviewException conflict(Candidate cand, String why) {
        return new ReviewException(ReviewException.Kind.CONFLICT, "candidate " + cand.id() + " " + why);
    }
}
