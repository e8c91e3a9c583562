package org.tracemap.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.OriginAnswer;

/**
 * The table printed after {@code capture --wait}: one line per capture, then totals. Past 50 captures only
 * the ones that need a look are listed: failures, and archived answers that were error pages (a 404 is
 * archived faithfully, but it is not the page that was asked for, so it is never counted as plain success).
 */
final class CaptureSummary {
    private final PrintStream out;

    CaptureSummary(PrintStream out) {
        this.out = out;
    }

    void print(List<ProgressWatcher.CaptureView> captures) {
        for (ProgressWatcher.CaptureView c : captures) {
            if (captures.size() > 50 && !needsALook(c)) continue;
            out.printf("%-9s %s%s%n", c.status(), c.url(), remark(c));
        }
        long failed = captures.stream().filter(c -> c.status() == CaptureStatus.FAILED).count();
        out.println(captures.size() + " captures: " + (captures.size() - failed) + " archived" + errorAnswers(captures) + ", " + failed + " failed");
    }

    private static boolean needsALook(ProgressWatcher.CaptureView c) {
        return c.status() == CaptureStatus.FAILED || answeredAnError(c);
    }

    private static boolean answeredAnError(ProgressWatcher.CaptureView c) {
        return c.status() != CaptureStatus.FAILED && c.httpStatus() != null && OriginAnswer.isError(c.httpStatus());
    }

    /** What follows the URL: the origin's error answer, and the capture's error or notice, in brackets. */
    private static String remark(ProgressWatcher.CaptureView c) {
        StringBuilder s = new StringBuilder();
        if (answeredAnError(c)) s.append("  (").append(OriginAnswer.sentence(c.httpStatus())).append(')');
        if (c.error() != null) s.append("  (").append(c.error()).append(')');
        return s.toString();
    }

    /**
     * " (1 of them answered 404 Not Found)", or with several statuses " (3 of them answered an error: 2 with
     * 404 Not Found, 1 with 500 Internal Server Error)"; empty when every archived answer was a success.
     */
    private static String errorAnswers(List<ProgressWatcher.CaptureView> captures) {
        java.util.SortedMap<Integer, Long> byStatus = captures.stream().filter(CaptureSummary::answeredAnError)
                .collect(Collectors.groupingBy(ProgressWatcher.CaptureView::httpStatus, TreeMap::new, Collectors.counting()));
        long n = byStatus.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) return "";
        String them = n + " of them";
        if (byStatus.size() == 1) return " (" + them + " answered " + OriginAnswer.of(byStatus.firstKey()) + ")";
        return " (" + them + " answered an error: " + byStatus.entrySet().stream()
                .map(e -> e.getValue() + " with " + OriginAnswer.of(e.getKey())).collect(Collectors.joining(", ")) + ")";
    }
}
