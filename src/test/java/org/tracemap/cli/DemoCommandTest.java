package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.Tracemap;
import org.tracemap.config.TracemapConfig;
import picocli.CommandLine;

/** The newcomer's first run: the bundled site is crawled through the whole pipeline and candidates come out. */
class DemoCommandTest {
    @TempDir
    Path archive;

    private String out;
    private String err;

    @Test
    void demoOnATakenDefaultPortPicksAFreeOneCrawlsTheSampleSiteAndPrintsThePagesAndAWorkingToken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int busy = taken.getLocalPort();
            // --set, not --port: the port comes from configuration, as 8080 does, so the demo may choose another.
            int code = demo("--exit", "--archive", archive.toString(), "--set", "tracemap.server.port=" + busy);

            assertThat(code).as(out + err).isZero();
            Matcher chosen = Pattern.compile("Port " + busy + " is in use; the demo serves on port (\\d+) instead").matcher(out);
            assertThat(chosen.find()).as(out).isTrue();
            String ui = "http://127.0.0.1:" + chosen.group(1);
            assertThat(Integer.parseInt(chosen.group(1))).isNotEqualTo(busy);
            assertThat(out).contains("Crawl finished: 8 discovered, 7 captured (7 new").contains("1 blocked by robots.txt")
                    .contains("candidate data points await review")
                    .contains("huawei         smart-city-public-security   KE / Nairobi")
                    .contains("alibaba        data-centre                  AE / Dubai")
                    .doesNotContain("tencent") // share prices are not a project
                    .contains(ui + "/review", ui + "/search?q=safe+city", ui + "/map", ui + "/capture", ui + "/crawls")
                    .doesNotContain("/api/");
            assertThat(err).doesNotContain("Exception", "\tat ");
        }
        Matcher token = Pattern.compile("Admin token for this demo run:\\R\\R {4}(\\S+)\\R").matcher(out);
        assertThat(token.find()).as(out).isTrue();
        try (Tracemap t = Tracemap.open(TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString())))) {
            assertThat(t.tokens().lookup(token.group(1))).as("the printed token signs in as an admin")
                    .hasValueSatisfying(who -> assertThat(who.role()).isEqualTo("admin"));
        }
    }

    @Test
    void aTakenPortAskedForWithPortIsOneLineAndExitOneWithoutStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int busy = taken.getLocalPort();
            int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> demo("--exit", "--archive", archive.toString(), "--port", Integer.toString(busy)));

            assertThat(code).isEqualTo(1);
            assertThat(err).isEqualTo("error: port " + busy + " is in use; use --port N" + System.lineSeparator());
            assertThat(out).isEmpty();
            assertThat(Files.exists(archive.resolve("catalog.db"))).as("nothing opened").isFalse();
        }
    }

    /** Runs the demo with stdout, stderr (where the log goes too) and picocli's streams captured. */
    private int demo(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        StringWriter cliErr = new StringWriter();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 1];
            all[0] = "demo";
            System.arraycopy(args, 0, all, 1, args.length);
            CommandLine cli = TracemapCommand.commandLine();
            cli.setErr(new PrintWriter(cliErr, true));
            // The build sets TRACEMAP_ADMIN_TOKEN for every test; a newcomer's shell does not.
            ((DemoCommand) cli.getSubcommands().get("demo").getCommand()).environment = Map.of();
            return cli.execute(all);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = outBytes.toString(StandardCharsets.UTF_8);
            err = errBytes.toString(StandardCharsets.UTF_8) + cliErr;
        }
    }
}
