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
 * everything; an unreachable one (5xx, network failure) is UNREACHABLE: nothing of that host is fetched
 * (RFC 9309), and the answer is kept for five minutes only, so a passing outage does not block a day.
 */
public final class RobotsCache {
    private static final Duration TTL = Duration.ofHours(24);
    private static final Duration FAILURE_TTL = Duration.ofMinutes(5);

    /** What robots.txt says of a URL. */
    public enum Verdict { ALLOWED, DISALLOWED, UNREACHABLE }

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

    public Verdict check(String url) {
        BaseRobotRules rules = rulesFor(url);
        if (rules.isDeferVisits()) return Verdict.UNREACHABLE;
        return rules.isAllowed(url) ? Verdict.ALLOWED : Verdict.DISALLOWED;
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
        byHost.put(site, new Cached(rules, clock.instant().plus(rules.isDeferVisits() ? FAILURE_TTL : TTL)));
        return rules;
    }
}
