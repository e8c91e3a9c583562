package org.tracemap.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;

/** Polls the catalogue until every capture has settled, drawing a progress bar on a terminal. */
final class ProgressWatcher {
    private static final int WIDTH = 30;

    private final CaptureStore captures;
    private final List<String> ids;
    private final PrintStream out;
    private final boolean terminal = System.console() != null;

    ProgressWatcher(CaptureStore captures, List<String> ids, PrintStream out) {
        this.captures = captures;
        this.ids = ids;
        this.out = out;
    }

    List<Capture> waitForAll() throws InterruptedException {
        long lastLine = 0;
        while (true) {
            List<Capture> current = new ArrayList<>(ids.size());
            Map<CaptureStatus, Integer> counts = new EnumMap<>(CaptureStatus.class);
            int settled = 0;
            for (String id : ids) {
                Capture c = captures.find(id).orElseThrow(() -> new IllegalStateException("capture " + id + " vanished from the catalogue"));
                current.add(c);
                counts.merge(c.status(), 1, Integer::sum);
                if (c.status().isSettled()) settled++;
            }
            long now = System.currentTimeMillis();
            if (terminal) {
                out.print("\r" + bar(settled, ids.size()) + " " + describe(counts) + "   ");
            } else if (now - lastLine > 5000 || settled == ids.size()) {
                out.println(settled + "/" + ids.size() + " done " + describe(counts));
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
