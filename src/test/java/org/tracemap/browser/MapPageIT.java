package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;
import org.tracemap.DataPointFixtures;

/**
 * The map page in a browser: the filters drive the markers and the list together, a point opens from the list
 * or from its marker by keyboard with its sources and archived copies, and the world is drawn without the
 * stripes of polygons crossing the antimeridian (see the screenshot map-world.png).
 */
class MapPageIT extends BrowserSupport {

    @BeforeAll
    void seed() {
        DataPointFixtures.seed(server.tracemap(), DataPointFixtures.THREE);
    }

    @Test
    void filtersChangeTheMarkersAndTheListAndAPointOpensWithItsSources() {
        open("/map");
        signIn(adminToken());
        waitUntilText(By.id("map-count"), "Showing 3 of 3 data points");
        assertThat(pointsOnTheMap()).isEqualTo(3);
        assertThat(listedTitles()).containsExactly("Addis Ababa 5G trial", "Dubai data centre", "Nairobi safe city");
        screenshot("map");

        new Select(browser.findElement(By.id("m-company"))).selectByValue("huawei");
        waitUntilText(By.id("map-count"), "Showing 2 of 3");
        assertThat(pointsOnTheMap()).isEqualTo(2);
        assertThat(listedTitles()).containsExactly("Dubai data centre", "Nairobi safe city");
        assertThat(browser.getCurrentUrl()).endsWith("/map?company=huawei");

        browser.findElement(By.id("m-year-from")).sendKeys("2015", Keys.TAB);
        waitUntilText(By.id("map-count"), "Showing 1 of 3");
        assertThat(pointsOnTheMap()).isEqualTo(1);
        assertThat(listedTitles()).containsExactly("Dubai data centre");

        // The downloads ask the API for what the filters show.
        script("window.requested = []; const fetchOf = window.fetch;"
                + " window.fetch = (url, options) => { window.requested.push(String(url)); return fetchOf(url, options); };");
        browser.findElement(By.cssSelector("button[data-format='csv']")).click();
        waitUntil(d -> !((List<?>) script("return window.requested")).isEmpty());
        assertThat(((List<?>) script("return window.requested")).stream().map(String::valueOf).toList())
                .containsExactly("/api/datapoints?company=huawei&yearFrom=2015&format=csv");

        // Chosen from the list: the panel shows the point and every source, with the archived copy and the replay.
        browser.findElement(By.cssSelector("#point-list tbody button")).click();
        WebElement panel = waitFor(By.id("point-detail"));
        assertThat(panel.getText()).as("a missing field is left out, not written as null").doesNotContainPattern("(?m)^null$");
        assertThat(panel.findElement(By.id("point-heading")).getText()).isEqualTo("Dubai data centre");
        assertThat(panel.getText()).contains("Huawei opened a data centre in Dubai in 2016.").contains("Captured 2016-10-10 00:00 UTC");
        assertThat(panel.findElement(By.linkText("archived copy")).getAttribute("href"))
                .endsWith("/view?url=https%3A%2F%2Fnews.example.org%2Fdubai&ts=20161010000000");
        assertThat(panel.findElement(By.linkText("replay")).getAttribute("href")).endsWith("/replay/20161010000000/https://news.example.org/dubai");
        assertThat(browser.switchTo().activeElement().getText()).as("the focus stays on the list's row").contains("Dubai data centre");

        // Cleared filters; the Nairobi marker reached with the keyboard opens its point.
        browser.findElement(By.cssSelector("#map-filters button[type=reset]")).click();
        waitUntilText(By.id("map-count"), "Showing 3 of 3");
        // Markers are redrawn when the map settles on its new zoom: a stale one is looked up again.
        new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement nairobi = d.findElement(By.cssSelector(".point-marker[title^='Nairobi safe city']"));
            assertThat(nairobi.getAttribute("tabindex")).isEqualTo("0");
            assertThat(nairobi.getSize().getWidth()).isGreaterThanOrEqualTo(12);
            nairobi.sendKeys(Keys.ENTER);
            return true;
        });
        waitUntilText(By.id("point-heading"), "Nairobi safe city");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("point-heading");
        assertNoConsoleErrors("/api/session", "/api/datapoints");
    }

    @Test
    void theWholeWorldIsDrawnFromTheBundledOutlinesWithoutATileServer() {
        open("/map?company=bgi"); // no point: the map stays on the whole world
        waitFor(By.cssSelector("#map path.leaflet-interactive, #map svg path"));
        assertThat(browser.findElement(By.id("map-attribution")).getText()).contains("Natural Earth");
        List<String> images = (List<String>) script("return [...document.querySelectorAll('#map img')].map(i => i.src)");
        assertThat(images).as("no tile is requested from anywhere").isEmpty();
        screenshot("map-world"); // looked at: no horizontal stripes across the map (Russia, Fiji, Antarctica)
        assertNoConsoleErrors("/api/session", "/api/datapoints");
    }

    /** Points the markers stand for: one per point marker, a cluster's count for each cluster. */
    private long pointsOnTheMap() {
        return ((Number) script("return document.querySelectorAll('.point-marker').length + [...document.querySelectorAll('.cluster-count')]"
                + ".reduce((n, c) => n + Number(c.textContent), 0)")).longValue();
    }

    private List<String> listedTitles() {
        return browser.findElements(By.cssSelector("#point-list tbody th")).stream().map(WebElement::getText).map(String::strip).toList();
    }
}
