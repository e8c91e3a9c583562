package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.Snapshot;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * The review page in a browser at 1440×900: the queue shows 12+ rows beside the selected candidate, whose quote is
 * marked in the extracted text; a reviewer edits and approves from the keyboard, the row shows the saved values,
 * the counter stays exact, and u undoes the approval on the server. A researcher sees no decision controls.
 */
class ReviewPageIT extends BrowserSupport {
    private static final String ARTICLE = "<html><head><title>Huawei to build Nairobi safe city</title></head><body>"
            + "<article><h1>Huawei to build Nairobi safe city</h1><p>Published 3 March 2015</p>"
            + "<p>Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city surveillance system in Nairobi, "
            + "with 1,800 cameras connected to a new command centre.</p>"
            + "<p>The company said the network would be delivered within two years. Officials praised the project.</p></article>"
            + "</body></html>";
    private static final List<String> CATEGORIES = List.of("5g", "data-centre", "rd-lab", "training", "overseas-office", "telecom-ict-project",
            "university-partnership");
    private static final int PENDING = 1 + CATEGORIES.size() * 2;

    private String alice;
    private String rita;

    @BeforeAll
    void queueOfCandidates() throws Exception {
        Authenticator users = new Authenticator(server.tracemap().tokens());
        alice = users.addUser("alice", Role.REVIEWER);
        rita = users.addUser("rita", Role.RESEARCHER);
        String url = servePage("/news/nairobi.html", ARTICLE);
        server.captureAndWait(url);
        // Lower-scoring candidates from the same page, as the miner stores them, so the queue has more than a screen's rows.
        String snapshotId = server.getJson("/api/candidates", adminToken()).path("items").get(0).path("source").path("snapshotId").asText();
        Snapshot snapshot = server.tracemap().snapshots().find(snapshotId).orElseThrow();
        double score = 0.69;
        for (String category : CATEGORIES) {
            for (String city : List.of("Mombasa", "Kisumu")) {
                String quote = "Huawei " + category + " in " + city;
                score -= 0.01;
                server.tracemap().candidates().addMined(snapshot, List.of(new CandidateStore.Mined("huawei", category, "KE", city, 2020, quote,
                        0, quote.length(), score, -1, 37, "city", Map.of(), null)), server.tracemap().captures(), CaptureStatus.MINED, null);
            }
        }
    }

    @Test
    void aReviewerEditsApprovesAndUndoesFromTheKeyboardWithExactCounters() throws Exception {
        openReviewAs(alice);
        waitUntilText(By.id("count"), "1–" + PENDING + " of " + PENDING + " pending");
        List<WebElement> rows = browser.findElements(By.cssSelector("#queue tr"));
        assertThat(rows).hasSize(PENDING);
        Number visible = (Number) script("const pane = document.querySelector('.queue-pane').getBoundingClientRect();"
                + "return [...document.querySelectorAll('#queue tr')].filter(r => r.getBoundingClientRect().bottom <= pane.bottom).length;");
        assertThat(visible.intValue()).as("rows visible at 1440×900").isGreaterThanOrEqualTo(12);
        assertThat(browser.findElement(By.id("page-hint")).getText()).as("no next page, so no n hint").isEmpty();

        // The first row is the safe city candidate; its quote is marked in the page's extracted text.
        assertThat(rows.get(0).getAttribute("aria-selected")).isEqualTo("true");
        WebElement mark = waitFor(By.id("quote-mark"));
        assertThat(mark.getText()).startsWith("Kenya's Ministry of Interior signed a contract with Huawei in 2014");
        screenshot("review-page");

        // e focuses the first field; edit the year and the label; Enter approves with the edits.
        keys("e");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("edit-company");
        WebElement year = browser.findElement(By.id("edit-yearStarted"));
        year.clear();
        year.sendKeys("2015");
        keys("j"); // typing in a field: keys are not shortcuts (the selection stays on the first row)
        assertThat(browser.findElement(By.cssSelector("#queue tr:first-child")).getAttribute("aria-selected")).isEqualTo("true");
        WebElement label = browser.findElement(By.id("edit-label"));
        label.sendKeys("Nairobi Safe City", Keys.ENTER);
        waitUntilText(By.id("toast-text"), "Approved Huawei · Smart/safe city and public security · Nairobi, Kenya");
        waitUntilText(By.id("count"), "1–" + (PENDING - 1) + " of " + (PENDING - 1) + " pending · 1 decided here");
        assertThat(browser.findElement(By.id("toast")).getText()).contains("Undo").doesNotContain("[object");
        assertThat(browser.findElement(By.id("undo")).isDisplayed()).isTrue();
        WebElement approvedRow = browser.findElement(By.cssSelector("#queue tr:first-child"));
        assertThat(approvedRow.getText()).contains("2015").contains("approved").doesNotContain("2014");
        assertThat(browser.findElement(By.cssSelector("#queue tr:nth-child(2)")).getAttribute("aria-selected")).isEqualTo("true");
        JsonNode points = server.getJson("/api/datapoints", alice);
        assertThat(points.path("total").asInt()).isEqualTo(1);
        assertThat(points.path("items").get(0).path("label").asText()).isEqualTo("Nairobi Safe City");
        screenshot("review-approved");

        // u takes it back on the server: no data point, the candidate pending again, the counter as before.
        keys("u");
        waitUntilText(By.id("toast-text"), "Undone");
        waitUntilText(By.id("count"), "1–" + PENDING + " of " + PENDING + " pending");
        assertThat(server.getJson("/api/datapoints", alice).path("total").asInt()).isZero();
        assertThat(browser.findElement(By.cssSelector("#queue tr:first-child")).getText()).contains("2014").doesNotContain("approved");

        // t shows the archived page in a sandboxed frame.
        keys("t");
        WebElement frame = waitFor(By.cssSelector("iframe.replay-frame"));
        assertThat(frame.getAttribute("sandbox")).isEmpty();
        assertThat(frame.getAttribute("src")).startsWith(server.api() + "/replay/").endsWith("/news/nairobi.html");

        // a approves the selected (undone) candidate as shown; the next one (5G, Mombasa) is merged into it with m, 1.
        waitUntil(d -> browser.findElement(By.cssSelector("#queue tr:first-child")).getAttribute("aria-selected").equals("true"));
        keys("a");
        waitUntilText(By.id("count"), "of " + (PENDING - 1) + " pending");
        keys("m");
        waitUntilText(By.id("match-list"), "Huawei · Smart/safe city and public security · Nairobi, Kenya");
        keys("1");
        waitUntilText(By.id("count"), "of " + (PENDING - 2) + " pending · 2 decided here");
        assertThat(server.getJson("/api/datapoints", alice).path("items").get(0).path("sources")).hasSize(1); // the same page: cited once

        // x and shift+x select a range; one reason rejects them in one request.
        keys("x");
        keys("j");
        keys("X");
        waitUntilText(By.id("bulk-count"), "2 selected");
        WebElement reason = browser.findElement(By.id("bulk-reason"));
        reason.sendKeys("aggregator page", Keys.ENTER);
        waitUntilText(By.id("count"), "of " + (PENDING - 4) + " pending · 4 decided here");
        assertThat(server.getJson("/api/candidates?status=REJECTED", alice).path("total").asInt()).isEqualTo(2);
        assertThat(server.getJson("/api/candidates?status=MERGED", alice).path("total").asInt()).isEqualTo(1);
        screenshot("review-bulk");

        // The header box selects every pending row (after a filter by a noisy page's URL, all of its candidates); Clear undoes it.
        browser.findElement(By.id("mark-all")).click();
        waitUntilText(By.id("bulk-count"), (PENDING - 4) + " selected");
        browser.findElement(By.id("bulk-clear")).click();
        waitUntil(d -> !d.findElement(By.id("bulk-bar")).isDisplayed());
        assertThat(browser.findElements(By.cssSelector("#queue input.row-mark:checked"))).isEmpty();
        assertThat(browser.findElement(By.id("same-source")).getAttribute("href")).contains("/review?url=");
        assertNoConsoleErrors("/api/session");
    }

