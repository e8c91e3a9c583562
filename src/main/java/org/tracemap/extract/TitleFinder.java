package org.tracemap.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Finds a page's title: Open Graph title, else a single {@code <h1>}, else {@code <title>} without the site name. */
final class TitleFinder {
    private TitleFinder() {}

    static String find(Document doc) {
        Element og = doc.selectFirst("meta[property=og:title], meta[name=twitter:title]");
        if (og != null && !og.attr("content").isBlank()) return clean(og.attr("content"));
        var h1s = doc.select("h1");
        String title = doc.title();
        if (h1s.size() == 1 && !h1s.first().text().isBlank()) return clean(h1s.first().text());
        for (Element h1 : h1s) {
            if (!h1.text().isBlank() && title.contains(h1.text().strip())) return clean(h1.text());
        }
        return clean(stripSiteName(title));
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
        return s.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }
}
