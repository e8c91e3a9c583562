package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The Capture page in a real browser: pasted URLs are queued and settle in the table, an archived 404 says what
 * the origin answered, and the viewer shows its banner outside the sandboxed frame; an uploaded CSV list is read
 * in the page, with the lines that are not URLs named.
 */
class CapturePageIT extends BrowserSupport {

    @Test
    void pastedUrlsSettleAndAn404SaysSoInTheTableAndTheViewer() {
        String found = servePage("/found", "<html><head><title>Found</title></head><body><p>Here it is.</p></body></html>");
        String gone = originUrl("/gone"); // the origin answers 404 for any page it does not serve
        open("/capture");
        signedInAsAdmin();
        WebElement urls = waitFor(By.id("c-urls"));
        urls.sendKeys(found + "\n# a comment\n" + gone + "\n");
        browser.findElement(By.id("c-tags")).sendKeys("project=browser-test");
        browser.findElement(By.id("c-submit")).click();
        waitUntilText(By.id("capture-result"), "Queued 2 captures.");

        waitUntil(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#captures-body tr[data-status]"));
            return rows.size() == 2 && rows.stream().allMatch(r -> "MINED".equals(r.getAttribute("data-status")));
        });
        WebElement goneRow = row(gone);
        assertThat(goneRow.findElement(By.cssSelector(".origin-error .origin-answer")).getText()).isEqualTo("The origin answered 404 Not Found");
        assertThat(row(found).findElement(By.cssSelector(".origin-ok .origin-answer")).getText()).isEqualTo("The origin answered 200 OK");
        assertThat(goneRow.getText()).contains("project=browser-test").contains("NEW");
        script("document.getElementById('capture-list').scrollIntoView()");
        screenshot("capture-page");

        goneRow.findElement(By.cssSelector("a.link-view")).click();
        waitUntilText(By.id("banner-status"), "The origin answered 404 Not Found");
        assertThat(browser.findElement(By.id("banner-url")).getText()).isEqualTo(gone);
        assertThat(browser.findElement(By.id("banner-time")).getText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");
        WebElement live = browser.findElement(By.cssSelector("a.link-live"));
        assertThat(live.getAttribute("rel")).isEqualTo("noopener noreferrer");
        assertThat(live.getAttribute("href")).isEqualTo(gone);
        WebElement frame = browser.findElement(By.id("archive-frame"));
        assertThat(frame.getAttribute("sandbox")).as("an empty sandbox: no scripts, no same origin").isEmpty();
        assertThat(frame.getAttribute("src")).endsWith("/replay/" + browser.findElement(By.id("banner-time")).getAttribute("datetime") + "/" + gone);
        assertThat(script("return document.getElementById('archive-banner').contains(document.getElementById('archive-frame'))"))
                .as("the banner is outside the frame").isEqualTo(false);
        assertThat(browser.findElement(By.id("link-raw")).getAttribute("href")).endsWith(gone + "?raw=1");
        browser.switchTo().frame(frame);
        waitUntilText(By.tagName("h1"), "Not here");
        browser.switchTo().defaultContent();
        screenshot("archived-copy-viewer");
        // The replayed 404 is logged as a failed load, as it should be; so is asking who is signed in before signing in.
        assertNoConsoleErrors("/replay/", "/api/session");
    }

    @Test
    void anUploadedCsvIsReadInThePageNamingTheLinesThatAreNotUrls() throws Exception {
        Path csv = Files.createTempFile(home, "list-", ".csv");
        Files.writeString(csv, "company,url\nhuawei," + originUrl("/a") + "\n\nzte,not a url\n# skipped\n\"zte, inc\",\"" + originUrl("/b") + "\"\n",
                StandardCharsets.UTF_8);
        open("/capture");
        signedInAsAdmin();
        waitFor(By.id("c-file")).sendKeys(csv.toAbsolutePath().toString());
        waitUntilText(By.id("capture-read"), "Read 2 URLs from " + csv.getFileName() + " (column: url); 1 line is not a URL");
        assertThat(browser.findElement(By.id("capture-read")).getText()).contains("line 4: not a url (not a URL)");
        assertNoConsoleErrors("/api/session");
    }

    /** Signs in unless this browser's session (kept between the tests of the class) already is. */
    private void signedInAsAdmin() {
        waitUntil(d -> !d.findElements(By.id("token-input")).isEmpty() || !d.findElements(By.id("signed-in-as")).isEmpty());
        if (browser.findElements(By.id("signed-in-as")).isEmpty()) signIn(adminToken());
    }

    private WebElement row(String url) {
        return browser.findElements(By.cssSelector("#captures-body tr[data-status]")).stream()
                .filter(r -> r.findElement(By.cssSelector(".capture-url")).getText().equals(url)).findFirst().orElseThrow();
    }
}
