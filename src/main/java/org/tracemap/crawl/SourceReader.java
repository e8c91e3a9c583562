package org.tracemap.crawl;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xml.sax.InputSource;

/**
 * Reads the URLs a crawl starts from out of sitemaps (crawler-commons: XML, text, RSS/Atom sitemaps,
 * gzipped ones and sitemap indexes, followed to their children) and feeds (Rome: RSS 0.9x–2.0 and Atom).
 * Failures are returned, not thrown, so one broken sitemap does not stop the run.
 */
public final class SourceReader {
    /** URLs found, and the sources that could not be read. */
    public record Found(List<String> urls, List<Failure> failures) {}

    /** A sitemap or feed that could not be read, and why. */
    public record Failure(String source, String reason) {}

    private static final int MAX_SITEMAPS = 1000;

    private final SourceFetcher sources;

    public SourceReader(SourceFetcher sources) {
        this.sources = sources;
    }

    public Found sitemaps(List<String> roots, int maxUrls) {
        List<String> urls = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        SiteMapParser parser = new SiteMapParser(false); // lenient: a sitemap may list other hosts' pages
        Deque<String> todo = new ArrayDeque<>(roots);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < MAX_SITEMAPS && urls.size() < maxUrls) {
            String sitemap = todo.pop();
            if (!seen.add(sitemap)) continue;
            SourceFetcher.Fetched f = sources.fetch(sitemap);
            if (!f.ok()) {
                failures.add(new Failure(sitemap, "sitemap: " + (f.failure() != null ? f.failure() : "HTTP " + f.status())));
                continue;
            }
            try {
                AbstractSiteMap parsed = parser.parseSiteMap(f.contentType(), f.body(), new URL(f.url()));
                if (parsed instanceof SiteMapIndex index) {
                    // A sitemap index may only point at sitemaps of its own host (sitemaps.org): a hostile index
                    // must not send the crawler to fetch arbitrary URLs.
                    String host = new URL(f.url()).getHost();
                    for (AbstractSiteMap child : index.getSitemaps()) {
                        if (child.getUrl().getHost().equalsIgnoreCase(host)) todo.add(child.getUrl().toString());
                        else failures.add(new Failure(child.getUrl().toString(), "sitemap: listed by " + sitemap + " on another host; not fetched"));
                    }
                } else if (parsed instanceof SiteMap map) {
                    for (SiteMapURL u : map.getSiteMapUrls()) {
                        if (urls.size() >= maxUrls) break;
                        urls.add(u.getUrl().toString());
                    }
                }
            } catch (UnknownFormatException | IOException e) {
                failures.add(new Failure(sitemap, "sitemap: " + e.getMessage()));
            }
        }
        return new Found(urls, failures);
    }

    public Found feeds(List<String> feeds, int maxUrls) {
        List<String> urls = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String feed : feeds) {
            SourceFetcher.Fetched f = sources.fetch(feed);
            if (!f.ok()) {
                failures.add(new Failure(feed, "feed: " + (f.failure() != null ? f.failure() : "HTTP " + f.status())));
                continue;
            }
            try {
                SyndFeedInput input = new SyndFeedInput();
                input.setAllowDoctypes(false); // no external entities from hostile feeds
                SyndFeed parsed = input.build(new InputSource(new ByteArrayInputStream(f.body())));
                for (SyndEntry e : parsed.getEntries()) {
                    String link = e.getLink();
                    if ((link == null || link.isBlank()) && !e.getLinks().isEmpty()) {
                        SyndLink first = e.getLinks().get(0);
                        link = first.getHref();
                    }
                    if (link == null || link.isBlank() || urls.size() >= maxUrls) continue;
                    urls.add(URI.create(f.url()).resolve(link.strip()).toString());
                }
            } catch (FeedException | IllegalArgumentException e) {
                failures.add(new Failure(feed, "feed: " + e.getMessage()));
            }
        }
        return new Found(urls, failures);
    }
}
