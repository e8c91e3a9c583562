package org.tracemap.crawl;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt per host, parsed by crawler-commons and kept for a day. A missing robots.txt (4xx) allows
 * everything; an unreachable one (5xx, network failure) disallows everything until it can be read, as
 * RFC 9309 asks.
 */
public final class RobotsCache {
    private static final Duration TTL = Duration.ofHours(24);

    private record Cached(BaseRobotRules rules, Instant until) {}

    private final SourceFetcher sources;
    private final String agent;
    private final Clock clock;
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, Cached> byHost = new ConcurrentHashMap<>();

    /** @param agent the product token robots.txt groups are matched against (e.g. "tracemap") */
    public RobotsCache(SourceFetcher sources, String agent, Clock clock) {
        this.sources = sources;
        this.agent = agent;
        this.clock = clock;
    }

    public boolean allowed(String url) {
        return rulesFor(url).isAllowed(url);
    }

    private BaseRobotRules rulesFor(String url) {
        URI u = URI.create(url);
        String site = u.getScheme() + "://" + u.getRawAuthority();
        Cached c = byHost.get(site);
        if (c != null && c.until().isAfter(clock.instant())) return c.rules();
        String robotsUrl = site + "/robots.txt";
        SourceFetcher.Fetched f = sources.fetch(robotsUrl);
        BaseRobotRules rules;
        if (f.ok()) {
            rules = parser.parseContent(robotsUrl, f.body(), f.contentType() == null ? "text/plain" : f.contentType(), List.of(agent));
        } else {
            rules = parser.failedFetch(f.status() == 0 ? 503 : f.status());
        }
        byHost.put(site, new Cached(rules, clock.instant().plus(TTL)));
        return rules;
    }
}
