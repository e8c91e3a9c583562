package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocumentExtractorTest {
    private static final String NEWS = """
            <!doctype html><html><head><title>Huawei opens R&amp;D lab in Paris | Tech Wire</title>
            <meta property="article:published_time" content="2019-06-14T09:00:00Z"></head><body>
            <header class="site-header"><nav><a href="/">Home</a><a href="/tech">Tech</a><a href="/biz">Business</a></nav></header>
            <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
            <div class="layout"><main><article><h1>Huawei opens R&amp;D lab in Paris</h1><div class="byline">By A. Writer</div>
            <div class="article-body"><p>Huawei has opened a mathematics research centre in Paris, the company said on Friday, in a move to deepen its ties with French universities.</p>
            <div class="ad-slot">Advertisement</div>
            <p>The lab, located in the 13th arrondissement, will employ around 30 researchers working on algorithms for 5G networks, according to the company.</p>
            <h2>Partnerships</h2><p>The company signed agreements with two universities, it said, covering doctoral scholarships and joint publications.</p>
            <div class="share-bar"><a href="#">Share on Twitter</a><a href="#">Facebook</a></div></div></article>
            <aside class="related"><h3>Related</h3><ul><li><a href="/a">ZTE wins contract in Malaysia</a></li>
            <li><a href="/b">Alibaba Cloud expands in Dubai</a></li></ul></aside></main></div>
            <footer><p>© 2024 Tech Wire. All rights reserved. Updated 2024-03-01.</p><a href="/privacy">Privacy</a></footer></body></html>
            """;

    private final DocumentExtractor extractor = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(20), 1_000_000, false));

    @AfterEach
    void close() {
        extractor.close();
    }

    @Test
    void mainTextKeepsTheArticleAndDropsNavigationAdsSharingRelatedAndFooter() throws Exception {
        ExtractedText t = extractor.extract(NEWS.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", "https://news.example/huawei-paris");
        assertThat(t.text()).isEqualTo("""
                Huawei has opened a mathematics research centre in Paris, the company said on Friday, in a move to deepen its ties with French universities.

                The lab, located in the 13th arrondissement, will employ around 30 researchers working on algorithms for 5G networks, according to the company.

                Partnerships

                The company signed agreements with two universities, it said, covering doctoral scholarships and joint publications.""");
        assertThat(t.title()).isEqualTo("Huawei opens R&D lab in Paris");
        assertThat(t.published()).isEqualTo(LocalDate.of(2019, 6, 14));
        assertThat(t.lang()).isEqualTo("en");
        assertThat(t.outlinks()).contains("https://news.example/a", "https://news.example/privacy").doesNotHaveDuplicates();
    }

    private static String chinesePage(String charsetMeta) {
        return "<html><head>" + charsetMeta + "<title>华为与肯尼亚签署智慧城市合作备忘录_新闻中心</title></head><body>"
                + "<div class=\"nav\"><a href=\"/\">首页</a><a href=\"/news\">新闻中心</a></div><div class=\"content\">"
                + "<h1>华为与肯尼亚签署智慧城市合作备忘录</h1><div class=\"info\">发布时间：2015-01-20 来源：本站</div><div class=\"zw\">"
                + "<p>1月20日，华为技术有限公司与肯尼亚内罗毕县政府在内罗毕签署智慧城市合作备忘录，双方将在平安城市、数据中心和宽带网络等领域开展合作。</p>"
                + "<p>根据备忘录，华为将为内罗毕提供视频监控、指挥中心和政务云等解决方案，朱镕基路沿线将率先部署。</p></div></div>"
                + "<div class=\"footer\">版权所有 2016 新闻网 京ICP备12345号</div></body></html>";
    }

    @Test
    void gbkPageWithoutAnyCharsetDeclarationIsDetected() throws Exception {
        ExtractedText t = extractor.extract(chinesePage("").getBytes(Charset.forName("GBK")), "text/html", "http://gov.example/a.html");
        assertThat(t.text()).contains("华为技术有限公司与肯尼亚内罗毕县政府").contains("朱镕基路").doesNotContain("首页").doesNotContain("版权所有");
        assertThat(t.title()).isEqualTo("华为与肯尼亚签署智慧城市合作备忘录");
        assertThat(t.published()).isEqualTo(LocalDate.of(2015, 1, 20));
        assertThat(t.lang()).isEqualTo("zh");
    }

    @Test
    void gb2312DeclarationIsReadAsGb18030SoGbkOnlyCharactersSurvive() throws Exception {
        // 镕 is in GBK but not in GB2312: pages that declare gb2312 routinely contain such characters.
        byte[] page = chinesePage("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">").getBytes(Charset.forName("GBK"));
        assertThat(extractor.extract(page, null, "http://gov.example/a.html").text()).contains("朱镕基路");
    }

    @Test
    void aUtf8HeaderOnGbkBytesLosesToTheBytes() throws Exception {
        byte[] page = chinesePage("").getBytes(Charset.forName("GBK"));
        assertThat(extractor.extract(page, "text/html; charset=utf-8", "http://gov.example/a.html").text()).contains("平安城市");
    }

    @Test
    void big5PageWithMetaDeclarationDecodes() throws Exception {
        String page = "<html><head><meta charset=\"big5\"><title>中興通訊完成5G測試</title></head><body><div class=\"article\">"
                + "<p>中興通訊與印尼電信營運商在雅加達完成第五代行動通訊網路測試，雙方表示將於明年擴大部署範圍。</p></div></body></html>";
        ExtractedText t = extractor.extract(page.getBytes(Charset.forName("Big5")), "text/html", "http://tw.example/");
        assertThat(t.text()).contains("中興通訊與印尼電信營運商在雅加達完成第五代行動通訊網路測試");
        assertThat(t.lang()).isEqualTo("zh");
    }

    @Test
    void datesInEnglishAndChineseFormsAreRead() {
        assertThat(PublicationDateFinder.parse("发布时间：2015年1月20日 10:30")).hasValue(LocalDate.of(2015, 1, 20));
        assertThat(PublicationDateFinder.parse("Published 20 January 2015")).hasValue(LocalDate.of(2015, 1, 20));
        assertThat(PublicationDateFinder.parse("Posted on Jan. 20, 2015 by staff")).hasValue(LocalDate.of(2015, 1, 20));
        assertThat(PublicationDateFinder.parse("2019-06-14T09:00:00Z")).hasValue(LocalDate.of(2019, 6, 14));
        assertThat(PublicationDateFinder.parse("2019/6/4")).hasValue(LocalDate.of(2019, 6, 4));
        assertThat(PublicationDateFinder.parse("phone 2019-13-45")).isEmpty();
        assertThat(PublicationDateFinder.parse("2099-01-01")).as("future dates are not publication dates").isEmpty();
    }

    @Test
    void visibleDateSkipsUpdatedAndCopyrightDates() throws Exception {
        String page = "<html><body><p class=\"updated\">Updated 2021-05-05</p><div class=\"post\"><h1>ZTE 5G trial</h1>"
                + "<p class=\"date\">Published: 3 March 2020</p><p>ZTE and Telkomsel completed a 5G trial in Jakarta, the companies said.</p>"
                + "</div><footer>© 2023 Example</footer></body></html>";
        assertThat(extractor.extract(page.getBytes(StandardCharsets.UTF_8), "text/html", "https://x.example/").published())
                .isEqualTo(LocalDate.of(2020, 3, 3));
    }

    @Test
    void jsonLdDatePublishedIsRead() throws Exception {
        String page = "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\","
                + "\"datePublished\":\"2018-11-02T08:00:00+08:00\",\"dateModified\":\"2019-01-01\"}</script></head><body><p>Text of the article, long enough.</p></body></html>";
        assertThat(extractor.extract(page.getBytes(StandardCharsets.UTF_8), "text/html", "https://x.example/").published())
                .isEqualTo(LocalDate.of(2018, 11, 2));
    }

    @Test
    void mixedPageGetsItsDominantLanguage() {
        LanguageGuesser guesser = new LanguageGuesser();
        assertThat(guesser.guess("华为（Huawei）与沙特电信公司STC在利雅得签署5G合作协议，双方将建设数据中心。")).isEqualTo("zh");
        assertThat(guesser.guess("Alibaba Cloud (阿里云) opened its second data centre in Riyadh on Tuesday, the company said in a statement "
                + "released to the press, adding that it would serve government customers across the region.")).isEqualTo("en");
        assertThat(guesser.guess("12345 !!!")).isEqualTo("und");
    }

    @Test
    void brokenDocumentEndsAsAClearError() {
        byte[] broken = "%PDF-1.4\n1 0 obj << /Type /Catalog".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> extractor.extract(broken, "application/pdf", "https://x.example/t.pdf"))
                .isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("the document could not be parsed (application/pdf)");
    }

    @Test
    void emptyBodyHasNoText() throws Exception {
        ExtractedText t = extractor.extract(new byte[0], "text/html", "https://x.example/");
        assertThat(t.text()).isEmpty();
        assertThat(t.lang()).isEqualTo("und");
    }

    @Test
    void textPastTheLimitIsCutAndMarked() throws Exception {
        try (DocumentExtractor small = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(20), 100, false))) {
            ExtractedText t = small.extract(NEWS.getBytes(StandardCharsets.UTF_8), "text/html", "https://x.example/");
            assertThat(t.text()).hasSize(100);
            assertThat(t.truncated()).isTrue();
        }
    }

    @Test
    void documentPastTheTimeLimitEndsAsAnError() {
        StringBuilder huge = new StringBuilder("<html><body>");
        for (int i = 0; i < 200_000; i++) huge.append("<p>Paragraph ").append(i).append(" about a smart city project, with commas, and more.</p>");
        try (DocumentExtractor hurried = new DocumentExtractor(new ExtractSettings(Duration.ofMillis(1), 1_000_000, false))) {
            assertThatThrownBy(() -> hurried.extract(huge.toString().getBytes(StandardCharsets.UTF_8), "text/html", "https://x.example/"))
                    .isInstanceOf(ExtractionException.class)
                    .hasMessageContaining("tracemap.extract.time-limit");
        }
    }
}
