package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Exit codes and error lines of the command line: 0 success, 1 failure, 2 bad usage. */
class TracemapCommandTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TracemapCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void unknownCommandOrOptionIsBadUsage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("capture", "--no-such-flag")).isEqualTo(2);
        assertThat(run()).isEqualTo(2);
    }

    /** Every command and subcommand, by its path of names: {@code [review, decide]}. */
    private static void commands(CommandLine cli, List<String> path, List<List<String>> into) {
        for (var sub : cli.getSubcommands().entrySet()) {
            if (sub.getValue().getCommandSpec().aliases().length > 0 && !sub.getKey().equals(sub.getValue().getCommandName())) continue;
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            into.add(next);
            commands(sub.getValue(), next, into);
        }
    }

    @Test
    void everyCommandAndSubcommandPrintsItsUsageForHelpAndExitsZero() {
        List<List<String>> all = new ArrayList<>();
        commands(TracemapCommand.commandLine(), List.of(), all);
        // The ones the issue named ("users --help is refused") among them; the loop covers every other.
        assertThat(all).contains(List.of("mine", "retrain"), List.of("review", "decide"), List.of("review", "list"), List.of("users"),
                List.of("users", "add"), List.of("users", "list"), List.of("crawl", "run"), List.of("serve"), List.of("demo"), List.of("capture"));
        for (List<String> command : all) {
            for (String flag : List.of("--help", "-h")) {
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                List<String> args = new ArrayList<>(command);
                args.add(flag);
                assertThat(run(args.toArray(String[]::new))).as(String.join(" ", args) + ": " + err).isZero();
                assertThat(out.toString()).as(String.join(" ", args)).contains("Usage: tracemap " + String.join(" ", command) + " ");
                assertThat(err.toString()).as(String.join(" ", args)).isEmpty();
            }
        }
        assertThat(run("--help")).isZero();
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
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("capture", "--archive", dir.toString(), "https://example.com/ok", "ftp://example.com/bad")).isEqualTo(1);
        } finally {
            System.setOut(stdout);
        }
        assertThat(Files.exists(dir.resolve("catalog.db"))).isTrue();
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("queued 1 capture, rejected 1; ");
    }

    @Test
    void verifyOfAnEmptyArchiveSucceeds() {
        assertThat(run("verify", "--archive", dir.toString())).isEqualTo(0);
    }

    @Test
    void verifyNamesTheDamagedRecordByFileAndOffsetChecksTheRestAndExitsOne() throws Exception {
        byte[] warc = Files.readAllBytes(Path.of("src/test/resources/warc/sample-1.warc.gz"));
        warc[1962 + 230] ^= 1; // inside the compressed response record at 1962 (sample-1.cdxj)
        Files.createDirectories(dir.resolve("warcs"));
        Files.write(dir.resolve("warcs/sample-1.warc.gz"), warc);

        assertThat(run("verify", "--archive", dir.toString())).isEqualTo(1);

        assertThat(out.toString().lines().filter(l -> l.startsWith("ERROR"))).singleElement()
                .satisfies(l -> assertThat(l).startsWith("ERROR sample-1.warc.gz @1962: corrupt gzip member"));
        // Ten records, one unreadable; warcinfo and metadata records of this older file carry no block digest.
        assertThat(out.toString()).contains("1 files, 9 records, 1 errors, 4 warnings");
    }

    @Test
    void verifyWithWarningsOnlyExitsZero() throws Exception {
        Files.createDirectories(dir.resolve("warcs"));
        Files.copy(Path.of("src/test/resources/warc/sample-1.warc.gz"), dir.resolve("warcs/sample-1.warc.gz"));

        assertThat(run("verify", "--archive", dir.toString())).isEqualTo(0);

        assertThat(out.toString()).contains("WARNING sample-1.warc.gz @0 ").contains("1 files, 10 records, 0 errors, 4 warnings");
    }
}
