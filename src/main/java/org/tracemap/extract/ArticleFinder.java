package org.tracemap.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.tracemap.limits.Interruption;

/**
 * Finds the element that holds a page's article, the way Readability does (Arc90's algorithm as Mozilla keeps
 * it, studied from its documentation and source; this is our own code): clear what is unlikely to be content,
 * score each paragraph by its length and commas, give the scores to its ancestors (less the further up),
 * discount candidates by their link density, prefer a common ancestor when several candidates are close,
 * then gather the winner's siblings that look like content too (a body split around an image or an ad).
 *
 * <p>Works on a copy of the body that it changes (removals, {@code <br><br>} turned into paragraphs).
 * Loops only, no recursion: the caller has refused pages nested deeper than {@link MainTextExtractor#MAX_DEPTH}.
 */
final class ArticleFinder {
    // Readability's class and id patterns (plus the markers Chinese portals use, in pinyin), as words to look for in
    // the lower-cased class and id: a regex alternation of fifty words tried at every position cost more than all
    // the rest of the scoring.
    static final String[] UNLIKELY = {"-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
            "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox",
            "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
            "yom-remote", "cookie", "newsletter", "subscribe", "recommend", "crumb", "location", "toolbar", "fenxiang", "xgxw",
            "xiangguan", "tuijian", "paihang", "copyright", "hotnews", "hot-news"};
    static final String[] MAYBE_CANDIDATE = {"and", "article", "body", "column", "content", "main", "mathjax", "shadow"};
    static final String[] POSITIVE = {"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
            "text", "blog", "story", "zw", "zhengwen", "detail", "trs_editor", "cnt", "contxt", "con_txt"};
    static final String[] NEGATIVE = {"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
            "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
            "shopping", "tags", "widget"};
    /** Author and date lines ("By A. Writer"), which Readability takes out of the text as the byline. */
    static final String[] BYLINE = {"byline", "author", "dateline", "writtenby", "p-author"};

    /** Whether the lower-cased {@code marks} contain any of {@code words}. */
    static boolean anyOf(String marks, String[] words) {
        for (String w : words) if (marks.contains(w)) return true;
        return false;
    }

    private static final Set<String> UNLIKELY_ROLES = Set.of("menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog");
    private static final Set<String> TAGS_TO_SCORE = Set.of("section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre");
    /** Children that make a div a container rather than a paragraph. */
    private static final Set<String> DIV_TO_P = Set.of("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", "section",
            "article", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "header", "footer", "aside", "nav", "form", "center", "li");
    private static final Set<String> EMPTY_REMOVABLE = Set.of("div", "section", "header", "h1", "h2", "h3", "h4", "h5", "h6");
    private static final int TOP_CANDIDATES = 5;
    private static final Pattern COMMA = Pattern.compile("[,，、]");

    /** What a run of the finder may do; later runs relax it when the first finds too little (as Readability's flags). */
    record Flags(boolean stripUnlikely, boolean weightClasses, boolean cleanConditionally) {
        static final Flags ALL = new Flags(true, true, true);
    }

    /** The article: the elements gathered, in document order, and the scores the cleaner consults. */
    record Article(List<Element> parts, Map<Element, Double> scores) {}

    private final Flags flags;
    private final Map<Element, Double> scores = new IdentityHashMap<>();
    private final TextStats stats = new TextStats();
    /** What the patterns say of a class or id string; a page repeats the same few hundred strings thousands of times. */
    private final Map<String, Integer> verdicts = new java.util.HashMap<>();
    private static final int IS_UNLIKELY = 1;
    private static final int IS_MAYBE = 2;
    private static final int IS_BYLINE = 4;
    private static final int IS_NEGATIVE = 8;
    private static final int IS_POSITIVE = 16;

    ArticleFinder(Flags flags) {
        this.flags = flags;
    }

