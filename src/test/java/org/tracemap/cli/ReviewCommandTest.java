package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.ranker.ReviewedCatalogue;
import picocli.CommandLine;

/** {@code tracemap review decide}: its wording and exit codes (2 for bad usage, as the README promises). */
class ReviewCommandTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = TracemapCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void rejectWithoutAReasonAndOtherMisuseAreBadUsageAndDecideNothing() {
        long id;
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            id = cat.mined(ReviewedCatalogue.features(false, 0), 0.8, null);
        }
        String archive = dir.toString();
        assertThat(run("review", "decide", "reject", String.valueOf(id), "--version", "1", "--archive", archive)).isEqualTo(2);
        assertThat(err.toString()).contains("reject needs --reason");
        assertThat(run("review", "decide", "merge", String.valueOf(id), "--version", "1", "--archive", archive)).isEqualTo(2);
        assertThat(err.toString()).contains("merge needs --into");
        assertThat(run("review", "decide", "bless", String.valueOf(id), "--version", "1", "--archive", archive)).isEqualTo(2);
        assertThat(err.toString()).contains("ACTION must be approve, reject or merge, not 'bless'");
        assertThat(run("review", "decide", "approve", String.valueOf(id), "--version", "1", "--edit", "yearStarted=soon", "--archive", archive))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--edit yearStarted=soon: yearStarted must be a number");

        assertThat(run("review", "decide", "reject", String.valueOf(id), "--version", "1", "--reason", "a rumour", "--archive", archive)).isEqualTo(0);
        assertThat(out.toString().strip()).isEqualTo("candidate #" + id + " rejected");
    }

    @Test
    void approvingSaysHowManySourcesInTheRightNumber() {
        long id;
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            id = cat.mined(ReviewedCatalogue.features(false, 0), 0.8, null);
        }
        assertThat(run("review", "decide", "approve", String.valueOf(id), "--version", "1", "--archive", dir.toString())).isEqualTo(0);
        assertThat(out.toString().strip()).matches("candidate #" + id + " approved -> data point \\d+ \\(1 source\\)");
    }

    @Test
    void listAllCountsEveryStatusAndSaysWhereEachCandidateStands() {
        String archive = dir.toString();
        long approved;
        long rejected;
        try (ReviewedCatalogue cat = new ReviewedCatalogue(dir)) {
            approved = cat.mined(ReviewedCatalogue.features(false, 0), 0.8, null);
            rejected = cat.mined(ReviewedCatalogue.features(true, 1), 0.8, null);
            cat.mined(ReviewedCatalogue.features(false, 2), 0.8, null);
            cat.mined(ReviewedCatalogue.features(false, 3), 0.8, null);
        }
        assertThat(run("review", "decide", "approve", String.valueOf(approved), "--version", "1", "--archive", archive)).isZero();
        assertThat(run("review", "decide", "reject", String.valueOf(rejected), "--version", "1", "--reason", "a rumour", "--archive", archive)).isZero();

        assertThat(run("review", "list", "--status", "ALL", "--archive", archive)).isZero();
        assertThat(out.toString().lines().findFirst()).hasValue("4 candidates");
        assertThat(out.toString()).contains("#" + approved + " v2 approved ", "#" + rejected + " v2 rejected ")
                .containsPattern("#\\d+ v1 pending ");

        assertThat(run("review", "list", "--status", "pending", "--archive", archive)).isZero();
        assertThat(out.toString().lines().findFirst()).hasValue("2 pending candidates");
        assertThat(out.toString()).doesNotContain("approved", "rejected");

        assertThat(run("review", "list", "--status", "done", "--archive", archive)).isEqualTo(2);
        assertThat(err.toString()).contains("--status must be PENDING, APPROVED, REJECTED, MERGED or ALL, not 'done'");
    }

    @Test
    void theDescriptionNamesTheEditOptionItHas() {
        String usage = TracemapCommand.commandLine().getSubcommands().get("review").getSubcommands().get("decide").getUsageMessage();
        assertThat(usage).contains("with --edit FIELD=VALUE edits", "--edit=FIELD=VALUE").doesNotContain("--set edits");
    }
}