    @Test
    void aBookmarkedFilterAndAPlaceChosenFromTheGazetteerReachTheSavedPoint() throws Exception {
        openReviewAs(alice);
        int pointsBefore = server.getJson("/api/datapoints", alice).path("total").asInt();
        open("/review?category=training");
        waitUntilText(By.id("count"), "1–2 of 2 pending");
        assertThat(browser.findElement(By.id("f-category")).getAttribute("value")).isEqualTo("training");
        keys("e");
        WebElement place = browser.findElement(By.id("edit-place"));
        place.clear();
        place.sendKeys("Nairob");
        waitFor(By.id("edit-place-opt-0"));
        place.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        waitUntil(d -> place.getAttribute("value").startsWith("Nairobi"));
        browser.findElement(By.id("edit-label")).sendKeys(Keys.ENTER);
        waitUntilText(By.id("toast-text"), "Approved Huawei · Training · Nairobi, Kenya");
        assertThat(browser.findElement(By.cssSelector("#queue tr:first-child")).getText()).contains("Nairobi, KE");
        JsonNode point = null;
        for (JsonNode p : server.getJson("/api/datapoints", alice).path("items")) if (p.path("category").asText().equals("training")) point = p;
        assertThat(point).isNotNull();
        assertThat(point.path("city").asText()).isEqualTo("Nairobi");
        assertThat(point.path("precision").asText()).isEqualTo("city");
        keys("u"); // leave the queue as the other tests expect it
        waitUntilText(By.id("toast-text"), "Undone");
        assertThat(server.getJson("/api/datapoints", alice).path("total").asInt()).isEqualTo(pointsBefore);
        assertNoConsoleErrors("/api/session");
    }

    @Test
    void aResearcherReadsTheQueueWithoutDecisionControls() {
        openReviewAs(rita);
        waitUntilText(By.id("role-note"), "need the reviewer role");
        waitFor(By.cssSelector("#queue tr"));
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.id("edit-company"))).isEmpty();
        waitFor(By.id("detail-facts"));
        assertNoConsoleErrors("/api/session"); // the 401 of asking who is signed in before anyone is
    }

    /** Opens the review page signed in as the token's user (signing out whoever the browser's session was). */
    private void openReviewAs(String token) {
        open("/review");
        waitUntil(d -> !d.findElements(By.id("sign-out")).isEmpty() || !d.findElements(By.id("token-input")).isEmpty());
        if (!browser.findElements(By.id("sign-out")).isEmpty()) {
            browser.findElement(By.id("sign-out")).click();
            waitFor(By.id("token-input"));
        }
        signIn(token);
    }

    private void keys(String keys) {
        new Actions(browser).sendKeys(keys).perform();
    }
}
