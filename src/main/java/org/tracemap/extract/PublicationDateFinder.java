package org.tracemap.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds a page's publication date, most trustworthy source first: publication meta tags, JSON-LD
 * {@code datePublished}, {@code <time>} elements, then dates written in the text (English and Chinese
 * forms), preferring those labelled as publication dates and skipping "updated" and copyright dates.
 */
final class PublicationDateFinder {
    private static final String[] META = {"article:published_time", "og:published_time", "datepublished", "pubdate",
            "publishdate", "publish-date", "publish_date", "publication_date", "dc.date.issued", "dcterms.issued",
            "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "pubtime", "publishtime"};
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(19|20)\\d\\d[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\\d|3[01])(?!\\d)");
    private static final Pattern ZH = Pattern.compile("(?<!\\d)((?:19|20)\\d\\d)\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?i)\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(" + months() + ")\\.?,?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile("(?i)\\b(" + months() + ")\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern LABEL = Pattern.compile("(?i)(published|posted|release date|issued|date of issue|发布时间|发布日期|发表时间|时间|日期|发布于|發佈時間|發布日期)");
    private static final Pattern NOT_PUBLICATION = Pattern.compile("(?i)(updated|modified|last edited|更新|修改|©|copyright|版权)");

    private final ObjectMapper json = new ObjectMapper();

    Optional<LocalDate> find(Document doc, Element mainContent) {
        for (String name : META) {
            for (Element m : doc.select("meta[property=" + name + "], meta[name=" + name + "], meta[itemprop=" + name + "]")) {
                Optional<LocalDate> d = parse(m.attr("content"));
                if (d.isPresent()) return d;
            }
        }
        for (Element script : doc.select("script[type=application/ld+json]")) {
            Optional<LocalDate> d = fromJsonLd(script.data());
            if (d.isPresent()) return d;
        }
        for (Element time : doc.select("time[pubdate], time[itemprop=datePublished], [itemprop=datePublished]")) {
            Optional<LocalDate> d = parse(time.hasAttr("datetime") ? time.attr("datetime") : time.hasAttr("content") ? time.attr("content") : time.text());
            if (d.isPresent()) return d;
        }
        return fromText(doc, mainContent);
    }

    private Optional<LocalDate> fromJsonLd(String data) {
        try {
            JsonNode found = json.readTree(data).findValue("datePublished");
            return found == null ? Optional.empty() : parse(found.asText());
        } catch (java.io.IOException e) {
            return Optional.empty(); // malformed JSON-LD is common; other sources remain
        }
    }

    /** Labelled dates anywhere first, then the first plausible date near the top of the page, then in {@code <time>}. */
    private Optional<LocalDate> fromText(Document doc, Element mainContent) {
        Optional<LocalDate> labelled = Optional.empty();
        Optional<LocalDate> firstPlain = Optional.empty();
        for (Element el : doc.body() == null ? new org.jsoup.select.Elements() : doc.body().getAllElements()) {
            String own = el.ownText();
            if (own.length() < 6 || own.length() > 300) continue;
            if (NOT_PUBLICATION.matcher(own).find()) continue;
            if (el.closest("footer, nav, aside, [class*=related], [class*=footer], [id*=footer], [class*=copyright]") != null) continue;
            Optional<LocalDate> d = parse(own);
            if (d.isEmpty()) continue;
            if (LABEL.matcher(own).find() || LABEL.matcher(el.className() + " " + el.id()).find()) {
                labelled = d;
                break;
            }
            if (firstPlain.isEmpty()) firstPlain = d;
        }
        if (labelled.isPresent()) return labelled;
        for (Element time : doc.select("time[datetime]")) {
            if (time.closest("footer, aside, [class*=related]") != null) continue;
            Optional<LocalDate> d = parse(time.attr("datetime"));
            if (d.isPresent()) return d;
        }
        return firstPlain;
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
