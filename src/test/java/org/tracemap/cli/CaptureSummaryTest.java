package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracemap.catalog.CaptureStatus;

/** The summary after {@code capture --wait}: archived error pages are counted and listed apart, never as plain success. */
class CaptureSummaryTest {

    @Test
    void anArchived404IsCountedAsArchivedAndSaidToBeAnErrorAnswer() {
        String out = print(List.of(
                new ProgressWatcher.CaptureView("https://example.org/a", CaptureStatus.MINED, null, 200),
                new ProgressWatcher.CaptureView("https://example.org/gone", CaptureStatus.MINED, null, 404),
                new ProgressWatcher.CaptureView("https://example.org/down", CaptureStatus.FAILED, "fetch: connection refused", null)));
        assertThat(out).isEqualTo("""
                MINED     https://example.org/a
                MINED     https://example.org/gone  (the origin answered 404 Not Found)
                FAILED    https://example.org/down  (fetch: connection refused)
                3 captures: 2 archived (1 of them answered 404 Not Found), 1 failed
                """);
    }

    @Test
    void severalErrorStatusesAreEachCounted() {
        String out = print(List.of(
                new ProgressWatcher.CaptureView("https://example.org/1", CaptureStatus.MINED, null, 404),
                new ProgressWatcher.CaptureView("https://example.org/2", CaptureStatus.MINED, null, 500),
                new ProgressWatcher.CaptureView("https://example.org/3", CaptureStatus.MINED, null, 404),
                new ProgressWatcher.CaptureView("https://example.org/4", CaptureStatus.MINED, null, 301)));
        assertThat(out).endsWith("4 captures: 4 archived (3 of them answered an error: 2 with 404 Not Found, 1 with 500 Internal Server Error),"
                + " 0 failed\n");
    }

    @Test
    void aCleanRunKeepsTheLineScriptsCheck() {
        // bench/run-capture-bench.sh compares this line exactly.
        String out = print(List.of(new ProgressWatcher.CaptureView("https://example.org/a", CaptureStatus.MINED, null, 200)));
        assertThat(out.lines().reduce((a, b) -> b).orElseThrow()).isEqualTo("1 captures: 1 archived, 0 failed");
    }

    @Test
    void pastFiftyOnlyFailuresAndErrorAnswersAreListed() {
        List<ProgressWatcher.CaptureView> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(new ProgressWatcher.CaptureView("https://example.org/" + i, CaptureStatus.MINED, null, 200));
        many.add(new ProgressWatcher.CaptureView("https://example.org/gone", CaptureStatus.MINED, null, 410));
        String out = print(many);
        assertThat(out.lines()).containsExactly("MINED     https://example.org/gone  (the origin answered 410 Gone)",
                "61 captures: 61 archived (1 of them answered 410 Gone), 0 failed");
    }

    private static String print(List<ProgressWatcher.CaptureView> captures) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new CaptureSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(captures);
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
