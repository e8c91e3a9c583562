package org.tracemap.crawl;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.OriginAnswer;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.config.TracemapConfig;
import org.tracemap.intake.CaptureIntake;
import org.tracemap.intake.CaptureSubmission;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.NormalizedUrl;
import org.tracemap.intake.UrlNormalizer;

/**
 * Runs crawls over the persisted frontier. {@link #start} seeds a run from its seeds, sitemaps and feeds;
 * {@link #step} (called on a timer by {@code routes/90-schedule}) moves every running run on: it settles
 * captures that went through the pipeline (their change kind is the outcome; their outlinks, in scope and
 * not seen before, join the frontier one level deeper) and hands PENDING URLs to intake, honouring
 * robots.txt, per-host politeness and the recapture interval. A run whose frontier has nothing PENDING or
 * QUEUED is FINISHED. Everything is in the catalogue, so a restart resumes where the run stopped.
 */
public final class CrawlRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CrawlRunner.class);
    private static final int IN_FLIGHT_PER_RUN = 64;

    private final Crawls crawls;
    private final CrawlStore store;
    private final CaptureIntake intake;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final ExtractionStore extractions;
    private final RobotsCache robots;
    private final SourceReader sources;
    private final UrlNormalizer normalizer;
    private final int defaultPerHost;
    private final Clock clock;
    /** When each host last got a URL from a crawl, for per-crawl politeness delays. */
    private final Map<String, Instant> lastDispatch = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService seeding = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "crawl-seeding");
        t.setDaemon(true);
        return t;
    });

    public CrawlRunner(Crawls crawls, CrawlStore store, CaptureIntake intake, CaptureStore captures, SnapshotStore snapshots,
                       ExtractionStore extractions, RobotsCache robots, SourceReader sources, UrlNormalizer normalizer, TracemapConfig config,
                       Clock clock) {
        this.crawls = crawls;
        this.store = store;
        this.intake = intake;
        this.captures = captures;
        this.snapshots = snapshots;
        this.extractions = extractions;
        this.robots = robots;
        this.sources = sources;
        this.normalizer = normalizer;
        this.defaultPerHost = config.integer("tracemap.fetch.per-host-concurrency");
        this.clock = clock;
    }

    /** Starts a run of the named crawl (or returns the one already running) and fills its frontier before returning. */
    public long start(String name) {
        CrawlDefinition d = definition(name);
        long id = store.startRun(name, robotsNote(d));
        if (id < 0) return -id;
        seed(id, d);
        return id;
    }

    /**
     * Starts a run and returns its id at once; the seeds, sitemaps and feeds are read in the background (the
     * run is STARTING meanwhile). For the API and schedules, where reading a large sitemap must not hold a
     * request or the scheduler.
     */
    public long startInBackground(String name) {
        CrawlDefinition d = definition(name);
        long id = store.startRun(name, robotsNote(d));
        if (id < 0) return -id;
        seeding.submit(() -> {
            try {
                seed(id, d);
            } catch (RuntimeException e) {
                log.error("crawl {} run {} could not read its sources", name, id, e); // seed() has marked the run FAILED
            }
        });
        return id;
    }

    private CrawlDefinition definition(String name) {
        return crawls.get(name).orElseThrow(() -> new IllegalArgumentException("no crawl named " + name));
    }

    private static String robotsNote(CrawlDefinition d) {
        return d.obeysRobots() ? null : "robots.txt ignored: " + d.robots().reason();
    }

    private void seed(long id, CrawlDefinition d) {
        String name = d.name();
        try {
            List<CrawlStore.Entry> found = new ArrayList<>();
            for (String seed : d.seeds()) add(found, seed, 0, "SEED");
            SourceReader.Found fromSitemaps = sources.sitemaps(d.sitemaps(), d.pageLimit());
            for (String u : fromSitemaps.urls()) add(found, u, 0, "SITEMAP");
            SourceReader.Found fromFeeds = sources.feeds(d.feeds(), d.pageLimit());
            for (String u : fromFeeds.urls()) add(found, u, 0, "FEED");
            CrawlScope scope = scope(d);
            List<CrawlStore.Entry> inScope = new ArrayList<>();
            for (CrawlStore.Entry e : found) {
                // Seeds are in scope by definition; sitemap and feed entries must pass it like links.
                if (e.via().equals("SEED") || scope.contains(e.url())) inScope.add(e);
            }
            store.discover(id, inScope, d.pageLimit());
            List<SourceReader.Failure> failures = new ArrayList<>(fromSitemaps.failures());
            failures.addAll(fromFeeds.failures());
            for (SourceReader.Failure f : failures) {
                // A sitemap or feed that could not be read is a failure of the run, kept with its frontier.
                store.discover(id, List.of(new CrawlStore.Entry(f.source(), f.source(), "-", 0, "SOURCE", "PENDING", null)), Integer.MAX_VALUE);
                store.update(id, f.source(), "FAILED", null, "FAILED", cause(f.reason()));
            }
            store.markRunning(id);
            log.info("crawl {} run {} started: {} URLs in the frontier, {} source failures", name, id, inScope.size(), failures.size());
        } catch (RuntimeException e) {
            store.endRun(id, "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /** Stops reading sources in the background; a run caught STARTING is marked FAILED at the next start. */
    @Override
    public void close() {
        seeding.shutdownNow();
    }

    /** Moves every running run on; called often, cheap when there is nothing to do. */
    public void step() {
        for (CrawlStore.Run run : store.running()) {
            try {
                step(run);
            } catch (RuntimeException e) {
                log.error("crawl run {} of {} failed", run.id(), run.crawl(), e);
                store.endRun(run.id(), "FAILED", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private void step(CrawlStore.Run run) {
        CrawlDefinition d = crawls.get(run.crawl()).orElse(null);
        if (d == null) {
            store.endRun(run.id(), "FAILED", "crawl definition " + run.crawl() + " was removed");
            return;
        }
        CrawlScope scope = scope(d);
        settle(run, d, scope);
        dispatch(run, d);
        CrawlStore.Counts c = store.counts(run.id());
        if (c.pending() == 0 && store.withStatus(run.id(), "QUEUED", 1).isEmpty()) {
            store.endRun(run.id(), "FINISHED", null);
            log.info("crawl {} run {} finished: {}", run.crawl(), run.id(), c);
        }
    }

    /** QUEUED URLs whose capture went through the pipeline: record the outcome, queue their links. */
    private void settle(CrawlStore.Run run, CrawlDefinition d, CrawlScope scope) {
        List<CrawlStore.Entry> queued = store.withStatus(run.id(), "QUEUED", 10_000);
        if (queued.isEmpty()) return;
        Map<String, Capture> byId = new HashMap<>();
        for (Capture c : captures.findAll(queued.stream().map(CrawlStore.Entry::captureId).toList())) byId.put(c.id(), c);
        for (CrawlStore.Entry e : queued) {
            Capture c = byId.get(e.captureId());
            if (c == null || !c.status().isSettled()) continue;
            if (c.status() == CaptureStatus.FAILED) {
                boolean gone = c.snapshotId() == null && unresolvable(c.error()) && answeredBefore(e.url());
                store.update(run.id(), e.urlKey(), "FAILED", null, gone ? "GONE" : "FAILED", cause(c.error()));
                continue;
            }
            Snapshot s = c.snapshotId() == null ? null : snapshots.find(c.snapshotId()).orElse(null);
            String outcome = s == null ? "FAILED" : s.change().name();
            // An error answer is archived as answered (its change kind says whether it is new), and the frontier says
            // in words what it was, so that no report calls an archived 404 simply "captured, new".
            store.update(run.id(), e.urlKey(), "DONE", null, outcome, s != null && OriginAnswer.isError(s.httpStatus()) && !"GONE".equals(outcome)
                    ? OriginAnswer.sentence(s.httpStatus()) : null);
            if (s != null && e.depth() < d.depthLimit()) {
                List<CrawlStore.Entry> links = new ArrayList<>();
                extractions.find(s.id()).ifPresent(x -> {
                    for (String link : x.outlinks()) {
                        try {
                            String absolute = URI.create(s.url()).resolve(link).toString();
                            if (scope.contains(absolute)) add(links, absolute, e.depth() + 1, "LINK");
                        } catch (IllegalArgumentException ignored) {
                            // a link that is not a URL (hostile or broken markup) is not followed
                        }
                    }
                });
                store.discover(run.id(), links, d.pageLimit());
            }
        }
    }

    /** PENDING URLs to intake, shallowest first, within robots.txt, per-host politeness and the in-flight cap. */
    private void dispatch(CrawlStore.Run run, CrawlDefinition d) {
        Map<String, Integer> inFlight = new LinkedHashMap<>(store.queuedPerHost(run.id()));
        int total = inFlight.values().stream().mapToInt(Integer::intValue).sum();
        if (total >= IN_FLIGHT_PER_RUN) return;
        Duration recapture = d.recaptureInterval() == null ? Duration.ZERO : CrawlDefinition.duration(d.recaptureInterval());
        // A few rows per host, so one busy host does not hide the others behind it.
        for (CrawlStore.Entry e : store.pendingAcrossHosts(run.id(), 8, IN_FLIGHT_PER_RUN * 4)) {
            if (total >= IN_FLIGHT_PER_RUN) break;
            CrawlDefinition.HostPoliteness p = d.politeness().get(e.host());
            int perHost = p != null && p.concurrency() != null ? p.concurrency() : defaultPerHost;
            if (inFlight.getOrDefault(e.host(), 0) >= perHost) continue;
            Duration delay = p != null && p.delay() != null ? CrawlDefinition.duration(p.delay()) : Duration.ZERO;
            Instant last = lastDispatch.get(run.id() + "|" + e.host());
            if (last != null && last.plus(delay).isAfter(clock.instant())) continue;
            try {
                intake.check(e.url()); // before robots.txt: a refused host is not contacted at all
            } catch (InvalidInputException refused) {
                store.update(run.id(), e.urlKey(), "FAILED", null, "FAILED", "refused at intake: " + refused.getMessage());
                continue;
            }
            if (d.obeysRobots()) {
                RobotsCache.Verdict verdict = robots.check(e.url());
                if (verdict == RobotsCache.Verdict.DISALLOWED) {
                    store.update(run.id(), e.urlKey(), "BLOCKED", null, null, "disallowed by robots.txt");
                    continue;
                }
                if (verdict == RobotsCache.Verdict.UNREACHABLE) {
                    store.update(run.id(), e.urlKey(), "FAILED", null, "FAILED", "robots.txt could not be read (server error or unreachable)");
                    continue;
                }
            }
            if (!recapture.isZero() && recentlyCaptured(e.url(), recapture)) {
                store.update(run.id(), e.urlKey(), "DONE", null, "FRESH", null);
                continue;
            }
            try {
                Capture c = intake.submit(new CaptureSubmission(e.url(), Map.of("crawl", run.crawl(), "run", Long.toString(run.id())), null,
                        "crawl:" + run.crawl()));
                store.update(run.id(), e.urlKey(), "QUEUED", c.id(), null, null);
                inFlight.merge(e.host(), 1, Integer::sum);
                total++;
                lastDispatch.put(run.id() + "|" + e.host(), clock.instant());
            } catch (RuntimeException rejected) {
                store.update(run.id(), e.urlKey(), "FAILED", null, "FAILED", "refused at intake: " + rejected.getMessage());
            }
        }
    }

    private void add(List<CrawlStore.Entry> into, String raw, int depth, String via) {
        try {
            NormalizedUrl u = normalizer.normalize(raw);
            into.add(new CrawlStore.Entry(u.url(), u.url(), u.host(), depth, via, "PENDING", null));
        } catch (RuntimeException invalid) {
            // Not a URL we can capture (mailto:, javascript:, malformed): not part of the crawl.
        }
    }

    private CrawlScope scope(CrawlDefinition d) {
        List<String> roots = new ArrayList<>();
        for (String seed : d.seeds()) roots.add(siteRoot(seed));
        for (String s : d.sitemaps()) roots.add(siteRoot(s));
        for (String s : d.feeds()) roots.add(siteRoot(s));
        return new CrawlScope(d, roots);
    }

    private String siteRoot(String url) {
        URI u = URI.create(normalizer.normalize(url).url());
        return u.getScheme() + "://" + u.getRawAuthority() + "/";
    }

    /** A URL that answered 2xx before: its disappearance (404/410, no longer resolving) is GONE, not a failure. */
    private boolean answeredBefore(String url) {
        NormalizedUrl u = normalizer.normalize(url);
        return snapshots.forUrl(u.surt(), u.url()).stream().anyMatch(s -> s.httpStatus() >= 200 && s.httpStatus() < 300);
    }

    private boolean recentlyCaptured(String url, Duration interval) {
        NormalizedUrl u = normalizer.normalize(url);
        Instant since = clock.instant().minus(interval);
        return snapshots.forUrl(u.surt(), u.url()).stream().anyMatch(s -> s.capturedAt().isAfter(since));
    }

    private static boolean unresolvable(String error) {
        if (error == null) return false;
        String e = error.toLowerCase(java.util.Locale.ROOT);
        return e.contains("unknownhost") || e.contains("unknown host") || e.contains("name or service not known") || e.contains("nodename")
                || e.contains("no such host") || e.contains("resolve");
    }

    /** The kind of error, without URL and numbers that would split one cause into many groups. */
    static String cause(String error) {
        if (error == null) return "unknown error";
        String first = error.lines().findFirst().orElse(error);
        return first.replaceAll("https?://\\S+", "<url>").replaceAll("\\d+ ?(ms|s|bytes)", "N $1");
    }
}
