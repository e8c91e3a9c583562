package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.tracemap.TestServer;

/**
 * The search page in a real browser, on pages captured from the loopback origin: English and Chinese queries,
 * a facet as a filter and back, paging with exact counters and Back, and a page whose text is markup shown as text.
 */
class SearchPageIT extends BrowserSupport {
    private static final int FILLERS = 22; // one page more than fits: paging has a second page of 2

    private String hostileUrl;
    private String chineseUrl;

    @BeforeAll
    void captureTheSite() throws Exception {
        hostileUrl = servePage("/news/nairobi.html", "<html><head><title>Huawei in Nairobi</title>"
                + "<meta property=\"article:published_time\" content=\"2019-05-04T08:00:00Z\"></head><body><article><h1>Huawei in Nairobi</h1>"
                + "<p>Huawei signed the Nairobi agreement on Tuesday. The tender notice quoted &lt;script&gt;alert(1)&lt;/script&gt; and "
                + "&lt;img src=x onerror=alert(1)&gt; next to the name Huawei, as pasted by its clerk.</p>"
                + "<p>The operator said the second phase covers rural districts around the capital.</p></article></body></html>");
        chineseUrl = servePage("/news/kenya-zh.html", "<html><head><title>华为与肯尼亚签署智慧城市协议</title>"
                + "<meta property=\"article:published_time\" content=\"2020-03-01T08:00:00Z\"></head><body><article><h1>华为与肯尼亚签署智慧城市协议</h1>"
                + "<p>华为技术有限公司周二在内罗毕与肯尼亚政府签署了智慧城市合作协议，项目包括视频监控和数据中心建设。</p>"
                + "<p>该项目第二期将覆盖蒙巴萨等城市，预计于明年完工。</p></article></body></html>");
        List<String> urls = new ArrayList<>(List.of(hostileUrl, chineseUrl));
        for (int i = 1; i <= FILLERS; i++) {
            urls.add(servePage("/reports/" + i + ".html", "<html><head><title>Lagos backbone report " + i + "</title></head><body><article>"
                    + "<h1>Lagos backbone report " + i + "</h1><p>ZTE expanded the fibre backbone in Lagos, according to report " + i
                    + " from the state operator.</p><p>Analysts said the work is part of a wider programme across the region.</p></article></body></html>"));
        }
        List<String> ids = new ArrayList<>();
        for (String url : urls) {
            HttpResponse<byte[]> posted = server.post("/api/captures", java.util.Map.of("url", url), TestServer.ADMIN);
            assertThat(posted.statusCode()).isEqualTo(202);
            ids.add(server.read(posted).path("id").asText());
        }
        for (String id : ids) awaitMined(id);
    }

    private void awaitMined(String id) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode capture = server.getJson("/api/captures/" + id, TestServer.ADMIN);
            if (capture.path("status").asText().equals("MINED")) return;
            assertThat(capture.path("status").asText()).as(capture.toString()).isNotEqualTo("FAILED");
            Thread.sleep(100);
        }
        throw new AssertionError("capture " + id + " was not mined within 60 s");
    }

    @Test
    void searchingInEnglishAndChineseFilteringByAFacetAndPaging() {
        open("/search");
        waitUntilText(By.id("notice"), "Sign in");
        signIn(adminToken());

        search("Huawei Nairobi");
        waitUntilText(By.id("count"), "Results 1–2 of 2");
        assertThat(browser.getCurrentUrl()).endsWith("/search?q=Huawei+Nairobi");
        WebElement english = result(hostileUrl);
        assertThat(english.findElement(By.cssSelector(".result-title a")).getAttribute("href"))
                .as("the title opens the archived copy").contains("/view?url=" + java.net.URLEncoder.encode(hostileUrl, java.nio.charset.StandardCharsets.UTF_8) + "&ts=");
        String passages = english.findElement(By.className("passages")).getText();
        assertThat(passages).as("markup in the page's text is shown as text")
                .contains("<script>alert(1)</script>", "<img src=x onerror=alert(1)>");
        assertThat(english.findElements(By.cssSelector("script, img"))).isEmpty();
        assertThat(english.findElements(By.tagName("mark"))).extracting(WebElement::getText).contains("Huawei", "Nairobi");
        screenshot("search-english");

        search("华为");
        waitUntilText(By.id("count"), "Results 1–2 of 2");
        assertThat(result(chineseUrl).findElements(By.tagName("mark"))).extracting(WebElement::getText).contains("华为");
        assertThat(result(hostileUrl).findElements(By.tagName("mark"))).as("华为 finds Huawei").extracting(WebElement::getText).contains("Huawei");

        facet("lang", "Chinese").click();
        waitUntilText(By.id("count"), "Results 1–1 of 1");
        assertThat(browser.getCurrentUrl()).contains("lang=zh");
        assertThat(facet("lang", "Chinese").getAttribute("aria-pressed")).isEqualTo("true");
        WebElement chip = waitFor(By.cssSelector("#chips .chip"));
        assertThat(chip.getAttribute("aria-label")).isEqualTo("Remove filter Language: Chinese (zh)");
        screenshot("search-chinese-facet");
        chip.click();
        waitUntilText(By.id("count"), "Results 1–2 of 2");
        assertThat(browser.getCurrentUrl()).doesNotContain("lang=");

        search("ZTE Lagos");
        waitUntilText(By.id("count"), "Results 1–20 of " + FILLERS);
        assertThat(browser.findElement(By.id("prev")).isEnabled()).isFalse();
        browser.findElement(By.id("next")).click();
        waitUntilText(By.id("count"), "Results 21–22 of " + FILLERS);
        assertThat(browser.findElements(By.cssSelector("#results .result"))).hasSize(2);
        assertThat(browser.findElement(By.id("next")).isEnabled()).as("no page after the last").isFalse();
        assertThat(browser.getCurrentUrl()).contains("page=2");
        screenshot("search-page-2");
        browser.navigate().back();
        waitUntilText(By.id("count"), "Results 1–20 of " + FILLERS);

        browser.findElement(By.tagName("body")).sendKeys("/");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("/ focuses the query box").isEqualTo("q");
        assertNoConsoleErrors("/api/session");
    }

    private void search(String query) {
        WebElement box = waitFor(By.id("q"));
        box.clear();
        box.sendKeys(query, Keys.ENTER);
    }

    private WebElement result(String url) {
        return waitUntil(b -> b.findElements(By.cssSelector("#results .result")).stream()
                .filter(r -> r.findElement(By.className("result-url")).getText().equals(url)).findFirst().orElse(null));
    }

    private WebElement facet(String name, String labelStart) {
        return waitUntil(b -> b.findElements(By.cssSelector("section[aria-labelledby='facet-" + name + "'] .facet-value")).stream()
                .filter(button -> button.getText().startsWith(labelStart)).findFirst().orElse(null));
    }
}
