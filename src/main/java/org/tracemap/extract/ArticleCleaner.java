package org.tracemap.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.tracemap.limits.Interruption;

/**
 * Cleans the gathered article the way Readability's article preparation does: drops what is never text of
 * the article (forms, embeds, buttons, share bars, headings that repeat the title or look like boilerplate),
 * then removes tables, lists and divs that look like link lists, image galleries or widgets rather than
 * prose ("clean conditionally"). Data tables stay: a tender's table of bidders is the notice.
 */
final class ArticleCleaner {
    private static final Set<String> ALWAYS = Set.of("object", "embed", "iframe", "input", "textarea", "select", "button", "link",
            "footer", "aside", "nav", "form", "fieldset", "script", "style", "noscript", "svg", "canvas", "template", "dialog", "menu");
    private static final Pattern SHARE = Pattern.compile("(?i)(\\b|_)(share|sharedaddy|fenxiang)(\\b|_)");
    private static final Pattern VIDEO = Pattern.compile("(?i)//(www\\.)?((dailymotion|youtube|youtube-nocookie|player\\.vimeo|v\\.qq)\\.com)");

    private final ArticleFinder finder;
    private final ArticleFinder.Flags flags;
    private final ArticleFinder.TextStats stats = new ArticleFinder.TextStats();

    ArticleCleaner(ArticleFinder finder, ArticleFinder.Flags flags) {
        this.finder = finder;
        this.flags = flags;
    }

    /** Cleans each part in place; {@code title} is the page's title (a heading repeating it is dropped). */
    void clean(List<Element> parts, Map<Element, Double> scores, String title) {
        for (Element part : parts) {
            for (Element e : new ArrayList<>(part.getAllElements())) {
                Interruption.check();
                if (e == part || e.parent() == null) continue;
                if (ALWAYS.contains(e.normalName())) e.remove();
            }
            // Share bars inside the article (the article itself may be marked "share" by a clumsy theme).
            for (Element child : part.children()) {
                for (Element e : new ArrayList<>(child.getAllElements())) {
                    if (e.parent() == null || (!e.hasAttr("class") && !e.hasAttr("id"))) continue;
                    if (SHARE.matcher(e.className() + " " + e.id()).find() && stats.text(e).length() < 500) e.remove();
                }
            }
            cleanHeadings(part, title);
            if (flags.cleanConditionally()) {
                for (String tag : new String[] {"table", "ul", "ol", "div", "section"}) cleanConditionally(part, tag, scores);
            }
        }
    }

    private void cleanHeadings(Element part, String title) {
        for (Element h : new ArrayList<>(part.select("h1, h2"))) {
            if (h.parent() == null) continue;
            String text = h.text().strip();
            if (finder.classWeight(h) < 0 || (title != null && similar(text, title))) h.remove();
        }
    }

    /** Readability's test: a heading within half the title's length that one contains in the other. */
    private static boolean similar(String heading, String title) {
        if (title.isEmpty() || heading.isEmpty()) return false;
        double rate = (heading.length() - title.length()) / (double) title.length();
        if (Math.abs(rate) >= 0.5) return false;
        return rate > 0 ? heading.contains(title) : title.contains(heading);
    }

    private void cleanConditionally(Element part, String tag, Map<Element, Double> scores) {
        List<Element> found = new ArrayList<>(part.getElementsByTag(tag));
        // Innermost first, as Readability walks them backwards: an inner widget goes before its container is judged.
        for (int i = found.size() - 1; i >= 0; i--) {
            Interruption.check();
            Element e = found.get(i);
            if (e == part || e.parent() == null) continue;
            if (tag.equals("table") && isDataTable(e)) continue;
            if (insideDataTable(e) || insideTag(e, "code")) continue;
            if (shouldRemove(e, tag, scores)) {
                removedConditionally = true;
                e.remove();
            }
        }
    }

    private boolean removedConditionally;

    /** Whether conditional cleaning removed anything (a pass without it would find more). */
    boolean guessed() {
        return removedConditionally;
    }

    private boolean shouldRemove(Element e, String tag, Map<Element, Double> scores) {
        double weight = finder.classWeight(e);
        double score = scores.getOrDefault(e, 0.0);
        if (weight + score < 0) return true;
        String text = stats.text(e);
        if (commas(text) >= 10) return false;
        boolean isList = tag.equals("ul") || tag.equals("ol");
        if (!isList) {
            int listText = 0;
            for (Element list : e.select("ul, ol")) listText += stats.text(list).length();
            isList = text.length() > 0 && listText / (double) text.length() > 0.9;
        }
        int p = e.getElementsByTag("p").size();
        int img = e.getElementsByTag("img").size();
        int li = e.getElementsByTag("li").size() - 100;
        int input = e.getElementsByTag("input").size();
        int headings = e.select("h1, h2, h3, h4, h5, h6").size();
        int embeds = 0;
        for (Element em : e.select("object, embed, iframe")) {
            if (!VIDEO.matcher(em.attr("src")).find()) embeds++;
        }
        double linkDensity = stats.linkDensity(e);
        int length = stats.length(e);
        boolean figure = insideTag(e, "figure");
        double headingDensity = length == 0 ? 0 : ArticleFinder.TextStats.weightedLength(headingText(e)) / (double) length;
        return (img > 1 && p / (double) img < 0.5 && !figure)
                || (!isList && li > p)
                || (input > Math.floor(p / 3.0))
                || (!isList && headingDensity < 0.9 && length < 25 && (img == 0 || img > 2) && !figure)
                || (!isList && weight < 25 && linkDensity > 0.2)
                || (weight >= 25 && linkDensity > 0.5)
                || ((embeds == 1 && length < 75) || embeds > 1)
                || (img == 0 && length == 0 && headings == 0);
    }

    private String headingText(Element e) {
        StringBuilder s = new StringBuilder();
        for (Element h : e.select("h1, h2, h3, h4, h5, h6")) s.append(stats.text(h));
        return s.toString();
    }

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、') n++;
        }
        return n;
    }

    /** Readability's guess at a table of data rather than one used for layout. */
    static boolean isDataTable(Element table) {
        if (table.attr("role").equals("presentation") || table.attr("datatable").equals("0")) return false;
        if (!table.attr("summary").isBlank() || table.selectFirst("caption") != null) return true;
        if (table.selectFirst("col, colgroup, tfoot, thead, th") != null) return true;
        if (table.selectFirst("table") != null) return false; // tables inside tables: layout
        int rows = table.select("tr").size();
        int columns = 0;
        for (Element tr : table.select("tr")) columns = Math.max(columns, tr.select("> td, > th").size());
        if (rows == 1 || columns == 1) return false;
        return rows >= 10 || columns > 4 || rows * columns > 10;
    }

    private static boolean insideDataTable(Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) if (p.normalName().equals("table") && isDataTable(p)) return true;
        return false;
    }

    private static boolean insideTag(Element e, String tag) {
        for (Element p = e.parent(); p != null; p = p.parent()) if (p.normalName().equals(tag)) return true;
        return false;
    }
}
