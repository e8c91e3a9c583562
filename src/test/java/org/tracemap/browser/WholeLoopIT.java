package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;

/**
 * The whole loop as a newcomer does it, in the browser only: sign in, capture two loopback pages from the Capture
 * page and watch them finish, search them in English and Chinese, approve a candidate from the keyboard with an
 * edit, add a point the miner missed from a passage of the page's text, see both points on the map, and download
 * the GeoJSON. A screenshot of every page is saved under target/screenshots/loop-*.png.
 */
class WholeLoopIT extends BrowserSupport {
    private static final String MISSED = "Engineers from the firm will also teach 200 police officers in Mombasa to run the system";
    private static final String ENGLISH = "<html><head><title>Huawei to build Nairobi safe city</title></head><body>"
            + "<article><h1>Huawei to build Nairobi safe city</h1><p>Published 3 March 2015</p>"
            + "<p>Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city surveillance system in Nairobi, "
            + "with 1,800 cameras connected to a new command centre.</p>"
            + "<p>" + MISSED + ", officials said.</p></article></body></html>";
    private static final String CHINESE = "<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>华为迪拜数据中心启用</title></head><body>"
            + "<article><h1>华为迪拜数据中心启用</h1><p>2019年6月，华为在阿联酋迪拜建成的云数据中心正式启用，为中东地区的政府和企业客户提供云服务。</p>"
            + "<p>该数据中心是华为在海湾地区的第二个数据中心。</p></article></body></html>";

    @Test
    void aNewcomerDoesTheWholeLoopInTheBrowser() throws Exception {
        String reviewer = new Authenticator(server.tracemap().tokens()).addUser("alice", Role.REVIEWER);
        String english = servePage("/news/nairobi-safe-city.html", ENGLISH);
        String chinese = servePage("/zh/dubai-data-centre.html", CHINESE);

        // Sign in and capture both pages from the Capture page; watch them finish.
        open("/capture");
        signIn(reviewer);
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo("Signed in as alice (reviewer)");
        waitFor(By.id("c-urls")).sendKeys(english + "\n" + chinese + "\n");
        browser.findElement(By.id("c-tags")).sendKeys("project=loop");
        browser.findElement(By.id("c-submit")).click();
        waitUntilText(By.id("capture-result"), "Queued 2 captures.");
        waitUntil(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#captures-body tr[data-status]"));
            return rows.size() == 2 && rows.stream().allMatch(r -> "MINED".equals(r.getAttribute("data-status")));
        });
        screenshot("loop-1-capture");

        // Search in English, then in Chinese: 华为 finds the Chinese page and, through the gazetteer, the English one.
        open("/search");
        search("Nairobi");
        waitUntilText(By.id("count"), "Results 1–1 of 1");
        assertThat(browser.findElement(By.cssSelector("#results .result .result-url")).getText()).isEqualTo(english);
        search("华为");
        waitUntilText(By.id("count"), "Results 1–2 of 2");
        assertThat(browser.findElements(By.cssSelector("#results .result .result-url"))).extracting(WebElement::getText)
                .containsExactlyInAnyOrder(english, chinese);
        screenshot("loop-2-search");

        // Review the English page's candidates: e to edit, a new label, Enter approves with it.
        open("/review?url=" + java.net.URLEncoder.encode(english, java.nio.charset.StandardCharsets.UTF_8));
        waitFor(By.cssSelector("#queue tr[aria-selected='true']"));
        WebElement first = browser.findElement(By.cssSelector("#queue tr[aria-selected='true']"));
        assertThat(first.getText()).contains("Nairobi");
        waitFor(By.id("quote-mark"));
        screenshot("loop-3-review");
        keys("e");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("edit-company");
        browser.findElement(By.id("edit-label")).sendKeys("Nairobi Safe City", Keys.ENTER);
        waitUntilText(By.id("toast-text"), "Approved Huawei");

        // The miner missed the Mombasa training: add it by hand from the page's text, linked from the Capture page.
        open("/capture");
        WebElement row = waitUntil(d -> d.findElements(By.cssSelector("#captures-body tr[data-status]")).stream()
                .filter(r -> r.findElement(By.cssSelector(".capture-url")).getText().equals(english)).findFirst().orElse(null));
        row.findElement(By.cssSelector("a.link-text")).click();
        WebElement text = waitFor(By.id("snapshot-text"));
        waitUntil(d -> !text.getAttribute("value").isEmpty());
        long start = (Long) script("const t = arguments[0]; const i = t.value.indexOf(arguments[1]); t.focus(); t.setSelectionRange(i, i); return i;",
                text, MISSED);
        assertThat(start).as("the passage is in the extracted text").isNotNegative();
        CharSequence[] shiftRight = new CharSequence[MISSED.length() + 2];
        shiftRight[0] = Keys.SHIFT;
        for (int i = 1; i <= MISSED.length(); i++) shiftRight[i] = Keys.ARROW_RIGHT;
        shiftRight[shiftRight.length - 1] = Keys.NULL;
        text.sendKeys(shiftRight);
        waitFor(By.id("add-point"));
        text.sendKeys("a");
        waitFor(By.id("point-pane"));
        assertThat(browser.findElement(By.id("p-quote")).getText()).isEqualTo(MISSED);
        new Select(browser.findElement(By.id("p-company"))).selectByValue("huawei");
        new Select(browser.findElement(By.id("p-category"))).selectByValue("training");
        WebElement place = browser.findElement(By.id("p-place-input"));
        place.sendKeys("Mombasa");
        waitUntilText(By.id("p-place-input-list"), "Mombasa, Kenya");
        place.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        browser.findElement(By.id("p-year")).sendKeys("2015");
        browser.findElement(By.id("p-label")).sendKeys("Police training in Mombasa");
        screenshot("loop-4-add-point");
        browser.findElement(By.id("save-reviewed")).click();
        waitUntilText(By.id("point-result"), "Saved as reviewed data point");

        // Both points on the map, and in the GeoJSON it downloads.
        open("/map");
        waitUntilText(By.id("map-count"), "Showing 2 of 2 data points");
        assertThat(browser.findElements(By.cssSelector("#point-list tbody th"))).extracting(e -> e.getText().strip())
                .containsExactlyInAnyOrder("Nairobi Safe City", "Police training in Mombasa");
        screenshot("loop-5-map");
        browser.findElement(By.cssSelector("button[data-format='geojson']")).click();
        Path file = waitUntil(d -> downloaded(".geojson"));
        JsonNode geojson = new ObjectMapper().readTree(file.toFile());
        assertThat(geojson.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(geojson.path("features")).hasSize(2);
        assertThat(geojson.path("features").findValuesAsText("label")).containsExactlyInAnyOrder("Nairobi Safe City", "Police training in Mombasa");
        assertNoConsoleErrors("/api/session");
    }

    private void search(String query) {
        WebElement box = waitFor(By.id("q"));
        box.clear();
        box.sendKeys(query, Keys.ENTER);
    }

    private void keys(String keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /** The finished download whose name ends with {@code suffix}, or null while there is none. */
    private Path downloaded(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
