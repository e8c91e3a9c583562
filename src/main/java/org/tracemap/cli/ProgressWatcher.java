package org.tracemap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.CaptureStatus;

/** Polls until every capture has settled, drawing a progress bar on a terminal (a line every 5 s otherwise). */
final class ProgressWatcher {
    private static final int WIDTH = 30;

    /**
     * What the progress display needs of a capture, wherever it is read from.
     *
     * @param httpStatus what the origin answered (the archived answer), or null when nothing is archived
     */
    record CaptureView(String url, CaptureStatus status, String error, Integer httpStatus) {}

    /** Reads the current state of some captures, from the catalogue or from a server. */
    @FunctionalInterface
    interface Lookup {
        Map<String, CaptureView> findAll(Collection<String> ids) throws IOException;
    }

    private final Lookup lookup;
    private final List<String> ids;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;

    ProgressWatcher(Lookup lookup, List<String> ids, PrintStream out) {
        this.lookup = lookup;
        this.ids = ids;
        this.out = out;
    }

    List<CaptureView> waitForAll() throws IOException, InterruptedException {
        long lastLine = 0;
        // Settled captures never change again, so each round re-reads only those still pending.
        Map<String, CaptureView> latest = new HashMap<>();
        Set<String> pending = new LinkedHashSet<>(ids);
        while (true) {
            Map<String, CaptureView> fresh = lookup.findAll(pending);
            for (String id : pending) {
                CaptureView c = fresh.get(id);
                if (c == null) throw new IOException("capture " + id + " is no longer known");
                latest.put(id, c);
            }
            pending.removeIf(id -> latest.get(id).status().isSettled());
            Map<CaptureStatus, Integer> counts = new EnumMap<>(CaptureStatus.class);
            for (CaptureView c : latest.values()) counts.merge(c.status(), 1, Integer::sum);
            int settled = ids.size() - pending.size();
            long now = System.currentTimeMillis();
            if (terminal) {
                out.print("\r" + bar(settled, ids.size()) + " " + describe(counts) + "   ");
            } else if (now - lastLine > 5000 || settled == ids.size()) {
                out.println(settled + "/" + ids.size() + " done: " + describe(counts));
                lastLine = now;
            }
            out.flush();
            if (pending.isEmpty()) {
                if (terminal) out.println();
                List<CaptureView> result = new ArrayList<>(ids.size());
                for (String id : ids) result.add(latest.get(id));
                return result;
            }
            Thread.sleep(200);
        }
    }

    static String bar(int done, int total) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total;
    }

    private static String describe(Map<CaptureStatus, Integer> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((status, n) -> s.append(s.length() == 0 ? "" : ", ").append(status.name().toLowerCase()).append(' ').append(n));
        return s.toString();
    }
}
