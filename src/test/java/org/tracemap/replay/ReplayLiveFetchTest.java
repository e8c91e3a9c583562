package org.tracemap.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracemap.config.TracemapConfig;

/**
 * Red-team item 2: viewing a replay must not make the browser contact the live site — no archived Link
 * preloads, no URL in CSS, srcdoc or meta refresh left pointing out, and a policy that would block it anyway.
 */
class ReplayLiveFetchTest {
    private static final String ORIGIN = "https://hostile.example";
    /** Every mention of the hostile host must be inside a replay path (or the inert placeholder). */
    private static final Pattern MENTION = Pattern.compile("(.{0,40})hostile\\.example", Pattern.DOTALL);
    private static final Pattern IN_ARCHIVE = Pattern.compile(".*/replay/" + ReplayArchive.TS + "/https?://(user:pw@)?$", Pattern.DOTALL);

    @TempDir
    Path dir;

    private ReplayArchive archive;

    @BeforeEach
    void setUp() throws IOException {
        archive = new ReplayArchive(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        archive.close();
    }

    private static List<String> mentionsOutsideTheArchive(String text) {
        List<String> outside = new ArrayList<>();
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            if (!IN_ARCHIVE.matcher(m.group(1)).matches()) outside.add(m.group(0));
        }
        return outside;
    }

    private ReplayArchive.Replayed replay(String url) throws IOException {
        return ReplayArchive.read(archive.service().replay(ReplayArchive.TS, url, false).orElseThrow());
    }

    @Test
    void archivedLinkHeadersArePassedOnOnlyAsDataBesideOurOwnMementoLink() throws IOException {
        archive.archive(ORIGIN + "/", List.of("Content-Type: text/html", "Link: <https://hostile.example/track.css>; rel=preload; as=style",
                "Link: <https://hostile.example/>; rel=preconnect"), "<p>hi</p>");

        ReplayArchive.Replayed page = replay(ORIGIN + "/");

        assertThat(page.all("Link")).containsExactly("<" + ORIGIN + "/>; rel=\"original\"");
        assertThat(page.all("X-Archive-Orig-Link")).containsExactly("<https://hostile.example/track.css>; rel=preload; as=style",
                "<https://hostile.example/>; rel=preconnect");
    }

    @Test
    void urlsInStylesSrcdocAndRefreshPointIntoTheArchive() throws IOException {
        String html = "<html><head>"
                + "<meta http-equiv=\"refresh\" content=\"30; url=https://hostile.example/moved\">"
                + "<link rel=\"stylesheet\" href=\"https://hostile.example/site.css\" integrity=\"sha384-abc\">"
                + "<link rel=\"preload\" as=\"image\" imagesrcset=\"https://hostile.example/a.png 1x\">"
                + "<style>@import \"https://hostile.example/import.css\"; @import url(//hostile.example/import2.css);\n"
                + "@font-face { font-family: F; src: url('https://hostile.example/f.woff2') format('woff2'); }\n"
                + "body { background: url(/bg.png); cursor: url(\"https://hostile.example/c.cur\"), auto;"
                + " background-image: image-set(\"https://hostile.example/i1.png\" 1x, url(https://hostile.example/i2.png) 2x); }</style>"
                + "</head><body style=\"background-image: url(https://hostile.example/body.png)\">"
                + "<img src=\"https://hostile.example/logo.png\" srcset=\"https://hostile.example/logo2.png 2x\">"
                + "<a href=\"https://hostile.example/page\" ping=\"https://hostile.example/ping\">page</a>"
                + "<a href=\"https://user:pw@hostile.example/secret\">odd</a>"
                + "<svg><image xlink:href=\"https://hostile.example/svg.png\"/><style>rect { fill: url(https://hostile.example/p.svg#g) }</style></svg>"
                + "<iframe srcdoc=\"<img src='https://hostile.example/inner.png'><div style='background:url(https://hostile.example/inner-bg.png)'></div>"
                + "<iframe srcdoc=&quot;<img src='https://hostile.example/deeper.png'>&quot;></iframe>\"></iframe>"
                + "<form action=\"https://hostile.example/search\"><button formaction=\"https://hostile.example/go\">go</button></form>"
                + "</body></html>";
        archive.archive(ORIGIN + "/page", List.of("Content-Type: text/html; charset=utf-8"), html);

        String page = replay(ORIGIN + "/page").text();

        assertThat(mentionsOutsideTheArchive(page)).isEmpty();
        String prefix = "/replay/" + ReplayArchive.TS + "/";
        assertThat(page).contains("content=\"30; url=" + prefix + "https://hostile.example/moved\"")
                .contains("@import \"" + prefix + "https://hostile.example/import.css\"")
                .contains("url(\"" + prefix + "https://hostile.example/import2.css\")")
                .contains("url(\"" + prefix + "https://hostile.example/f.woff2\")")
                .contains("url(\"" + prefix + "https://hostile.example/bg.png\")")
                .contains("image-set(\"" + prefix + "https://hostile.example/i1.png\" 1x, url(\"" + prefix + "https://hostile.example/i2.png\") 2x)")
                .contains("url(&quot;" + prefix + "https://hostile.example/body.png&quot;)")
                .contains("href=\"" + ReplayLinks.INERT + "\"")
                .doesNotContain("integrity=").doesNotContain("srcset=").doesNotContain("ping=");
        assertThat(page).as("the srcdoc frame is rewritten, its own srcdoc too")
                .contains(prefix + "https://hostile.example/inner.png").contains(prefix + "https://hostile.example/inner-bg.png")
                .contains(prefix + "https://hostile.example/deeper.png");
    }

