package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;

/**
 * A page whose title and text carry script and event-handler payloads, followed through every page of the UI:
 * the payloads show as text and never run. Each payload, if it ran, would set {@code window.pwned} or open an
 * alert; both are checked on every page, and the page's own markup must hold no element the payload names.
 */
class HostileTextIT extends BrowserSupport {
    private static final String TITLE = "Huawei <script>window.pwned='title'</script> safe city <img src=x onerror=\"window.pwned='img'\">";
    private static final String PAYLOAD_TEXT = "<img src=x onerror=alert(1)>";
    private static final String PAGE = "<html><head><title>" + escape(TITLE) + "</title></head><body><article>"
            + "<h1>" + escape(TITLE) + "</h1>"
            + "<p>Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city surveillance system in Nairobi "
            + escape("<script>window.pwned='body'</script>") + " with 1,800 cameras " + escape(PAYLOAD_TEXT) + ".</p>"
            + "<p>Also <b onmouseover=\"window.pwned='raw'\">raw markup</b> and <script>window.pwned='live'</script> the page itself runs.</p>"
            + "</article></body></html>";

    private String url;
    private String snapshotId;
    private String timestamp;

    @BeforeAll
    void captureTheHostilePageAndApproveItsCandidate() throws Exception {
        url = servePage("/hostile.html", PAGE);
        server.captureAndWait(url);
        JsonNode candidate = server.getJson("/api/candidates", adminToken()).path("items").get(0);
        snapshotId = candidate.path("source").path("snapshotId").asText();
        timestamp = candidate.path("source").path("timestamp").asText();
        var approved = server.post("/api/candidates/" + candidate.path("id").asText() + "/decision",
                Map.of("action", "approve", "version", candidate.path("version").asInt(), "edits", Map.of("label", TITLE)), adminToken());
        assertThat(approved.statusCode()).as(new String(approved.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    @Test
    void thePayloadsShowAsTextOnEveryPageAndNeverRun() {
        open("/capture");
        signIn(adminToken());
        waitUntil(d -> d.findElements(By.cssSelector("#captures-body tr[data-status='MINED']")).size() == 1);
        assertInert("capture", "Huawei <script>window.pwned='title'</script>");

        open("/search?q=" + URLEncoder.encode("safe city", StandardCharsets.UTF_8));
        waitUntilText(By.id("count"), "Results 1–1 of 1");
        assertInert("search", "<script>window.pwned='title'</script>");

        open("/review?status=ALL");
        waitFor(By.id("quote-mark"));
        assertInert("review", "<img src=x onerror=\"window.pwned='img'\">");

        open("/map");
        waitUntilText(By.id("map-count"), "Showing 1 of 1");
        assertInert("map", "<script>window.pwned='title'</script>");

        open("/text?snapshot=" + URLEncoder.encode(snapshotId, StandardCharsets.UTF_8));
        waitUntil(d -> !d.findElement(By.id("snapshot-text")).getAttribute("value").isEmpty());
        assertThat(browser.findElement(By.id("snapshot-text")).getAttribute("value")).contains(PAYLOAD_TEXT);
        assertInert("text", "<script>window.pwned='title'</script>");

        // The archived page itself runs nothing either: its frame is sandboxed without scripts.
        open("/view?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + "&ts=" + timestamp);
        waitFor(By.id("archive-frame"));
        browser.switchTo().frame(browser.findElement(By.id("archive-frame")));
        waitUntilText(By.tagName("h1"), "<script>window.pwned='title'</script>");
        assertThat(script("return window.pwned === undefined")).isEqualTo(true);
        browser.switchTo().defaultContent();
        assertInert("view", url);
    }

    /** No payload ran on this page, none became an element, and {@code shown} is on the page as text. */
    private void assertInert(String page, String shown) {
        assertThat(browser.findElement(By.tagName("body")).getText()).as(page + " shows the payload as text").contains(shown);
        assertThat(script("return window.pwned === undefined")).as(page + ": a payload ran").isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("main img[src='x'], main [onerror], main [onmouseover], main script")))
                .as(page + ": a payload became markup").isEmpty();
        try {
            browser.switchTo().alert();
            throw new AssertionError(page + ": an alert opened");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
        screenshot("hostile-" + page);
        // The UI's own requests for a page nobody is signed in to, and images the sandboxed archived page asked for.
        assertNoConsoleErrors("/api/session", "/replay/");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
