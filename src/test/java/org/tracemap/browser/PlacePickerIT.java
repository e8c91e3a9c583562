package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.tracemap.TestServer;

/**
 * The place picker in a real browser: on the public form a typed "Serb" offers Serbia, a place not chosen from the
 * list stops the form; in a snapshot's text a passage selected with the keyboard becomes a reviewed point in Belgrade.
 */
class PlacePickerIT extends BrowserSupport {
    private static final String PASSAGE = "The Chinese vendor opened an innovation centre in Belgrade in 2021";
    private static final String PAGE = "<html><head><title>New lab in Belgrade</title></head><body><article><h1>New lab in Belgrade</h1>"
            + "<p>" + PASSAGE + ", its spokesman said.</p><p>Local engineers will be trained there.</p></article></body></html>";

    @Test
    void publicFormRefusesATypedPlaceAndSendsTheChosenCountry() throws Exception {
        String url = servePage("/suggested.html", PAGE);
        open("/submit");
        waitFor(By.id("s-url")).sendKeys(url);
        WebElement place = waitFor(By.id("s-place-input"));
        assertThat(place.getAttribute("role")).isEqualTo("combobox");

        place.sendKeys("Serbiaa"); // matches nothing: it must not be sent as anything
        browser.findElement(By.id("s-submit")).click();
        waitUntilText(By.id("s-place-input-error"), "Choose a place from the list");
        assertThat(place.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("submit-result")).isDisplayed()).isFalse();

        place.clear();
        place.sendKeys("Serb");
        waitUntilText(By.id("s-place-input-list"), "Serbia");
        assertThat(place.getAttribute("aria-expanded")).isEqualTo("true");
        place.sendKeys(Keys.ARROW_DOWN);
        assertThat(place.getAttribute("aria-activedescendant")).isEqualTo("s-place-input-opt-0");
        screenshot("place-picker-serb");
        place.sendKeys(Keys.ENTER);
        assertThat(place.getAttribute("value")).isEqualTo("Serbia");
        assertThat(place.getAttribute("aria-expanded")).isEqualTo("false");

        browser.findElement(By.id("s-submit")).click();
        waitUntilText(By.id("submit-result"), "Thank you");
        String id = browser.findElement(By.id("submit-result")).getText().replaceAll("(?s).*number (\\d+).*", "$1");
        JsonNode candidate = server.getJson("/api/candidates/" + id, TestServer.ADMIN);
        assertThat(candidate.path("country").asText()).isEqualTo("RS");
        assertThat(candidate.path("city").isNull()).isTrue();
        assertNoConsoleErrors("/api/session");
    }

    @Test
    void passageSelectedWithTheKeyboardIsSavedAsAReviewedPointInBelgrade() throws Exception {
        String url = servePage("/belgrade.html", PAGE);
        String snapshotId = captureAndWait(url);
        open("/text?snapshot=" + URLEncoder.encode(snapshotId, StandardCharsets.UTF_8));
        signIn(adminToken());
        WebElement text = waitFor(By.id("snapshot-text"));
        waitUntil(d -> !text.getAttribute("value").isEmpty());
        String original = text.getAttribute("value");

        // Caret before the passage, then Shift+Right over it: a keyboard selection.
        long start = (Long) script("const t = arguments[0]; const i = t.value.indexOf(arguments[1]); t.focus(); t.setSelectionRange(i, i); return i;",
                text, PASSAGE);
        assertThat(start).isNotNegative();
        CharSequence[] keys = new CharSequence[PASSAGE.length() + 2];
        keys[0] = Keys.SHIFT;
        for (int i = 1; i <= PASSAGE.length(); i++) keys[i] = Keys.ARROW_RIGHT;
        keys[keys.length - 1] = Keys.NULL; // releases Shift
        text.sendKeys(keys);
        waitFor(By.id("add-point"));
        text.sendKeys("a");
        waitFor(By.id("point-pane"));
        assertThat(text.getAttribute("value")).as("the snapshot's text cannot be edited").isEqualTo(original);
        assertThat(browser.findElement(By.id("p-quote")).getText()).isEqualTo(PASSAGE);

        new Select(browser.findElement(By.id("p-company"))).selectByValue("huawei");
        new Select(browser.findElement(By.id("p-category"))).selectByValue("rd-lab");
        WebElement place = browser.findElement(By.id("p-place-input"));
        place.sendKeys("贝尔格莱德");
        waitUntilText(By.id("p-place-input-list"), "Belgrade, Serbia");
        place.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        assertThat(place.getAttribute("value")).isEqualTo("Belgrade, Serbia");
        browser.findElement(By.id("p-year")).sendKeys("2021");
        browser.findElement(By.id("p-label")).sendKeys("Belgrade innovation centre");
        screenshot("text-add-point");
        browser.findElement(By.id("save-reviewed")).click();
        waitUntilText(By.id("point-result"), "Saved as reviewed data point");

        JsonNode points = server.getJson("/api/datapoints?format=json", TestServer.ADMIN);
        JsonNode point = points.path("items").get(0);
        assertThat(point.path("city").asText()).isEqualTo("Belgrade");
        assertThat(point.path("label").asText()).isEqualTo("Belgrade innovation centre");
        assertThat(point.path("sources").get(0).path("quote").asText()).isEqualTo(PASSAGE);
        assertNoConsoleErrors("/api/session");
    }

    /** Captures the URL through the API and waits until it is mined; returns its snapshot id. */
    private String captureAndWait(String url) throws Exception {
        return server.captureAndWait(url).path("snapshot").path("id").asText();
    }
}
