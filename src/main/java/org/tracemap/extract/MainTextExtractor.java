package org.tracemap.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.tracemap.limits.Interruption;

/**
 * Finds the main text of an HTML page: strips what is never content (scripts, navigation, footers, share
 * bars, cookie banners, related lists, comments), scores containers by the paragraph text they hold
 * (readability's approach: text length and punctuation, discounted by link density), takes the best
 * container with its content-bearing siblings, and returns its text blocks.
 *
 * <p>Walks the tree with loops and explicit stacks, never recursion: jsoup builds 100,000 nested elements
 * as 100,000 levels, and a recursive walk of them overflows the stack. A page nested deeper than
 * {@link #MAX_DEPTH} is not scored at all (scoring costs its depth times its size): its whole text is kept,
 * block by block, and the extraction notes why. Its loops check for interruption, so the extract stage's
 * time limit stops it.
 */
final class MainTextExtractor {
    private static final Set<String> NEVER_CONTENT = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "nav", "aside", "footer",
            "header", "menu", "dialog", "figcaption", "label");
    private static final Pattern BOILERPLATE = Pattern.compile("(?i)(^|[-_\\s])(nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?"
            + "|footer|foot|header|masthead|topbar|top-bar|sidebar|side|aside|widgets?|related|recommend(ed|ations)?|more-news"
            + "|share|sharing|social|comments?|disqus|reply|cookies?|consent|gdpr|banner|advert|advertisement|ads?|ad-slot"
            + "|sponsor(ed)?|promo|newsletter|subscribe|signup|popup|modal|tags?|tag-list|keywords|pagination|pager|author-bio"
            + "|byline|dateline|meta|post-meta|article-meta|info|caption|credit|print|toolbar|skip|copyright|hidden|hot|rank"
            + "|login|search|logo|qrcode|qr)([-_\\s]|\\d|$)");
    private static final Pattern POSITIVE = Pattern.compile("(?i)(article|content|post|body|story|entry|main|text|detail|news-?con|zw|txt)");
    private static final Pattern BOILERPLATE_LINE = Pattern.compile("(?i)^(share( this)?|read more|related( articles| news)?|tags?:.*"
            + "|advertisement|follow us.*|print|email|分享到.*|相关(新闻|阅读|文章).*|责任编辑.*|来源[:：].*|编辑[:：].*|打印本页|关闭窗口|【.{1,6}】)$");
    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "dd", "dt");
    /**
     * Deeper than browsers build (Chromium's HTML parser stops nesting at 512 and adds deeper elements as
     * siblings): such a page was not written as an article, and nothing in it is laid out as one.
     */
    static final int MAX_DEPTH = 512;
    private static final Pattern NOT_CONTENT_ROLE = Pattern.compile("navigation|banner|contentinfo|complementary|search|dialog|menu");

    private MainTextExtractor() {}

    /** The main text blocks of the page, in document order; {@code notes} is told when the page was too deep to score. */
    static List<String> extract(Document doc, List<String> notes) {
        Element body = doc.body();
        if (body == null) return List.of();
        if (deeperThan(body, MAX_DEPTH)) {
            notes.add("the page nests elements more than " + MAX_DEPTH + " deep: its whole text is kept, not just its main text");
            return wholeText(body);
        }
        Element clean = body.clone();
        strip(clean);
        Map<Element, Double> scores = score(clean);
        LinkDensities densities = new LinkDensities();
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> e : scores.entrySet()) {
            Interruption.check();
            double s = e.getValue() * (1 - densities.of(e.getKey()));
            if (s > bestScore) {
                bestScore = s;
                best = e.getKey();
            }
        }
        if (best == null) return blocks(clean, densities);
        List<Element> chosen = withContentSiblings(best, bestScore, scores, densities);
        List<String> out = new ArrayList<>();
        for (Element e : chosen) out.addAll(blocks(e, densities));
        return out;
    }

    /** Whether any element lies more than {@code max} levels below {@code root}; one pass, stopping at the first. */
    static boolean deeperThan(Element root, int max) {
        boolean[] deep = {false};
        NodeTraversor.filter((node, depth) -> {
            if (depth > max) {
                deep[0] = true;
                return NodeFilter.FilterResult.STOP;
            }
            return NodeFilter.FilterResult.CONTINUE;
        }, root);
        return deep[0];
    }

    /**
     * Every text block of the page, in one pass and in document order: text between block elements and
     * {@code <br>}s, without what is never content (scripts, navigation, forms...). For pages too deep to score.
     */
    static List<String> wholeText(Element root) {
        List<String> out = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                Interruption.check();
                if (node instanceof TextNode t) {
                    block.append(t.text());
                } else if (node instanceof Element e) {
                    if (NEVER_CONTENT.contains(e.normalName())) return FilterResult.SKIP_ENTIRELY;
                    if (isBlockBoundary(e)) flush(block, out);
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && isBlockBoundary(e)) flush(block, out);
                return FilterResult.CONTINUE;
            }
        }, root);
        flush(block, out);
        return out;
    }

    private static boolean isBlockBoundary(Element e) {
        return e.isBlock() || BLOCKS.contains(e.normalName()) || e.normalName().equals("br") || e.normalName().equals("table");
    }

    private static void flush(StringBuilder block, List<String> out) {
        String t = block.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
        block.setLength(0);
        if (!t.isEmpty() && !BOILERPLATE_LINE.matcher(t).matches()) out.add(t);
    }

    /** Each element's link density, computed once per page (the tree no longer changes once scored). */
    private static final class LinkDensities {
        private final Map<Element, Double> known = new IdentityHashMap<>();

        double of(Element e) {
            Double d = known.get(e);
            if (d == null) {
                d = linkDensity(e);
                known.put(e, d);
            }
            return d;
        }
    }

    private static void strip(Element root) {
        for (Element e : new ArrayList<>(root.getAllElements())) {
            Interruption.check();
            if (e == root || e.parent() == null) continue;
            String tag = e.normalName();
            String marks = e.className() + " " + e.id();
            String role = e.attr("role");
            boolean hidden = e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")
                    || e.attr("style").replace(" ", "").toLowerCase().contains("display:none");
            boolean boilerplateMarks = BOILERPLATE.matcher(marks).find() && !isProbablyContent(e, marks);
            if (NEVER_CONTENT.contains(tag) || hidden || boilerplateMarks
                    || NOT_CONTENT_ROLE.matcher(role).matches()) {
                e.remove();
            }
        }
    }

    /** A container marked both as content and as something else ("article-body tags") keeps its content. */
    private static boolean isProbablyContent(Element e, String marks) {
        return POSITIVE.matcher(marks).find() && e.text().length() > 400 && linkDensity(e) < 0.3;
    }

    /** Scores each element by the paragraphs directly under it (full) and under its children (half). */
    private static Map<Element, Double> score(Element root) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : root.select("p, pre, td, blockquote, li, div, section, article, span, font")) {
            Interruption.check();
            String text = ownBlockText(p);
            int weight = weightedLength(text);
            if (weight < 25) continue;
            double score = 1 + countPunctuation(text) + Math.min(weight / 100.0, 3);
            Element parent = p.parent();
            if (parent == null) continue;
            scores.merge(parent, score, Double::sum);
            if (parent.parent() != null) scores.merge(parent.parent(), score / 2, Double::sum);
        }
        return scores;
    }

    /** The best container plus siblings that hold comparable content (a body split around an ad or image). */
    private static List<Element> withContentSiblings(Element best, double bestScore, Map<Element, Double> scores, LinkDensities densities) {
        Element parent = best.parent();
        if (parent == null) return List.of(best);
        List<Element> chosen = new ArrayList<>();
        double threshold = Math.max(10, bestScore * 0.2);
        for (Element sibling : parent.children()) {
            if (sibling == best) {
                chosen.add(sibling);
                continue;
            }
            double s = scores.getOrDefault(sibling, 0.0) * (1 - densities.of(sibling));
            boolean paragraphLike = sibling.normalName().equals("p") && weightedLength(sibling.text()) > 80 && densities.of(sibling) < 0.25;
            if (s >= threshold || paragraphLike) chosen.add(sibling);
        }
        return chosen;
    }

    /**
     * Text blocks under {@code root}: paragraphs, headings, list items, table rows, and loose text between
     * {@code <br>}s. A block with no blocks inside is one block of text; one with nested blocks (a list item holding a
     * sub-list, a quote holding paragraphs) is walked like a container: its loose text and inline elements
     * make blocks between its child blocks, which are walked in turn (depth first, on an explicit stack).
     */
    private static List<String> blocks(Element root, LinkDensities densities) {
        List<String> out = new ArrayList<>();
        if (addIfLeafBlock(root, out, densities)) return out;
        Deque<Container> open = new ArrayDeque<>();
        open.push(new Container(root));
        while (!open.isEmpty()) {
            Interruption.check();
            Container c = open.peek();
            if (c.next == c.el.childNodeSize()) {
                c.loose.flush(c.el, out, densities);
                open.pop();
                continue;
            }
            Node child = c.el.childNode(c.next++);
            if (child instanceof TextNode t) {
                c.loose.text.append(t.text());
            } else if (child instanceof Element e) {
                if (e.normalName().equals("br")) {
                    c.loose.flush(c.el, out, densities);
                } else if (e.isBlock() || BLOCKS.contains(e.normalName()) || e.normalName().equals("table")) {
                    c.loose.flush(c.el, out, densities);
                    if (!addIfLeafBlock(e, out, densities)) open.push(new Container(e));
                } else {
                    String inline = e.text();
                    c.loose.text.append(inline);
                    if (e.normalName().equals("a")) c.loose.linked += inline.length();
                    else for (Element a : e.select("a")) c.loose.linked += a.text().length();
                }
            }
        }
        return out;
    }

    /** An element being walked, the child it is at, and the loose text gathered since its last block. */
    private static final class Container {
        final Element el;
        final Loose loose = new Loose();
        int next;

        Container(Element el) {
            this.el = el;
        }
    }

    /** Adds a block that holds no blocks (or a table row) as one block of text; false for anything else. */
    private static boolean addIfLeafBlock(Element el, List<String> out, LinkDensities densities) {
        if (!BLOCKS.contains(el.normalName()) || !(el.normalName().equals("tr") || !hasBlockChild(el))) return false;
        add(el.normalName().equals("tr") ? rowText(el) : el.text().strip(), el, out, densities);
        return true;
    }

    /** Text between blocks (loose text and inline elements up to a {@code <br>}), and how much of it is link text. */
    private static final class Loose {
        final StringBuilder text = new StringBuilder();
        int linked;

        void flush(Element context, List<String> out, LinkDensities densities) {
            String t = text.toString().replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
            boolean mostlyLinks = !t.isEmpty() && linked * 2 > t.length();
            text.setLength(0);
            linked = 0;
            if (!t.isEmpty() && !mostlyLinks) add(t, context, out, densities);
        }
    }

    private static void add(String text, Element el, List<String> out, LinkDensities densities) {
        String t = text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
        if (t.isEmpty() || BOILERPLATE_LINE.matcher(t).matches()) return;
        // Link lists. (No links means a density of 0: the cached density stands for "has links" too.)
        if (densities.of(el) > 0.5 && weightedLength(t) < 400) return;
        out.add(t);
    }

    private static boolean hasBlockChild(Element el) {
        for (Element c : el.children()) {
            if (c.isBlock() || BLOCKS.contains(c.normalName()) || c.normalName().equals("table")) return true;
        }
        return false;
    }

    private static String rowText(Element tr) {
        List<String> cells = new ArrayList<>();
        for (Element cell : tr.select("> td, > th")) {
            String c = cell.text().strip();
            if (!c.isEmpty()) cells.add(c);
        }
        return String.join(" ", cells);
    }

    /** Text of an element excluding nested block containers' text (so a div is scored for its own text). */
    private static String ownBlockText(Element e) {
        if (!e.normalName().equals("div") && !e.normalName().equals("section") && !e.normalName().equals("article")
                && !e.normalName().equals("span") && !e.normalName().equals("font")) {
            return e.text();
        }
        StringBuilder s = new StringBuilder();
        for (Node child : e.childNodes()) {
            if (child instanceof TextNode t) s.append(t.text());
            else if (child instanceof Element c && !c.isBlock() && !c.normalName().equals("br")) s.append(c.text());
        }
        return s.toString();
    }

    static double linkDensity(Element e) {
        int total = e.text().length();
        if (total == 0) return 0;
        int linked = 0;
        Elements links = e.select("a");
        for (Element a : links) linked += a.text().length();
        return Math.min(1.0, (double) linked / total);
    }

    /** Length where a CJK character counts as much as a short English word. */
    static int weightedLength(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) n += isCjk(text.charAt(i)) ? 3 : 1;
        return n;
    }

    private static int countPunctuation(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、' || c == '。' || c == '；' || c == ';') n++;
        }
        return n;
    }

    static boolean isCjk(char c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