    @Test
    void stylesheetsAreRewrittenAgainstTheirOwnUrl() throws IOException {
        archive.archive(ORIGIN + "/css/site.css", List.of("Content-Type: text/css"),
                "@import 'print.css'; /* url(https://hostile.example/in-comment) */ .a { background: url(../img/a.png) } .b { content: \"url(x)\" }");

        ReplayArchive.Replayed sheet = replay(ORIGIN + "/css/site.css");

        String prefix = "/replay/" + ReplayArchive.TS + "/";
        assertThat(sheet.text()).isEqualTo("@import \"" + prefix + "https://hostile.example/css/print.css\"; /* url(https://hostile.example/in-comment) */ "
                + ".a { background: url(\"" + prefix + "https://hostile.example/img/a.png\") } .b { content: \"url(x)\" }");
        assertThat(sheet.header("Content-Type")).contains("text/css; charset=UTF-8");
    }

    @Test
    void aRedirectThatCannotBeArchivedIsNotFollowedToTheLiveSite() throws IOException {
        archive.archive(ORIGIN + "/go", 302, List.of("Location: https://user:pw@hostile.example/", "Content-Type: text/plain"), new byte[0]);

        ReplayArchive.Replayed hop = replay(ORIGIN + "/go");

        assertThat(hop.header("Location")).isEmpty();
        assertThat(hop.header("X-Archive-Orig-Location")).contains("https://user:pw@hostile.example/");
    }

    @Test
    void everyReplayCarriesTheSandboxAndAPolicyThatKeepsFetchesOnThisServer() throws IOException {
        archive.archive(ORIGIN + "/", List.of("Content-Type: image/png"), "png");

        ReplayArchive.Replayed image = replay(ORIGIN + "/");

        assertThat(image.all("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
        assertThat(ReplaySettings.DEFAULT_CSP).startsWith("sandbox;").contains("default-src 'self' data:").contains("connect-src 'none'")
                .contains("frame-ancestors 'self'").doesNotContain("allow-same-origin").doesNotContain("*");
        assertThat(image.all("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(image.all("Referrer-Policy")).containsExactly("no-referrer");
    }

    @Test
    void theConfiguredDefaultPolicyIsTheCheckedOne() {
        ReplaySettings configured = ReplaySettings.from(TracemapConfig.defaults(Map.of()));

        assertThat(configured.csp()).isEqualTo(ReplaySettings.DEFAULT_CSP);
        assertThat(configured.maxRewriteBytes()).isEqualTo(8L << 20);
        assertThat(configured.rewriteConcurrency()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "sandbox allow-scripts allow-same-origin; default-src 'self'", "default-src 'self'; sandbox",
            "sandboxed; default-src 'self'", "sandbox; default-src *", "sandbox; default-src 'self'; img-src https:",
            "sandbox; default-src 'self'; font-src *.example.org", "  "})
    void aPolicyThatLetsArchivedPagesOutIsRefusedAtStart(String csp) {
        assertThatThrownBy(() -> new ReplaySettings(csp, 1 << 20, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tracemap.replay.csp");
    }
}
