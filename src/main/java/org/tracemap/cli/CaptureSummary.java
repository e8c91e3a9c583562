package org.tracemap.cli;

import java.io.PrintStream;
import java.util.List;
import org.tracemap.catalog.CaptureStatus;

/** The table printed after {@code capture --wait}: one line per capture (failures only, past 50), then totals. */
final class CaptureSummary {
    private final PrintStream out;

    CaptureSummary(PrintStream out) {
        this.out = out;
    }

    void print(List<ProgressWatcher.CaptureView> captures) {
        long failed = captures.stream().filter(c -> c.status() == CaptureStatus.FAILED).count();
        for (ProgressWatcher.CaptureView c : captures) {
            if (captures.size() > 50 && c.status() != CaptureStatus.FAILED) continue;
            out.printf("%-9s %s%s%n", c.status(), c.url(), c.error() == null ? "" : "  (" + c.error() + ")");
        }
        out.println(captures.size() + " captures: " + (captures.size() - failed) + " archived, " + failed + " failed");
    }
}
