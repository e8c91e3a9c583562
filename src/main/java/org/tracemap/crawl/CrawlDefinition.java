package org.tracemap.crawl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.quartz.CronExpression;
import org.tracemap.intake.InvalidInputException;

/**
 * What to watch and how: seeds, sitemaps (indexes and gzipped ones too) and feeds (RSS, Atom) to start
 * from; the scope every discovered link must stay in; how deep and how many pages; when to run (a Quartz
 * cron expression); how long a captured page counts as fresh; and per-host politeness. robots.txt is
 * obeyed unless {@code robots.obey} is false, which needs a {@code robots.reason} (recorded on every run).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CrawlDefinition(String name, List<String> seeds, List<String> sitemaps, List<String> feeds, Scope scope, Integer maxDepth,
                              Integer maxPages, String schedule, String recaptureInterval, Map<String, HostPoliteness> politeness,
                              Robots robots) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    /** URL prefixes, or regular expressions written between slashes ({@code /\/news\/\d+/}). */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Scope(List<String> include, List<String> exclude) {}

    /** Overrides for one host: the gap between two fetches' starts, and fetches in flight. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record HostPoliteness(String delay, Integer concurrency) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Robots(Boolean obey, String reason) {}

    public CrawlDefinition {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        sitemaps = sitemaps == null ? List.of() : List.copyOf(sitemaps);
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        scope = scope == null ? new Scope(List.of(), List.of())
                : new Scope(scope.include() == null ? List.of() : List.copyOf(scope.include()), scope.exclude() == null ? List.of() : List.copyOf(scope.exclude()));
        politeness = politeness == null ? Map.of() : Map.copyOf(politeness);
    }

    public int depthLimit() {
        return maxDepth == null ? 2 : maxDepth;
    }

    public int pageLimit() {
        return maxPages == null ? 1000 : maxPages;
    }

    public boolean obeysRobots() {
        return robots == null || robots.obey() == null || robots.obey();
    }

    /** Checks every field; the exception names the first bad one. */
    public CrawlDefinition validated() {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "name must be 1-100 lower-case letters, digits or dashes");
        }
        if (seeds.isEmpty() && sitemaps.isEmpty() && feeds.isEmpty()) {
            throw new InvalidInputException("seeds", "a crawl needs at least one seed, sitemap or feed");
        }
        checkUrls("seeds", seeds);
        checkUrls("sitemaps", sitemaps);
        checkUrls("feeds", feeds);
        if (maxDepth != null && (maxDepth < 0 || maxDepth > 20)) throw new InvalidInputException("maxDepth", "maxDepth must be 0 to 20");
        if (maxPages != null && (maxPages < 1 || maxPages > 1_000_000)) throw new InvalidInputException("maxPages", "maxPages must be 1 to 1000000");
        if (schedule != null && !schedule.isBlank() && !CronExpression.isValidExpression(schedule)) {
            throw new InvalidInputException("schedule", "schedule is not a Quartz cron expression (e.g. '0 0 6 * * ?' for 06:00 daily)");
        }
        for (String rule : scope.include()) CrawlScope.compile("scope.include", rule);
        for (String rule : scope.exclude()) CrawlScope.compile("scope.exclude", rule);
        if (recaptureInterval != null) durationField("recaptureInterval", recaptureInterval);
        politeness.forEach((host, p) -> {
            if (p.delay() != null) durationField("politeness." + host + ".delay", p.delay());
            if (p.concurrency() != null && (p.concurrency() < 1 || p.concurrency() > 64)) {
                throw new InvalidInputException("politeness." + host + ".concurrency", "concurrency must be 1 to 64");
            }
        });
        if (!obeysRobots() && (robots.reason() == null || robots.reason().isBlank())) {
            throw new InvalidInputException("robots.reason", "ignoring robots.txt needs a reason, which is recorded on every run");
        }
        return this;
    }

    private static void checkUrls(String field, List<String> urls) {
        org.tracemap.intake.UrlNormalizer normalizer = new org.tracemap.intake.UrlNormalizer();
        for (int i = 0; i < urls.size(); i++) {
            try {
                normalizer.normalize(urls.get(i));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field + "[" + i + "]", e.getMessage());
            }
        }
    }

    private static void durationField(String field, String value) {
        try {
            duration(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    /** 500ms, 2s, 30m, 12h, 7d. */
    public static java.time.Duration duration(String s) {
        java.util.regex.Matcher m = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)").matcher(s.strip());
        if (!m.matches()) throw new IllegalArgumentException("not a duration: " + s + " (use e.g. 500ms, 2s, 30m, 12h, 7d)");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
    }
}
