package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and error lines of the command line: 0 success, 1 failure, 2 bad usage. */
class TracemapCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TracemapCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void unknownCommandOrOptionIsBadUsage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("capture", "--no-such-flag")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    @Test
    void captureWithoutUrlsIsBadUsage() {
        assertThat(run("capture", "--archive", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("give at least one URL");
    }

    @Test
    void unknownConfigurationKeyFailsWithOneReadableLine() {
        assertThat(run("verify", "--archive", dir.toString(), "--set", "tracemap.no.such.key=1")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("error: unknown configuration key: tracemap.no.such.key");
    }

    @Test
    void queueingRejectsBadUrlsWithExitCodeOneAndKeepsTheGoodOnes() throws Exception {
        assertThat(run("capture", "--archive", dir.toString(), "https://example.com/ok", "ftp://example.com/bad")).isEqualTo(1);
        assertThat(Files.exists(dir.resolve("catalog.db"))).isTrue();
    }

    @Test
    void verifyOfAnEmptyArchiveSucceeds() {
        assertThat(run("verify", "--archive", dir.toString())).isEqualTo(0);
    }
}