    Article find(Element body) {
        List<Element> toScore = prepare(body);
        stats.measure(body);
        List<Element> candidates = new ArrayList<>();
        for (Element e : toScore) {
            Interruption.check();
            if (e.parent() == null) continue;
            String text = stats.text(e);
            int length = stats.length(e);
            if (length < 25) continue;
            double score = 1 + COMMA.split(text, -1).length + Math.min(length / 100, 3);
            Element ancestor = e.parent();
            for (int level = 0; ancestor != null && level < 5; level++, ancestor = ancestor.parent()) {
                if (!scores.containsKey(ancestor)) {
                    scores.put(ancestor, initialScore(ancestor));
                    candidates.add(ancestor);
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(ancestor, score / divider, Double::sum);
            }
        }
        for (Element c : candidates) scores.put(c, scores.get(c) * (1 - stats.linkDensity(c)));
        List<Element> top = top(candidates);
        if (top.isEmpty() || top.get(0) == body) return new Article(List.of(body), scores);
        Element best = betterAncestor(top, body);
        return new Article(withSiblings(best), scores);
    }

    /**
     * Readability's node prepping: drops hidden elements, unlikely candidates (by class, id and role) and empty
     * containers; turns {@code <br><br>} runs into paragraphs and paragraph-like divs into things to score.
     */
    private List<Element> prepare(Element body) {
        BrRuns.toParagraphs(body);
        List<Element> toScore = new ArrayList<>();
        for (Element e : new ArrayList<>(body.getAllElements())) {
            Interruption.check();
            if (e == body || e.parent() == null || !isAttached(e, body)) continue;
            String tag = e.normalName();
            if (!isProbablyVisible(e)) {
                e.remove();
                continue;
            }
            String marks = e.className() + " " + e.id();
            if (isByline(e, marks)) {
                e.remove();
                continue;
            }
            if (flags.stripUnlikely() && !tag.equals("a") && !tag.equals("body")) {
                int v = verdict(marks);
                if ((v & IS_UNLIKELY) != 0 && (v & IS_MAYBE) == 0 && !insideTableOrCode(e)) {
                    strippedUnlikely = true;
                    e.remove();
                    continue;
                }
                if (UNLIKELY_ROLES.contains(e.attr("role"))) {
                    strippedUnlikely = true;
                    e.remove();
                    continue;
                }
            }
            if (EMPTY_REMOVABLE.contains(tag) && isWithoutContent(e)) {
                e.remove();
                continue;
            }
            if (TAGS_TO_SCORE.contains(tag)) toScore.add(e);
            if (tag.equals("div") && !hasBlockChild(e)) toScore.add(e); // a div used as a paragraph
        }
        return toScore;
    }

    private boolean isByline(Element e, String marks) {
        boolean marked = (verdict(marks) & IS_BYLINE) != 0 || e.attr("rel").equals("author") || e.attr("itemprop").contains("author");
        if (!marked) return false;
        int length = stats.text(e).strip().length();
        return length > 0 && length < 100;
    }

    /** Whether {@code e} is still in the tree under {@code root} (an ancestor may have been removed). */
    private static boolean isAttached(Element e, Element root) {
        for (Element p = e.parent(); p != null; p = p.parent()) if (p == root) return true;
        return false;
    }

    static boolean isProbablyVisible(Element e) {
        String style = e.attr("style").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        if (style.contains("display:none")) return false;
        // Pages that reveal their article by script hide it this way at first (WeChat's js_content): a hidden
        // element holding a whole article is the article, a small one is a popup.
        if (style.contains("visibility:hidden") && e.text().length() < 200) return false;
        if (e.hasAttr("hidden")) return false;
        // Readability keeps aria-hidden images that are the fallback of a lazy-loading script.
        return !e.attr("aria-hidden").equals("true") || e.className().contains("fallback-image");
    }

    private static boolean insideTableOrCode(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            String t = p.normalName();
            if (t.equals("table") || t.equals("code")) return true;
        }
        return false;
    }

    private static boolean isWithoutContent(Element e) {
        if (e.hasText()) return false; // stops at the first text, unlike text()
        for (Element c : e.children()) {
            if (!c.normalName().equals("br") && !c.normalName().equals("hr")) return false;
        }
        return true;
    }

    private static final String DIV_TO_P_SELECTOR = String.join(", ", DIV_TO_P);

    /** Whether any element below {@code e} makes it a container; stops at the first one found. */
    static boolean hasBlockChild(Element e) {
        for (Element c : e.children()) {
            // (selectFirst also matches the element it is called on, which is why children are asked, not e)
            if (DIV_TO_P.contains(c.normalName()) || c.selectFirst(DIV_TO_P_SELECTOR) != null) return true;
        }
        return false;
    }

