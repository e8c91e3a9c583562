package org.tracemap.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.CaptureStatus;

/** Polls until every capture has settled, drawing a progress bar on a terminal (a line every 5 s otherwise). */
final class ProgressWatcher {
    private static final int WIDTH = 30;

    /** What the progress display needs of a capture, wherever it is read from. */
    record CaptureView(String url, CaptureStatus status, String error) {}

    /** Reads a capture's current state, from the catalogue or from a server. */
    @FunctionalInterface
    interface Lookup {
        CaptureView find(String id) throws IOException;
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
        while (true) {
            List<CaptureView> current = new ArrayList<>(ids.size());
            Map<CaptureStatus, Integer> counts = new EnumMap<>(CaptureStatus.class);
            int settled = 0;
            for (String id : ids) {
                CaptureView c = lookup.find(id);
                current.add(c);
                counts.merge(c.status(), 1, Integer::sum);
                if (c.status().isSettled()) settled++;
            }
            long now = System.currentTimeMillis();
            if (terminal) {
                out.print("\r" + bar(settled, ids.size()) + " " + describe(counts) + "   ");
            } else if (now - lastLine > 5000 || settled == ids.size()) {
                out.println(settled + "/" + ids.size() + " done: " + describe(counts));
                lastLine = now;
            }
            out.flush();
            if (settled == ids.size()) {
                if (terminal) out.println();
                return current;
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
