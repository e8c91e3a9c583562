package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * The crawls page in a browser: an operator starts a run, sees it at once and its counts live until FINISHED;
 * the change feed lists what it found NEW, then CHANGED with an inline diff; a researcher has no start button.
 */
class CrawlsPageIT extends BrowserSupport {
    private static final Duration RUN = Duration.ofSeconds(60);

    @Override
    protected Map<String, String> serverSettings() {
        return Map.of("tracemap.crawl.step-interval", "100ms");
    }

    @Test
    void anOperatorStartsARunAndWatchesItFinishAndTheChangeFeedShowsWhatChanged() throws Exception {
        servePage("/", "<html><head><title>News</title></head><body><article><p>Huawei signed a memorandum in Nairobi.</p>"
                + "<p>The second paragraph stays.</p></article><a href=\"/a.html\">a</a></body></html>");
        servePage("/a.html", "<html><head><title>A</title></head><body><p>Page A.</p></body></html>");
        assertThat(server.post("/api/crawls", Map.of("name", "news", "seeds", List.of(originUrl("/")), "maxDepth", 1,
                "schedule", "0 0 6 ? * MON"), adminToken()).statusCode()).isEqualTo(201);
        String operator = new Authenticator(server.tracemap().tokens()).addUser("olga", Role.OPERATOR);

        open("/crawls");
        signOutIfSignedIn();
        signIn(operator);
        WebElement card = waitFor(By.cssSelector("article[data-crawl='news']"));
        assertThat(card.getText()).contains("every Monday at 06:00").contains("Never run.");

        String first = startRunAndWaitUntilFinished();
        assertThat(count(first, "captured")).isEqualTo("2");
        assertThat(count(first, "new")).isEqualTo("2");
        waitUntil(d -> feedRows("NEW").size() == 2);
        screenshot("crawls-first-run");

        servePage("/", "<html><head><title>News</title></head><body><article><p>Huawei signed a contract in Nairobi.</p>"
                + "<p>The second paragraph stays.</p></article><a href=\"/a.html\">a</a></body></html>");
        String second = startRunAndWaitUntilFinished();
        assertThat(second).isNotEqualTo(first);
        assertThat(count(second, "changed")).isEqualTo("1");
        waitUntil(d -> feedRows("CHANGED").size() == 1);

        feedRows("CHANGED").get(0).findElement(By.xpath(".//button[text()='diff']")).click();
        WebElement diff = waitFor(By.cssSelector("#change-feed .diff"));
        assertThat(diff.getText()).contains("1 line added, 1 removed");
        assertThat(diff.findElement(By.cssSelector(".diff-added")).getText()).contains("+").contains("Huawei signed a contract in Nairobi.");
        assertThat(diff.findElement(By.cssSelector(".diff-removed")).getText()).contains("−").contains("Huawei signed a memorandum in Nairobi.");
        assertThat(diff.findElements(By.cssSelector(".diff-links a"))).extracting(a -> a.getAttribute("href")).allMatch(h -> h.contains("/view?url="));
        screenshot("crawls");
        assertNoConsoleErrors("/api/session");
    }

    @Test
    void aResearcherSeesTheCrawlsButCannotStartOne() {
        if (server.tracemap().crawls().get("quiet").isEmpty()) {
            assertThat(postQuietly()).isEqualTo(201);
        }
        String researcher = new Authenticator(server.tracemap().tokens()).addUser("rita", Role.RESEARCHER);
        open("/crawls");
        signOutIfSignedIn(); // one browser for the class: the other test may have left an operator signed in
        signIn(researcher);
        waitFor(By.cssSelector("article[data-crawl='quiet']"));
        assertThat(browser.findElements(By.cssSelector(".start-run"))).isEmpty();
        assertNoConsoleErrors("/api/session");
    }

    private void signOutIfSignedIn() {
        waitUntil(d -> !d.findElements(By.id("sign-out")).isEmpty() || !d.findElements(By.id("token-input")).isEmpty());
        List<WebElement> out = browser.findElements(By.id("sign-out"));
        if (!out.isEmpty()) {
            out.get(0).click();
            waitFor(By.id("token-input"));
        }
    }

    private int postQuietly() {
        try {
            return server.post("/api/crawls", Map.of("name", "quiet", "seeds", List.of(originUrl("/quiet.html"))), adminToken()).statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Clicks "Start a run" for the crawl "news", checks the run is listed at once, and waits for FINISHED. */
    private String startRunAndWaitUntilFinished() {
        List<String> before = settled(WAIT, d -> runIds());
        // The cards are redrawn while a run is polled: every lookup is fresh, a stale one is tried again.
        settled(WAIT, d -> {
            WebElement start = d.findElement(By.cssSelector("article[data-crawl='news'] .start-run"));
            if (!start.isEnabled()) return null;
            start.click();
            return true;
        });
        String id = settled(WAIT, d -> runIds().stream().filter(r -> !before.contains(r)).findFirst().orElse(null));
        settled(RUN, d -> "FINISHED".equals(run(id).getAttribute("data-status")) ? true : null);
        return id;
    }

    private List<String> runIds() {
        return browser.findElements(By.cssSelector("article[data-crawl='news'] tr[data-run]")).stream().map(r -> r.getAttribute("data-run")).toList();
    }

    private WebElement run(String id) {
        return browser.findElement(By.cssSelector("article[data-crawl='news'] tr[data-run='" + id + "']"));
    }

    private String count(String run, String key) {
        return settled(WAIT, d -> run(run).findElement(By.cssSelector("td[data-count='" + key + "']")).getText());
    }

    private <T> T settled(Duration wait, java.util.function.Function<org.openqa.selenium.WebDriver, T> lookup) {
        return new WebDriverWait(browser, wait).ignoring(StaleElementReferenceException.class).until(lookup::apply);
    }

    private List<WebElement> feedRows(String change) {
        return browser.findElements(By.cssSelector("#change-feed tr[data-change='" + change + "']"));
    }
}
