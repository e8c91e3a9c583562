package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first run: the bundled site is crawled through the whole pipeline and candidates come out. */
class DemoCommandTest {
    @TempDir
    Path archive;

    @Test
    void demoCrawlsTheSampleSiteAndPrintsWhatItFound() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = TracemapCommand.commandLine().execute("demo", "--exit", "--archive", archive.toString(), "--port", Integer.toString(port));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        assertThat(out).contains("Crawl finished: 8 discovered, 7 captured (7 new").contains("1 blocked by robots.txt")
                .contains("candidate data points await review")
                .contains("huawei         smart-city-public-security   KE / Nairobi")
                .contains("alibaba        data-centre                  AE / Dubai")
                .doesNotContain("tencent") // share prices are not a project
                .contains("http://127.0.0.1:" + port + "/ui/");
    }
}
