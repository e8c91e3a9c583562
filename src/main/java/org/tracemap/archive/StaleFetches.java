package org.tracemap.archive;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;

/**
 * Finds captures left FETCHING while the process runs: no fetch holds them any more and nothing has moved
 * them for {@code staleAfter} — a catalogue write that failed (a full disk) after the fetch, or a hand-over
 * that was lost. Those whose records are in the archive are settled from them (and returned, to be extracted);
 * the rest go back to the queue. Without this they would wait for the next start.
 */
public final class StaleFetches {
    private static final Logger log = LoggerFactory.getLogger(StaleFetches.class);

    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final ArchivedInFlight archived;
    private final Predicate<String> held;
    private final Duration staleAfter;
    private final Clock clock;

    /** @param held true for a capture a fetch still holds (it is not stale, however long the fetch takes) */
    public StaleFetches(CaptureStore captures, SnapshotStore snapshots, ArchivedInFlight archived, Predicate<String> held,
                        Duration staleAfter, Clock clock) {
        this.captures = captures;
        this.snapshots = snapshots;
        this.archived = archived;
        this.held = held;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    /** Settles or requeues the stale FETCHING captures; returns the snapshots of those now ARCHIVED. */
    public List<Snapshot> sweep() throws IOException {
        Instant before = clock.instant().minus(staleAfter);
        List<Capture> stale = captures.withStatus(CaptureStatus.FETCHING, 10_000).stream()
                .filter(c -> c.updatedAt().isBefore(before) && !held.test(c.id())).toList();
        if (stale.isEmpty()) return List.of();
        Set<String> ids = new HashSet<>();
        Instant since = stale.get(0).updatedAt();
        for (Capture c : stale) {
            ids.add(c.id());
            if (c.updatedAt().isBefore(since)) since = c.updatedAt();
        }
        archived.settle(ids, since); // removes what it settled from ids
        List<Snapshot> toExtract = new ArrayList<>();
        for (Capture c : stale) {
            if (ids.contains(c.id())) {
                captures.retryLater(c.id(), clock.instant(), "fetch: left unfinished (nothing moved it for " + staleAfter.toMinutes()
                        + " min); queued again", 0, true);
                log.warn("capture {} was left FETCHING for over {}; queued again", c.id(), staleAfter);
                continue;
            }
            captures.find(c.id()).filter(x -> x.status() == CaptureStatus.ARCHIVED && x.snapshotId() != null)
                    .flatMap(x -> snapshots.find(x.snapshotId())).ifPresent(toExtract::add);
        }
        return toExtract;
    }
}
