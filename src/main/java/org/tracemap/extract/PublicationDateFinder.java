package org.tracemap.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;
import org.tracemap.limits.Interruption;

/**
 * Finds a page's publication date, most trustworthy source first: publication meta tags, JSON-LD
 * {@code datePublished}, {@code <time>} elements, then dates written in the text (English and Chinese
 * forms), preferring those labelled as publication dates and skipping "updated" and copyright dates.
 *
 * <p>Each source is one pass over the page: whether an element sits in a footer or a related list is carried
 * down the tree as it is walked, not looked up its ancestors per element (which on 100,000 nested elements
 * is 10^10 steps).
 */
final class PublicationDateFinder {
    private static final String[] META = {"article:published_time", "og:published_time", "datepublished", "pubdate",
            "publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued", "dcterms.issued",
            "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "pubtime", "publishtime"};
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(19|20)\\d\\d[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\\d|3[01])(?!\\d)");
    private static final Pattern ZH = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(" + months() + ")\\.?,?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(?i)\\b(" + months() + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern CLOCK = Pattern.compile("(今天是?)?\\s*\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日\\s*[,，]?\\s*(星期|礼拜|周)[一二三四五六日天]");
    private static final Pattern LABEL = Pattern.compile("(?i)(published|posted|release date|issued|date of issue|发布时间|发布日期|发表时间|时间|日期|发布于|發佈時間|發布日期)");
    private static final Pattern NOT_PUBLICATION = Pattern.compile("(?i)(updated|modified|last edited|更新|修改|©|copyright|版权)");
    /** Where a date in the text is not the page's own. */
    private static final Evaluator NOT_IN_TEXT = QueryParser.parse("footer, nav, aside, [class*=related], [class*=footer], [id*=footer], [class*=copyright]");
    /** Where a {@code <time>} is not the page's own. */
    private static final Evaluator NOT_IN_TIME = QueryParser.parse("footer, aside, [class*=related]");
    private static final Evaluator TIME_WITH_DATETIME = QueryParser.parse("time[datetime]");

    private final ObjectMapper json = new ObjectMapper();

    Optional<LocalDate> find(Document doc, Element mainContent) {
        // JSON-LD first: its datePublished is the article's own; a meta published_time is sometimes the date of a
        // later republication (Readability reads them in this order too).
        for (Element script : doc.select("script[type=application/ld+json]")) {
            Optional<LocalDate> d = fromJsonLd(script.data());
            if (d.isPresent()) return d;
        }
        Elements metas = doc.select("meta"); // once, not once per name
        for (String name : META) {
            for (Element m : metas) {
                if (!names(m, name)) continue;
                Optional<LocalDate> d = parse(m.attr("content"));
                if (d.isPresent()) return d;
            }
        }
        for (Element time : doc.select("time[pubdate], time[itemprop=datePublished], [itemprop=datePublished]")) {
            Optional<LocalDate> d = parse(time.hasAttr("datetime") ? time.attr("datetime") : time.hasAttr("content") ? time.attr("content") : time.text());
            if (d.isPresent()) return d;
        }
        return fromText(doc, mainContent);
    }

    /** As the selector {@code meta[property=NAME], meta[name=NAME], meta[itemprop=NAME]} matches (jsoup compares values ignoring case). */
    private static boolean names(Element meta, String name) {
        for (String key : new String[] {"property", "name", "itemprop"}) {
            if (meta.hasAttr(key) && meta.attr(key).trim().equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    private Optional<LocalDate> fromJsonLd(String data) {
        try {
            JsonNode found = json.readTree(TitleFinder.jsonLd(data)).findValue("datePublished");
            return found == null ? Optional.empty() : parse(found.asText());
        } catch (java.io.IOException e) {
            return Optional.empty(); // malformed JSON-LD is common; other sources remain
        }
    }

    /** Labelled dates anywhere first, then the first plausible date near the top of the page, then in {@code <time>}. */
    private Optional<LocalDate> fromText(Document doc, Element mainContent) {
        List<LocalDate> labelled = new ArrayList<>(1);
        List<LocalDate> firstPlain = new ArrayList<>(1);

        if (doc.body() != null) {
            walk(doc, doc.body(), NOT_IN_TEXT, (el, excluded) -> {
                String own = el.ownText();
                if (own.length() < 6 || own.length() > 300) return true;
                if (NOT_PUBLICATION.matcher(own).find()) return true;
                if (excluded) return true;
                Optional<LocalDate> d = parse(own);
                if (d.isEmpty()) return true;
                if (LABEL.matcher(own).find() || LABEL.matcher(el.className() + " " + el.id()).find()) {
                    labelled.add(d.get());
                    return false;
                }
                // A date with only its weekday is the site's clock in the channel bar ("2016年3月10日 星期四").
                if (firstPlain.isEmpty() && !CLOCK.matcher(own.strip()).matches()) firstPlain.add(d.get());
                return true;
            });
        }
        if (!labelled.isEmpty()) return Optional.of(labelled.get(0));
        List<LocalDate> inTime = new ArrayList<>(1);
        walk(doc, doc, NOT_IN_TIME, (el, excluded) -> {
            if (excluded || !TIME_WITH_DATETIME.matches(doc, el)) return true;
            Optional<LocalDate> d = parse(el.attr("datetime"));
            d.ifPresent(inTime::add);
            return d.isEmpty();
        });
        if (!inTime.isEmpty()) return Optional.of(inTime.get(0));
        return firstPlain.isEmpty() ? Optional.empty() : Optional.of(firstPlain.get(0));
    }

    /** Told each element in document order and whether it or an ancestor matches; returns false to stop. */
    private interface Visit {
        boolean element(Element el, boolean excluded);
    }

    /**
     * Walks the elements under {@code root} (itself included) in document order, telling each whether
     * {@code el.closest(evaluator)} would find something: computed once per element from its parent's answer.
     */
    private static void walk(Document doc, Element root, Evaluator evaluator, Visit visit) {
        boolean aboveRoot = root.parent() != null && root.parent().closest(evaluator) != null;
        boolean[][] inside = {new boolean[64]}; // by depth below root
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element el)) return FilterResult.SKIP_ENTIRELY;
                Interruption.check();
                if (depth >= inside[0].length) inside[0] = java.util.Arrays.copyOf(inside[0], depth * 2);
                boolean excluded = (depth == 0 ? aboveRoot : inside[0][depth - 1]) || evaluator.matches(doc, el);
                inside[0][depth] = excluded;
                return visit.element(el, excluded) ? FilterResult.CONTINUE : FilterResult.STOP;
            }
        }, root);
    }

    /** Parses the first date in {@code text} written in any of the supported forms. */
    static Optional<LocalDate> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            String[] parts = m.group().split("[-/.]");
            return date(parts[0], parts[1], parts[2]);
        }
        m = ZH.matcher(text);
        if (m.find()) return date(m.group(1), m.group(2), m.group(3));
        m = DAY_MONTH_YEAR.matcher(text);
        if (m.find()) return date(m.group(3), Integer.toString(month(m.group(2))), m.group(1));
        m = MONTH_DAY_YEAR.matcher(text);
        if (m.find()) return date(m.group(3), Integer.toString(month(m.group(1))), m.group(2));
        return Optional.empty();
    }

    private static Optional<LocalDate> date(String y, String mo, String d) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
            return date.isAfter(LocalDate.now().plusDays(2)) ? Optional.empty() : Optional.of(date);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month m : Month.values()) {
            if (m.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(n)) return m.getValue();
        }
        return 0;
    }

    private static String months() {
        return "january|february|march|april|may|june|july|august|september|october|november|december"
                + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
    }
}
