package org.tracemap.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Rewrites the links of an archived HTML page so that following them stays inside the archive. */
final class HtmlLinkRewriter {
    private static final String[] LINK_ATTRIBUTES = {"href", "src", "action", "poster", "data", "background"};

    private HtmlLinkRewriter() {}

    record Rewritten(byte[] bytes, Charset charset) {}

    /**
     * @param declared the charset from the HTTP header, or null to let the page's meta tag (or detection) decide
     * @param prefix   what rewritten absolute links start with, e.g. {@code /replay/20260101000000/}
     */
    static Rewritten rewrite(InputStream html, Charset declared, String baseUrl, String prefix) throws IOException {
        Document doc = Jsoup.parse(html, declared == null ? null : declared.name(), baseUrl);
        doc.select("base").remove(); // links were made absolute against the original base already
        for (String attribute : LINK_ATTRIBUTES) {
            for (Element el : doc.select("[" + attribute + "]")) {
                String absolute = el.absUrl(attribute);
                String lower = absolute.toLowerCase(Locale.ROOT);
                if (lower.startsWith("http://") || lower.startsWith("https://")) el.attr(attribute, prefix + absolute);
            }
        }
        for (Element el : doc.select("[srcset]")) el.removeAttr("srcset"); // src alone is rewritten; srcset would escape
        Charset charset = doc.charset();
        return new Rewritten(doc.outerHtml().getBytes(charset), charset);
    }
}