    private double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "div" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        return score + classWeight(e);
    }

    /** +25 for a content-like class or id, -25 for a boilerplate-like one (each of class and id counts once). */
    double classWeight(Element e) {
        if (!flags.weightClasses()) return 0;
        double weight = 0;
        for (String s : new String[] {e.className(), e.id()}) {
            if (s.isEmpty()) continue;
            int v = verdict(s);
            if ((v & IS_NEGATIVE) != 0) weight -= 25;
            if ((v & IS_POSITIVE) != 0) weight += 25;
        }
        if (weight != 0) weighedClasses = true;
        return weight;
    }

    /** Whether the pass's guesses changed anything: unlikely elements dropped, or class names weighed in scores. */
    boolean guessed() {
        return strippedUnlikely || weighedClasses;
    }

    private boolean strippedUnlikely;
    private boolean weighedClasses;

    private int verdict(String marks) {
        if (marks.isBlank()) return 0;
        Integer known = verdicts.get(marks);
        if (known != null) return known;
        String m = marks.toLowerCase(java.util.Locale.ROOT);
        boolean hid = (" " + m + " ").contains(" hid "); // Readability's ^hid$| hid$| hid |^hid: a whole word
        int v = (anyOf(m, UNLIKELY) ? IS_UNLIKELY : 0) | (anyOf(m, MAYBE_CANDIDATE) ? IS_MAYBE : 0) | (anyOf(m, BYLINE) ? IS_BYLINE : 0)
                | (anyOf(m, NEGATIVE) || hid ? IS_NEGATIVE : 0) | (anyOf(m, POSITIVE) ? IS_POSITIVE : 0);
        verdicts.put(marks, v);
        return v;
    }

    private List<Element> top(List<Element> candidates) {
        List<Element> top = new ArrayList<>(TOP_CANDIDATES + 1);
        for (Element c : candidates) {
            double s = scores.get(c);
            int i = 0;
            while (i < top.size() && scores.get(top.get(i)) >= s) i++;
            if (i < TOP_CANDIDATES) {
                top.add(i, c);
                if (top.size() > TOP_CANDIDATES) top.remove(TOP_CANDIDATES);
            }
        }
        return top;
    }

    /**
     * When three or more runners-up score close to the winner, their common ancestor is likely the article
     * (paragraphs in several wrappers); then climb while the parent scores better, and past only-children.
     */
    private Element betterAncestor(List<Element> top, Element body) {
        Element best = top.get(0);
        double bestScore = scores.get(best);
        List<List<Element>> close = new ArrayList<>();
        for (int i = 1; i < top.size(); i++) {
            if (scores.get(top.get(i)) / bestScore >= 0.75) close.add(ancestors(top.get(i)));
        }
        if (close.size() >= 3) {
            for (Element parent = best.parent(); parent != null && parent != body; parent = parent.parent()) {
                int containing = 0;
                for (List<Element> a : close) if (a.contains(parent)) containing++;
                if (containing >= 3) {
                    best = parent;
                    break;
                }
            }
        }
        scores.putIfAbsent(best, initialScore(best));
        double last = scores.get(best);
        double floor = last / 3;
        for (Element parent = best.parent(); parent != null && parent != body; parent = parent.parent()) {
            Double s = scores.get(parent);
            if (s == null) continue;
            if (s < floor) break;
            if (s > last) {
                best = parent;
                break;
            }
            last = s;
        }
        for (Element parent = best.parent(); parent != null && parent != body && parent.children().size() == 1; parent = parent.parent()) {
            best = parent;
        }
        scores.putIfAbsent(best, initialScore(best));
        return best;
    }

    private static List<Element> ancestors(Element e) {
        List<Element> out = new ArrayList<>();
        for (Element p = e.parent(); p != null; p = p.parent()) out.add(p);
        return out;
    }

    /** The winner and its siblings that score near it, share its class, or are paragraphs of prose. */
    private List<Element> withSiblings(Element best) {
        Element parent = best.parent();
        if (parent == null) return List.of(best);
        double bestScore = scores.get(best);
        double threshold = Math.max(10, bestScore * 0.2);
        List<Element> chosen = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == best) {
                chosen.add(sibling);
                continue;
            }
            double bonus = !best.className().isEmpty() && sibling.className().equals(best.className()) ? bestScore * 0.2 : 0;
            Double s = scores.get(sibling);
            if (s != null && s + bonus >= threshold) {
                chosen.add(sibling);
            } else if (sibling.normalName().equals("p") || (sibling.normalName().equals("div") && !hasBlockChild(sibling))) {
                String text = stats.text(sibling);
                int length = stats.length(sibling);
                double density = stats.linkDensity(sibling);
                if (length > 80 && density < 0.25) chosen.add(sibling);
                else if (length > 0 && length <= 80 && density == 0 && TextStats.endsSentence(text)) chosen.add(sibling);
            }
        }
        return chosen;
    }

    /** Text and link density of elements, computed once each (the tree does not change while they are asked). */
    static final class TextStats {
        private final Map<Element, String> texts = new IdentityHashMap<>();
        private final Map<Element, Integer> lengths = new IdentityHashMap<>();
        private final Map<Element, Double> densities = new IdentityHashMap<>();

        String text(Element e) {
            return texts.computeIfAbsent(e, Element::text);
        }

        int length(Element e) {
            return lengths.computeIfAbsent(e, x -> weightedLength(text(x)));
        }

        /**
         * Measures every element under {@code root} in one pass, bottom up: its weighted text length and the part
         * of it inside links. Asking each candidate for its text instead costs its whole subtree, again for every
         * ancestor. Lengths are of the text nodes (whitespace as in the page), close enough to {@code text()}'s
         * for densities and thresholds. The tree must not change afterwards (the cleaner keeps its own stats).
         */
        void measure(Element root) {
            Map<Element, int[]> sums = new IdentityHashMap<>(); // [length, linked]
            java.util.ArrayDeque<Element> stack = new java.util.ArrayDeque<>();
            java.util.ArrayDeque<Element> order = new java.util.ArrayDeque<>(); // reverse pre-order = children before parents
            stack.push(root);
            while (!stack.isEmpty()) {
                Element e = stack.pop();
                order.push(e);
                for (Element c : e.children()) stack.push(c);
            }
            for (Element e : order) {
                int length = 0;
                int linked = 0;
                for (Node n : e.childNodes()) {
                    if (n instanceof TextNode t) {
                        length += weightedLength(t.getWholeText().strip());
                    } else if (n instanceof Element c) {
                        int[] sc = sums.get(c);
                        if (sc == null) continue;
                        length += sc[0];
                        linked += sc[1];
                    }
                }
                if (e.normalName().equals("a")) linked = length;
                sums.put(e, new int[] {length, linked});
                lengths.put(e, length);
                densities.put(e, length == 0 ? 0 : Math.min(1.0, (double) linked / length));
            }
        }

        double linkDensity(Element e) {
            Double d = densities.get(e);
            if (d == null) {
                int total = length(e);
                int linked = 0;
                if (total > 0) for (Element a : e.getElementsByTag("a")) linked += length(a);
                d = total == 0 ? 0 : Math.min(1.0, (double) linked / total);
                densities.put(e, d);
            }
            return d;
        }

        /** Length where a CJK character counts as much as a short word of three letters. */
        static int weightedLength(String text) {
            int n = 0;
            for (int i = 0; i < text.length(); i++) n += MainTextExtractor.isCjk(text.charAt(i)) ? 3 : 1;
            return n;
        }

        /** Whether the text holds a sentence end: a full stop (or ! ?) at its end or before a space (Readability's test). */
        static boolean endsSentence(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '。' || c == '！' || c == '？') return true;
                if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) return true;
            }
            return false;
        }
    }

    /** Readability's {@code <br><br>} handling: two or more line breaks in a row start a paragraph. */
    static final class BrRuns {
        private BrRuns() {}

        static void toParagraphs(Element root) {
            for (Element br : new ArrayList<>(root.getElementsByTag("br"))) {
                Interruption.check();
                if (br.parent() == null) continue;
                Node next = nextNonBlank(br.nextSibling());
                boolean run = false;
                while (next instanceof Element e && e.normalName().equals("br")) {
                    run = true;
                    Node after = e.nextSibling();
                    e.remove();
                    next = nextNonBlank(after);
                }
                if (!run) continue;
                Element p = new Element("p");
                br.replaceWith(p);
                Node n = p.nextSibling();
                while (n != null) {
                    if (n instanceof Element e && e.normalName().equals("br")) {
                        Node after = nextNonBlank(e.nextSibling());
                        if (after instanceof Element a && a.normalName().equals("br")) break;
                    }
                    if (n instanceof Element e && DIV_TO_P.contains(e.normalName())) break; // a block ends the paragraph
                    Node sibling = n.nextSibling();
                    p.appendChild(n);
                    n = sibling;
                }
                if (p.childNodeSize() == 0) p.remove();
            }
        }

        private static Node nextNonBlank(Node n) {
            while (n instanceof TextNode t && t.isBlank()) n = n.nextSibling();
            return n;
        }
    }
}
