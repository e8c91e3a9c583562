package org.tracemap.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a page's title the way readers and Readability name it: a title the page states for its article
 * (JSON-LD {@code headline}, Dublin Core, Open Graph, Weibo, Twitter and Parse.ly tags), else the document
 * {@code <title>} without the site's name after a separator ("Story | Site", "报道_新华网"), or the page's only
 * {@code <h1>} when the title is unusable.
 */
final class TitleFinder {
    /** Meta tags that state the article's title, most specific first (Readability's order). */
    private static final String[] META = {"dc:title", "dcterm:title", "og:title", "weibo:article:title", "weibo:webpage:title",
            "title", "twitter:title", "parsely-title"};
    private static final Pattern SEPARATOR = Pattern.compile(" [|\\-–—\\\\/>»] ");
    private static final Pattern HIERARCHICAL = Pattern.compile(" [\\\\/>»] ");
    /** Separators Chinese sites put between headline and site name, often without spaces. */
    // (A single hyphen between characters is not one: "中国-东盟信息港" is a name.)
    private static final Pattern CJK_SEPARATOR = Pattern.compile("\\s*[_｜|]\\s*|\\s+[-—–]+\\s+|\\s*(--+|——?)\\s*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TitleFinder() {}

    static String find(Document doc) {
        String stated = jsonLdHeadline(doc);
        if (stated == null) stated = metaTitle(doc);
        if (stated != null) return clean(stated);
        return clean(documentTitle(doc));
    }

    private static String metaTitle(Document doc) {
        List<Element> metas = doc.select("meta[content]");
        for (String name : META) {
            for (Element m : metas) {
                for (String key : new String[] {"property", "name"}) {
                    // A property attribute may list several names ("og:title twitter:title").
                    for (String n : m.attr(key).trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                        if (n.equals(name) && !m.attr("content").isBlank()) return m.attr("content");
                    }
                }
            }
        }
        return null;
    }

    /** The {@code headline} (else {@code name}) of the page's JSON-LD article, if it has one. */
    private static String jsonLdHeadline(Document doc) {
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                JsonNode root = JSON.readTree(jsonLd(script.data()));
                for (JsonNode node : candidates(root)) {
                    String type = node.path("@type").toString();
                    if (!type.matches("(?s).*(Article|BlogPosting|Report|WebPage).*")) continue;
                    String headline = node.path("headline").asText("").strip();
                    String name = type.contains("WebPage") ? "" : node.path("name").asText("").strip();
                    if (headline.isEmpty() && name.isEmpty()) continue;
                    if (headline.isEmpty()) return name;
                    if (name.isEmpty() || name.equals(headline)) return headline;
                    // Both, and they differ (Wikipedia's headline is a description): the one nearer the document title.
                    String title = doc.title();
                    return similarity(name, title) > similarity(headline, title) ? name : headline;
                }
            } catch (IOException e) {
                // malformed JSON-LD is common; the other sources remain
            }
        }
        return null;
    }

    /** The JSON of a JSON-LD script, without the CDATA wrapper some pages put around it. */
    static String jsonLd(String data) {
        return data.strip().replaceFirst("^<!\\[CDATA\\[", "").replaceFirst("\\]\\]>$", "");
    }

    /** Share of {@code b}'s words that {@code a} also has (Readability's textSimilarity, by words). */
    private static double similarity(String a, String b) {
        java.util.Set<String> aw = new java.util.HashSet<>(List.of(a.toLowerCase(Locale.ROOT).split("\\W+")));
        String[] bw = b.toLowerCase(Locale.ROOT).split("\\W+");
        if (bw.length == 0) return 0;
        int shared = 0;
        for (String w : bw) if (aw.contains(w)) shared++;
        return (double) shared / bw.length;
    }

    private static List<JsonNode> candidates(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        if (root == null) return out;
        if (root.isArray()) root.forEach(out::add);
        else out.add(root);
        List<JsonNode> withGraph = new ArrayList<>(out);
        for (JsonNode n : out) if (n.path("@graph").isArray()) n.path("@graph").forEach(withGraph::add);
        return withGraph;
    }

    /** Readability's treatment of the document title, with the separators of Chinese sites added. */
    static String documentTitle(Document doc) {
        String original = doc.title().strip();
        String title = original;
        boolean hierarchical = false;
        Matcher separators = SEPARATOR.matcher(original);
        int last = -1;
        while (separators.find()) last = separators.start();
        if (hasCjk(original)) {
            // Chinese sites: "标题_栏目_站名" mostly, "站名--标题" on older government sites, "标题 站名" now and then.
            String t = CJK_SEPARATOR.matcher(original).find() ? headlinePart(original) : original;
            // Trailing site and channel names after a space or a hyphen: "标题-新华网", "标题-浙江新闻-浙江在线", "标题 江苏省商务厅".
            while (true) {
                int cut = Math.max(t.lastIndexOf(' '), Math.max(t.lastIndexOf('-'), t.lastIndexOf('–')));
                if (cut <= 0 || t.length() - cut > 13) return t;
                String tail = t.substring(cut + 1).strip();
                if (!SITE_NAME.matcher(tail).matches() && !CHANNEL.matcher(tail).matches()) return t;
                t = t.substring(0, cut).strip();
            }
        }
        if (last >= 0) {
            hierarchical = HIERARCHICAL.matcher(original).find();
            title = original.substring(0, last);
            if (words(title) < 3) title = original.replaceFirst("^[^|\\-–—\\\\/>»]*[|\\-–—\\\\/>»]", "");
        } else if (original.contains(": ")) {
            boolean headingMatches = false;
            for (Element h : doc.select("h1, h2")) if (h.text().strip().equals(original)) headingMatches = true;
            if (!headingMatches) {
                title = original.substring(original.lastIndexOf(':') + 1);
                if (words(title) < 3) title = original.substring(original.indexOf(':') + 1);
                else if (words(original.substring(0, original.indexOf(':'))) > 5) title = original;
            }
        } else if (original.length() > 150 || original.length() < 15) {
            var h1s = doc.select("h1");
            if (h1s.size() == 1) title = h1s.first().text();
        }
        title = title.strip().replaceAll("\\s{2,}", " ");
        String confirmed = confirmedShortHeadline(doc, original);
        if (confirmed != null) return confirmed;
        int count = words(title);
        if (count <= 4 && (!hierarchical || count != words(original.replaceAll("[|\\-–—\\\\/>»]+", "")) - 1)) title = original;
        if (title.isBlank()) {
            var h1s = doc.select("h1");
            if (h1s.size() == 1) title = h1s.first().text();
        }
        return title;
    }

    /**
     * The first part of a separated title when it is too short for Readability's rules to trust ("Huawei lab |
     * Wire" keeps the site name) but the page shows exactly it as a heading: the headline, confirmed by the page.
     */
    private static String confirmedShortHeadline(Document doc, String title) {
        String[] parts = SEPARATOR.split(title);
        if (parts.length < 2 || words(parts[0]) > 2) return null;
        String first = parts[0].strip();
        for (Element h : doc.select("h1, h2")) if (h.text().strip().equals(first)) return first;
        return null;
    }

    /** A part that names the site rather than the story: "新华网", "杭州市商务委员会", "中国移动国际有限公司". */
    private static final Pattern SITE_NAME = Pattern.compile(".*(网|網|网站|網站|门户|門戶|政府|委员会|委員會|[部局厅廳办辦]|公司|集团|集團|报|報|社|频道|頻道|官网|官網)$");

    /** A channel's name rather than a headline: "浙江新闻", "浙江在线", "国际频道". */
    private static final Pattern CHANNEL = Pattern.compile(".*(新闻|新聞|在线|在線|频道|頻道|首页|首頁|资讯|資訊)$");

    /** The headline among the parts: the first, unless it names the site and a longer part follows. */
    private static String headlinePart(String title) {
        List<String> parts = new ArrayList<>();
        for (String part : CJK_SEPARATOR.split(title)) if (!part.isBlank()) parts.add(part.strip());
        if (parts.isEmpty()) return title;
        String first = parts.get(0);
        if (!SITE_NAME.matcher(first).matches()) return first;
        String longest = first;
        for (String p : parts) if (p.length() > longest.length()) longest = p;
        return longest;
    }

    /** Words as Readability counts them (runs between spaces); Chinese has no spaces: two characters count as a word. */
    private static int words(String s) {
        String t = s.strip();
        if (t.isEmpty()) return 0;
        int cjk = 0;
        for (int i = 0; i < t.length(); i++) if (MainTextExtractor.isCjk(t.charAt(i))) cjk++;
        return t.split("\\s+").length + cjk / 2;
    }

    private static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); i++) if (MainTextExtractor.isCjk(s.charAt(i))) return true;
        return false;
    }

    /** "Huawei opens lab in Paris | Example News" -> "Huawei opens lab in Paris"; keeps the longest part. */
    static String stripSiteName(String title) {
        String[] parts = title.split("\\s+[|\\-–—_»:]\\s+|\\s*[|｜_]\\s*|\\s*[-—]{1,2}\\s*(?=[^\\s]*$)");
        String best = title;
        if (parts.length > 1) {
            best = parts[0];
            for (String p : parts) if (p.strip().length() > best.strip().length()) best = p;
        }
        return best;
    }

    private static String clean(String s) {
        return s == null ? null : s.replaceAll("[\\s\\p{Z}]+", " ").strip();
    }
}
