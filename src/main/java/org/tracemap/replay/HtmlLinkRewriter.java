package org.tracemap.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Rewrites the links of an archived HTML page so that following them, and everything the page loads, stays
 * inside the archive: URL attributes, CSS in {@code <style>} and {@code style="..."}, {@code srcdoc} frames and
 * meta refresh. Attributes that would reach out without being rewritable are removed.
 */
final class HtmlLinkRewriter {
    /** Attributes that hold one URL. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "poster", "data", "background",
            "xlink:href", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc", "icon", "cite");
    /**
     * Removed: candidate lists (src alone is rewritten), pings (a request to the live site on every click) and
     * subresource integrity (rewritten CSS no longer matches its hash, so the browser would refuse it).
     */
    private static final Set<String> REMOVED_ATTRIBUTES = Set.of("srcset", "imagesrcset", "ping", "integrity");
    /** A srcdoc frame inside a srcdoc frame inside ... is dropped past this depth. */
    private static final int MAX_SRCDOC_DEPTH = 3;
    private static final Pattern REFRESH = Pattern.compile("(?is)^(\\s*[\\d.]*\\s*[;,]?\\s*(?:url\\s*=\\s*)?)(['\"]?)(.*?)\\2\\s*$");

    private HtmlLinkRewriter() {}

    record Rewritten(byte[] bytes, Charset charset) {}

    /**
     * @param declared the charset from the HTTP header, or null to let the page's meta tag (or detection) decide
     * @param baseUrl  the URL the page was archived under
     */
    static Rewritten rewrite(InputStream html, Charset declared, String baseUrl, ReplayLinks links) throws IOException {
        Document doc = Jsoup.parse(html, declared == null ? null : declared.name(), baseUrl);
        rewrite(doc, links, 0);
        Charset charset = doc.charset();
        return new Rewritten(doc.outerHtml().getBytes(charset), charset);
    }

    private static void rewrite(Document doc, ReplayLinks links, int depth) {
        doc.outputSettings().prettyPrint(false); // the page's own whitespace, not jsoup's
        doc.select("base").remove(); // links were made absolute against the original base already
        for (Element el : doc.getAllElements()) {
            rewriteAttributes(el, links, depth);
            if (el.normalName().equals("style")) rewriteStyleElement(el, links);
            if (el.normalName().equals("meta") && el.attr("http-equiv").equalsIgnoreCase("refresh")) rewriteRefresh(el, links);
        }
    }

    private static void rewriteAttributes(Element el, ReplayLinks links, int depth) {
        List<String> removed = new ArrayList<>();
        for (Attribute attribute : el.attributes()) {
            String key = attribute.getKey().toLowerCase(Locale.ROOT);
            if (REMOVED_ATTRIBUTES.contains(key)) {
                removed.add(attribute.getKey());
            } else if (URL_ATTRIBUTES.contains(key)) {
                attribute.setValue(links.rewrite(el.baseUri(), attribute.getValue()));
            } else if (key.equals("style")) {
                attribute.setValue(css(el, links).rewrite(attribute.getValue()));
            } else if (key.equals("srcdoc")) {
                if (depth + 1 >= MAX_SRCDOC_DEPTH) {
                    removed.add(attribute.getKey());
                } else {
                    // A srcdoc frame's relative links resolve against its parent's base URL.
                    Document inner = Jsoup.parse(attribute.getValue(), el.baseUri());
                    rewrite(inner, links, depth + 1);
                    attribute.setValue(inner.outerHtml());
                }
            }
        }
        removed.forEach(el::removeAttr);
    }

    private static void rewriteStyleElement(Element style, ReplayLinks links) {
        CssUrlRewriter css = css(style, links);
        for (Node child : style.childNodes()) {
            if (child instanceof DataNode data) data.setWholeData(css.rewrite(data.getWholeData()));
            if (child instanceof TextNode text) text.text(css.rewrite(text.getWholeText())); // inside svg, style holds text
        }
    }

    /** {@code <meta http-equiv="refresh" content="0; url=...">} would take the frame to the live site. */
    private static void rewriteRefresh(Element meta, ReplayLinks links) {
        Matcher m = REFRESH.matcher(meta.attr("content"));
        if (!m.matches()) {
            meta.remove();
        } else if (!m.group(3).isBlank()) {
            meta.attr("content", m.group(1) + links.rewrite(meta.baseUri(), m.group(3)));
        }
    }

    private static CssUrlRewriter css(Element el, ReplayLinks links) {
        String base = el.baseUri();
        return new CssUrlRewriter(url -> links.rewrite(base, url));
    }
}
