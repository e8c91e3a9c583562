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
 * Finds the main text of an HTML page: {@link ArticleFinder} picks the element holding the article (Readability's
 * scoring), {@link ArticleCleaner} drops the widgets, link lists and share bars left inside it, and the article's
 * text blocks (paragraphs, headings, list items, table rows, text between line breaks) come out in document order.
 * When a pass finds less than a short article's worth of text, it runs again with fewer of its guesses (not
 * dropping "unlikely" elements, then not weighting class names, then not cleaning), and the longest result wins.
 *
 * <p>Walks the tree with loops and explicit stacks, never recursion: jsoup builds 100,000 nested elements
 * as 100,000 levels, and a recursive walk of them overflows the stack. A page nested deeper than
 * {@link #MAX_DEPTH} is not scored at all (scoring costs its depth times its size): its whole text is kept,
 * block by block, and the extraction notes why. Its loops check for interruption, so the extract stage's
 * time limit stops it.
 */
final class MainTextExtractor {
    /** Never article text, whatever the pass: dropped before scoring. */
    private static final Set<String> NEVER_CONTENT = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "button", "input", "select", "textarea", "dialog", "head", "title", "meta", "link",
            // Captions describe a picture, not the story (the best extractors on hand-labelled articles drop them too).
            "figcaption");
    /** Page furniture by its HTML5 element, dropped in every pass (trafilatura does too): a footer is never the story. */
    private static final Set<String> FURNITURE = Set.of("nav", "aside", "footer", "menu");
    private static final Pattern BOILERPLATE_LINE = Pattern.compile("(?i)^(share( this)?|read more|related( articles| news)?|tags?:.*"
            + "|advertisement|follow us.*|print|email|分享到.*|相关(新闻|阅读|文章).*|责任编辑.*|来源[:：].*|编辑[:：].*|打印本页|关闭窗口|【.{1,6}】"
            // Platform disclaimers ("特别声明：以上内容…仅提供信息存储服务", "免责声明：本文仅代表作者个人观点…").
            + "|(免责声明|特别声明|版权声明|声明)[:：].*|disclaimer:.*|notice: the content above.*)$");
    /**
     * Where a press release's end matter begins: "About Huawei", "关于阿里云", media contacts. What follows is the
     * company's standing boilerplate, the same on every release, not the story (and full of company names).
     */
    private static final Pattern END_MATTER = Pattern.compile("(?i)^(关于[\\p{IsHan}A-Za-z0-9]{2,20}|about [A-Z0-9][\\w&.,'\\- ]{1,50}"
            + "|(媒体|新闻)联系(人|方式)?[:：]?|media (contacts?|enquiries|inquiries)[:：]?|press (contacts?|office)[:：]?|###)$");
    /**
     * A short line of page metadata rather than article text: a publication date, source, author, editor or view
     * count ("发布时间：2015-01-20 信息来源：… 浏览次数：1326", "2020-08-14 Source: ZTE Views: 2,318").
     */
    private static final Pattern META_LABEL = Pattern.compile("(?i)(发布时间|发布日期|发表时间|信息来源|来源[:：]|浏览(次数|量)?[:：]|阅读(量|数|次数)?[:：]"
            + "|点击(数|量|率)?[:：]|作者[:：]|责任编辑|编辑[:：]|字号|打印|\\bsource:|\\bviews?:|\\bposted (on|by)\\b|\\bpublished( on)?:|\\bupdated:"
            + "|\\bby [A-Z][a-z]+ [A-Z][a-z]+ \\|)");
    private static final Pattern DATE_LIKE = Pattern.compile("(19|20)\\d\\d[-/.年]\\d{1,2}|\\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.? \\d{1,2}\\b",
            Pattern.CASE_INSENSITIVE);

    /** Less weighted text than this and a pass is tried again with fewer guesses (Readability's 500 characters). */
    private static final int ENOUGH = 500;
    private static final List<ArticleFinder.Flags> PASSES = List.of(ArticleFinder.Flags.ALL,
            new ArticleFinder.Flags(false, true, true), new ArticleFinder.Flags(false, false, true), new ArticleFinder.Flags(false, false, false));
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
        String title = TitleFinder.find(doc);
        List<String> longest = List.of();
        int longestLength = -1;
        boolean guessed = true;
        for (ArticleFinder.Flags flags : PASSES) {
            // A pass without a guess the previous pass never acted on would find the same: not worth a page copy
            // (a million links under one body made four identical passes cost twenty seconds).
            if (!guessed) break;
            Element copy = body.clone();
            dropNeverContent(copy, flags);
            ArticleFinder finder = new ArticleFinder(flags);
            ArticleFinder.Article article = finder.find(copy);
            ArticleCleaner cleaner = new ArticleCleaner(finder, flags);
            cleaner.clean(article.parts(), article.scores(), title);
            guessed = finder.guessed() || cleaner.guessed();
            LinkDensities densities = new LinkDensities();
            List<String> blocks = new ArrayList<>();
            for (Element part : article.parts()) blocks.addAll(blocks(part, densities));
            int length = 0;
            for (String b : blocks) length += ArticleFinder.TextStats.weightedLength(b);
            blocks = withoutEndMatter(blocks);
            if (length >= ENOUGH) return blocks;
            if (length > longestLength) {
                longest = blocks;
                longestLength = length;
            }
        }
        return longest;
    }

    /** The blocks before a press release's end matter, when it comes after some article text. */
    static List<String> withoutEndMatter(List<String> blocks) {
        for (int i = 2; i < blocks.size(); i++) {
            if (END_MATTER.matcher(blocks.get(i)).matches()) return new ArrayList<>(blocks.subList(0, i));
        }
        return blocks;
    }

    private static void dropNeverContent(Element root, ArticleFinder.Flags flags) {
        for (Element e : new ArrayList<>(root.getAllElements())) {
            if (e == root || e.parent() == null) continue;
            String tag = e.normalName();
            if (NEVER_CONTENT.contains(tag) || FURNITURE.contains(tag)) e.remove();
        }
    }

    /** Whether any element lies more than {@code max} levels below {@code root}; elements only, stopping at the first. */
    static boolean deeperThan(Element root, int max) {
        java.util.ArrayDeque<Element> elements = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        elements.push(root);
        depths.push(0);
        while (!elements.isEmpty()) {
            Element e = elements.pop();
            int depth = depths.pop();
            if (depth > max) return true;
            for (int i = 0; i < e.childNodeSize(); i++) { // childNode(i), not children(): no list built per element
                if (e.childNode(i) instanceof Element c) {
                    elements.push(c);
                    depths.push(depth + 1);
                }
            }
        }
        return false;
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
        if (!BLOCKS.contains(el.normalName())) return false;
        if (el.normalName().equals("tr") ? rowHasBlocks(el) : hasBlockChild(el)) return false;
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

    private static final Pattern SPACES = Pattern.compile("[\\s\u00a0]+");

    private static void add(String text, Element el, List<String> out, LinkDensities densities) {
        String t = SPACES.matcher(text).replaceAll(" ").strip();
        if (t.isEmpty() || BOILERPLATE_LINE.matcher(t).matches() || isMetadataLine(t)) return;
        // Link lists. (No links means a density of 0: the cached density stands for "has links" too.)
        if (densities.of(el) > 0.5 && weightedLength(t) < 400) return;
        out.add(t);
    }

    static boolean isMetadataLine(String t) {
        if (t.length() > 160) return false;
        var labels = META_LABEL.matcher(t);
        int n = 0;
        while (labels.find()) n++;
        return n >= 2 || (n == 1 && DATE_LIKE.matcher(t).find());
    }

    private static boolean hasBlockChild(Element el) {
        for (Element c : el.children()) {
            if (c.isBlock() || BLOCKS.contains(c.normalName()) || c.normalName().equals("table")) return true;
        }
        return false;
    }

    /** A row used for layout: its cells hold paragraphs, tables or line-broken text, to be walked block by block. */
    private static boolean rowHasBlocks(Element tr) {
        for (Element cell : tr.children()) {
            for (Element c : cell.children()) {
                if (c.isBlock() || BLOCKS.contains(c.normalName()) || c.normalName().equals("table") || c.normalName().equals("br")) return true;
            }
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

    static boolean isCjk(char c) {
        if (c < 0x2E80) return false; // below the CJK blocks: the common case, without a script lookup
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
