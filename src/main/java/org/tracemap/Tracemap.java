package org.tracemap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.ArchiveLock;
import org.tracemap.archive.ArchivedInFlight;
import org.tracemap.archive.StaleFetches;
import org.tracemap.archive.CdxjIndex;
import org.tracemap.archive.RollingWarcWriter;
import org.tracemap.archive.SnapshotPayloads;
import org.tracemap.archive.WarcArchiver;
import org.tracemap.archive.WarcImporter;
import org.tracemap.archive.WarcRecovery;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.ExtractionStore;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.catalog.TokenStore;
import org.tracemap.config.TracemapConfig;
import org.tracemap.catalog.AuditLog;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.crawl.CrawlRunner;
import org.tracemap.crawl.CrawlScheduler;
import org.tracemap.crawl.Crawls;
import org.tracemap.crawl.RobotsCache;
import org.tracemap.crawl.SourceFetcher;
import org.tracemap.crawl.SourceReader;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.limits.TimeLimiter;
import org.tracemap.mine.CandidateMiner;
import org.tracemap.mine.MineSettings;
import org.tracemap.mine.MineStage;
import org.tracemap.ranker.DecisionExamples;
import org.tracemap.ranker.RankerFile;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.ExtractStage;
import org.tracemap.fetch.FetchOutcomes;
import org.tracemap.fetch.FetchSettings;
import org.tracemap.index.ArchiveReindexer;
import org.tracemap.index.IndexStage;
import org.tracemap.index.LuceneIndex;
import org.tracemap.fetch.HttpFetcher;
import org.tracemap.intake.AddressGuard;
import org.tracemap.intake.CaptureIntake;
import org.tracemap.intake.CaptureQueue;
import org.tracemap.intake.UrlNormalizer;
import org.tracemap.replay.ReplayService;
import org.tracemap.replay.ReplaySettings;
import org.tracemap.web.Authenticator;
import org.tracemap.review.DatasetExport;
import org.tracemap.review.ReviewService;
import org.tracemap.review.SubmissionService;
import org.tracemap.web.CandidateResource;
import org.tracemap.web.GazetteerResource;
import org.tracemap.web.CaptureResource;
import org.tracemap.web.ChangesResource;
import org.tracemap.web.ClientAddresses;
import org.tracemap.web.CrawlResource;
import org.tracemap.web.DataPointResource;
import org.tracemap.web.ApiResponse;
import org.tracemap.web.StaticResource;
import org.tracemap.web.UiPolicy;
import org.tracemap.web.MapTiles;
import org.tracemap.web.UiConfigResource;
import org.tracemap.web.SubmissionResource;
import org.tracemap.web.HealthResource;
import org.tracemap.web.HttpBridge;
import org.tracemap.web.HttpSafetyNet;
import org.tracemap.web.JsonViews;
import org.tracemap.web.ListenPort;
import org.tracemap.web.ReplayResource;
import org.tracemap.web.SearchResource;
import org.tracemap.web.SessionResource;
import org.tracemap.web.Sessions;
import org.tracemap.web.SnapshotResource;

/**
 * The composition root: builds every stage's worker from the configuration, recovers what a previous run
 * left unfinished, and starts Camel with the routes in {@code routes/} wiring the stages together.
 */
public final class Tracemap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Tracemap.class);
    /** The HTTP server refuses larger request bodies (413) before any resource sees them. */
    private static final long MAX_REQUEST_BODY = 1 << 20;

    /** SERVER runs the pipeline and the HTTP API; WORKER runs the pipeline alone (in-process CLI commands). */
    public enum Mode { SERVER, WORKER }

    private final TracemapConfig config;
    private final ArchiveLayout layout;
    private final Catalog catalog;
    private final CaptureStore captures;
    private final SnapshotStore snapshots;
    private final CaptureIntake intake;
    private final CdxjIndex cdxj;
    private final RollingWarcWriter warcs;
    private final HttpFetcher fetcher;
    private final Authenticator auth;
    private final DocumentExtractor documents;
    private final TimeLimiter indexLimiter;
    private final TimeLimiter mineLimiter;
    private final ExtractionStore extractions;
    private final LuceneIndex index;
    private final Gazetteer gazetteer;
    private final CandidateStore candidates;
    private final DataPointStore datapoints;
    private final AuditLog audit;
    private final TokenStore tokens;
    private final CrawlStore crawlStore;
    private final Crawls crawls;
    private final CrawlRunner crawlRunner;
    private final ObjectMapper json = new ObjectMapper();
    private final RankerFile ranker;
    private Main camel;
    private CaptureQueue queue;
    private ArchiveLock pipelineLock;
    private String generatedAdminToken;

    private Tracemap(TracemapConfig config, boolean pipeline) throws Exception {
        this(config, pipeline, RollingWarcWriter.FileOpener.DISK);
    }

    private Tracemap(TracemapConfig config, boolean pipeline, RollingWarcWriter.FileOpener warcFiles) throws Exception {
        this.config = config;
        // Read first: a malformed gazetteer should stop the start before anything is locked or opened.
        this.gazetteer = GazetteerLoader.load(config.path("tracemap.mine.gazetteer-dir"));
        Clock clock = Clock.systemUTC();
        this.layout = new ArchiveLayout(Path.of(config.string("tracemap.archive.dir")));
        layout.create();
        // Recovery and requeueing belong to the one pipeline that owns the archive.
        if (pipeline) this.pipelineLock = ArchiveLock.acquire(layout.root());
        try {
            this.catalog = Catalog.open(layout.root());
        } catch (RuntimeException e) {
            if (pipelineLock != null) pipelineLock.close();
            throw e;
        }
        this.captures = new CaptureStore(catalog, clock, json);
        this.snapshots = new SnapshotStore(catalog);
        this.crawlStore = new CrawlStore(catalog, clock);
        this.cdxj = new CdxjIndex(layout, json);
        if (pipeline) recover();
        UrlNormalizer normalizer = new UrlNormalizer();
        FetchSettings fetchSettings = FetchSettings.from(config);
        AddressGuard guard = new AddressGuard(fetchSettings.allowPrivate(), config.list("tracemap.fetch.allow-private-hosts"));
        this.intake = new CaptureIntake(normalizer, guard, captures);
        this.warcs = new RollingWarcWriter(layout, config.string("tracemap.archive.warc-prefix"),
                config.bytes("tracemap.archive.warc-max-size"), clock, this::sealCdxj, warcFiles);
        this.fetcher = new HttpFetcher(fetchSettings, guard, normalizer, layout.spool(), clock);
        this.tokens = new TokenStore(catalog, clock, layout.tokenKey());
        this.auth = new Authenticator(tokens, config.integer("tracemap.auth.max-failures-per-minute"), clock,
                new Sessions(config.duration("tracemap.ui.session-idle"), config.duration("tracemap.ui.session-max-age"),
                        config.string("tracemap.server.public-url").startsWith("https:"), clock));
        this.documents = new DocumentExtractor(ExtractSettings.from(config));
        // Index and mine have one worker each: one document's tagging or mining must not hold every capture behind it.
        this.indexLimiter = new TimeLimiter("indexing", "tracemap.index.time-limit", config.duration("tracemap.index.time-limit"));
        this.mineLimiter = new TimeLimiter("mining", "tracemap.mine.time-limit", MineSettings.from(config).timeLimit());
        this.extractions = new ExtractionStore(catalog, clock, json);
        // The index is written by the pipeline only; other commands open it for reading (search).
        this.index = pipeline ? new LuceneIndex(layout.index(), gazetteer) : null;
        this.candidates = new CandidateStore(catalog, clock, json);
        this.datapoints = new DataPointStore(catalog, clock, json);
        this.audit = new AuditLog(catalog, clock, json);
        this.ranker = new RankerFile(RankerFile.in(layout.root()), json);
        this.crawls = new Crawls(crawlStore, json, guard);
        SourceFetcher sources = new SourceFetcher(fetcher, normalizer);
        this.crawlRunner = new CrawlRunner(crawls, crawlStore, intake, captures, snapshots, extractions,
                new RobotsCache(sources, config.string("tracemap.crawl.robots-agent"), clock), new SourceReader(sources), normalizer, config, clock);
    }

    /**
     * Closes WARC files a crash left open, rebuilds missing CDXJ, drops bodies spooled for fetches that
     * never reached the archive, and requeues the captures that were in flight.
     */
    private void recover() throws java.io.IOException {
        try (var stale = Files.list(layout.spool())) {
            for (Path p : stale.toList()) Files.deleteIfExists(p);
        }
        for (WarcRecovery.Recovered r : new WarcRecovery(layout).recoverAll()) {
            log.warn("closed unfinished WARC {} ({} bytes kept, {} cut)", r.file().getFileName(), r.keptBytes(), r.cutBytes());
        }
        int rebuilt = cdxj.rebuildMissing();
        if (rebuilt > 0) log.info("rebuilt the CDXJ of {} WARC files", rebuilt);
        settleArchivedInFlight();
        int interrupted = crawlStore.failInterruptedStarts();
        if (interrupted > 0) log.warn("{} crawl runs were stopped while reading their sitemaps and feeds; marked FAILED", interrupted);
        CaptureStore.Resumed resumed = captures.requeueInFlight(FetchSettings.from(config).limits().maxAttempts());
        if (resumed.requeued() > 0) log.info("resumed {} captures that were in flight when the last run stopped", resumed.requeued());
        if (resumed.failed() > 0) log.warn("gave up on {} captures: the process stopped during every one of their tries", resumed.failed());
        captures.beginRun();
    }

    /** Captures whose records reached the WARC before a crash but not the catalogue are settled from the records. */
    private void settleArchivedInFlight() throws java.io.IOException {
        List<Capture> fetching = captures.withStatus(CaptureStatus.FETCHING, Integer.MAX_VALUE);
        if (fetching.isEmpty()) return;
        Instant since = fetching.stream().map(Capture::updatedAt).min(Comparator.naturalOrder()).orElseThrow();
        Set<String> ids = new HashSet<>();
        for (Capture c : fetching) ids.add(c.id());
        int settled = new ArchivedInFlight(layout, cdxj, snapshots, captures, new UrlNormalizer()).settle(ids, since);
        if (settled > 0) log.info("{} captures were archived before the last stop but not recorded; settled from their WARC records", settled);
    }

    /**
     * Opens the archive and starts the pipeline (and, in SERVER mode, the HTTP API).
     *
     * @throws org.tracemap.web.PortInUseException in SERVER mode, when another process listens on the configured port
     */
    public static Tracemap start(TracemapConfig config, Path home, Mode mode, Map<String, String> env) throws Exception {
        return start(config, home, mode, env, RollingWarcWriter.FileOpener.DISK);
    }

    /** As {@link #start(TracemapConfig, Path, Mode, Map)}, with WARC files opened by {@code warcFiles}: the seam for disk-fault tests. */
    public static Tracemap start(TracemapConfig config, Path home, Mode mode, Map<String, String> env,
                                 RollingWarcWriter.FileOpener warcFiles) throws Exception {
        // Before anything is opened or locked: Vert.x would only log a taken port and leave a server without its API.
        if (mode == Mode.SERVER) ListenPort.requireFree(config.string("tracemap.server.host"), config.integer("tracemap.server.port"));
        Tracemap t = new Tracemap(config, true, warcFiles);
        try {
            int files = t.crawls.loadFiles(config.path("tracemap.crawl.dir"));
            if (files > 0) log.info("read {} crawl definitions from {}", files, config.path("tracemap.crawl.dir"));
            if (mode == Mode.SERVER) t.generatedAdminToken = t.auth.bootstrapAdmin(env.get("TRACEMAP_ADMIN_TOKEN"));
            t.startCamel(home, mode);
            return t;
        } catch (Exception e) {
            t.close();
            throw e;
        }
    }

    /**
     * Opens the archive as its only writer (taking the pipeline lock and recovering, like a pipeline) but
     * without starting Camel: for maintenance such as {@link #rebuildDerived}.
     */
    public static Tracemap openExclusive(TracemapConfig config) throws Exception {
        return new Tracemap(config, true);
    }

    /** Rebuilds the CDXJ, the extractions and the search index from the WARC files alone. */
    public ArchiveReindexer.Report rebuildDerived(java.util.function.Consumer<String> progress) throws java.io.IOException {
        if (index == null) throw new IllegalStateException("rebuilding needs the archive opened exclusively");
        return new ArchiveReindexer(layout, cdxj, index, documents, snapshots, extractions, captures,
                config.bytes("tracemap.extract.max-bytes")).rebuild(progress);
    }

    /**
     * Imports a WARC file made by another tool and takes its captures through the extract and index
     * stages, as the pipeline would. Needs the archive opened exclusively.
     */
    public java.util.List<org.tracemap.catalog.Snapshot> importWarc(Path file) throws java.io.IOException {
        if (index == null) throw new IllegalStateException("importing needs the archive opened exclusively");
        var imported = new WarcImporter(layout, cdxj, captures, snapshots, new UrlNormalizer(), Clock.systemUTC()).importFile(file);
        ExtractStage extract = extractStage();
        IndexStage indexing = indexStage();
        MineStage mining = mineStage();
        for (var s : imported) {
            indexing.index(extract.extract(s));
            mining.mine(s);
        }
        index.commit();
        return imported;
    }

    private ExtractStage extractStage() {
        return new ExtractStage(documents, new SnapshotPayloads(cdxj, snapshots), extractions, captures, snapshots,
                config.bytes("tracemap.extract.max-bytes"));
    }

    private IndexStage indexStage() {
        return new IndexStage(index, extractions, captures, snapshots, indexLimiter, config.integer("tracemap.index.max-text-chars"));
    }

    private MineStage mineStage() {
        MineSettings settings = MineSettings.from(config);
        return new MineStage(new CandidateMiner(gazetteer, settings), settings, mineLimiter, extractions, candidates, captures, snapshots, ranker);
    }

    /** Opens the archive without starting the pipeline: for commands that only read or queue. */
    public static Tracemap open(TracemapConfig config) throws Exception {
        return new Tracemap(config, false);
    }

    private void startCamel(Path home, Mode mode) throws Exception {
        FetchSettings fetchSettings = FetchSettings.from(config);
        // Room for a few polls' worth of work per worker, so the poll interval never caps throughput (one server may
        // take three quarters: at 100 ms polls, ~1,000 captures/s of one site).
        queue = new CaptureQueue(captures, Math.max(128, fetchSettings.concurrency() * 16), fetchSettings.perHostConcurrency(),
                fetchSettings.perHostDelay(), fetchSettings.submissionSlots(), Clock.systemUTC());
        camel = new Main();
        camel.bind("captureQueue", queue);
        camel.bind("fetcher", fetcher);
        camel.bind("fetchOutcomes", new FetchOutcomes(queue));
        camel.bind("staleFetches", new StaleFetches(captures, snapshots, new ArchivedInFlight(layout, cdxj, snapshots, captures, new UrlNormalizer()),
                queue::holds, config.duration("tracemap.pipeline.stale-after"), Clock.systemUTC()));
        camel.bind("archiver", new WarcArchiver(warcs, cdxj, snapshots, captures, config.duration("tracemap.archive.retry-delay"), Clock.systemUTC()));
        camel.bind("extractor", extractStage());
        camel.bind("indexer", indexStage());
        camel.bind("miner", mineStage());
        camel.bind("crawlRunner", crawlRunner);
        camel.bind("crawlScheduler", new CrawlScheduler(crawls, crawlStore, crawlRunner, Clock.systemUTC()));
        camel.bind("stageFailures", new StageFailures(captures, queue));
        if (mode == Mode.SERVER) bindApi();

        Properties props = config.asProperties();
        Path routes = home.resolve("routes");
        props.setProperty("camel.main.name", "tracemap");
        props.setProperty("camel.main.routesIncludePattern",
                Files.isDirectory(routes) ? "file:" + routes.toAbsolutePath() + "/*.camel.yaml" : "classpath:routes/*.camel.yaml");
        if (mode == Mode.WORKER) props.setProperty("camel.main.routesExcludePattern", "**/80-api.camel.yaml,**/90-schedule.camel.yaml");
        props.setProperty("camel.main.shutdownTimeout", "15");
        props.setProperty("camel.server.enabled", Boolean.toString(mode == Mode.SERVER));
        props.setProperty("camel.server.host", config.string("tracemap.server.host"));
        props.setProperty("camel.server.port", config.string("tracemap.server.port"));
        props.setProperty("camel.server.maxBodySize", Long.toString(MAX_REQUEST_BODY)); // API bodies are small JSON; refuse floods early
        props.setProperty("camel.server.fileUploadEnabled", "false"); // no API takes files: multipart bodies are not spooled to disk
        if (mode == Mode.SERVER) props.setProperty("camel.component.platform-http.headerFilterStrategy", "#httpHeaderFilter");
        // Override properties: Camel Main also loads classpath:application.properties (our bundled defaults),
        // which would otherwise outrank flags and environment for the {{placeholders}} in routes/.
        camel.setOverrideProperties(props);
        camel.start();
        // When a fetch ends, the next capture of its server starts at once, not at the next poll of the queue.
        org.apache.camel.ProducerTemplate toFetch = camel.getCamelContext().createProducerTemplate();
        queue.dispatchTo(request -> toFetch.sendBody("seda:fetch?blockWhenFull=true", request));
        if (mode == Mode.SERVER) {
            HttpSafetyNet.install(camel.getCamelContext(), config.integer("tracemap.server.port"));
            HttpBridge.answerServerErrorsAsJson(camel.getCamelContext(), json, MAX_REQUEST_BODY);
        }
    }

    /** What replay URLs in API answers and exports start with. */
    public String publicBase() {
        String base = config.string("tracemap.server.public-url");
        return base.isEmpty() ? "http://" + config.string("tracemap.server.host") + ":" + config.string("tracemap.server.port") : base;
    }

    /** The learned ranker's current model ({@code archive/models/ranker.json}). */
    public RankerFile ranker() {
        return ranker;
    }

    /** Reviewers' decisions on mined candidates, as labelled examples for the ranker. */
    public DecisionExamples decisionExamples() {
        return new DecisionExamples(catalog, json);
    }

    /** Review decisions on this archive's candidates. */
    public ReviewService review() {
        return new ReviewService(catalog, candidates, datapoints, audit, gazetteer);
    }

    /** The dataset exporter, with replay links to this archive's server. */
    public DatasetExport datasetExport() {
        return new DatasetExport(gazetteer, publicBase());
    }

    private void bindApi() {
        String base = publicBase();
        JsonViews views = new JsonViews(base);
        UrlNormalizer normalizer = new UrlNormalizer();
        CaptureResource captureResource = new CaptureResource(intake, captures, snapshots, extractions, auth, views, json, normalizer);
        SnapshotResource snapshotResource = new SnapshotResource(snapshots, extractions, normalizer, auth, views);
        ReplayResource replayResource = new ReplayResource(new ReplayService(cdxj, normalizer, ReplaySettings.from(config)), auth,
                config.bool("tracemap.replay.public"));
        MapTiles mapTiles = MapTiles.of(config.string("tracemap.ui.map.tile-url"), config.string("tracemap.ui.map.tile-attribution"));
        UiPolicy uiPolicy = new UiPolicy(config.string("tracemap.server.public-url"),
                config.string("tracemap.server.host") + ":" + config.string("tracemap.server.port"), mapTiles);
        HealthResource health = new HealthResource(captures, auth, config.bool("tracemap.metrics.public"));
        DataPointResource datapointResource = new DataPointResource(datapoints, datasetExport(), auth,
                config.bool("tracemap.dataset.public"));
        CandidateResource candidateResource = new CandidateResource(candidates,
                review(), audit, auth, views, datapointResource, json);
        SubmissionResource submissionResource = new SubmissionResource(new SubmissionService(intake, candidates, gazetteer,
                config.integer("tracemap.submissions.per-address-per-hour"), Clock.systemUTC(), json),
                (int) config.bytes("tracemap.submissions.max-body"), json);
        CrawlResource crawlResource = new CrawlResource(crawls, crawlStore, crawlRunner, auth, json);
        ChangesResource changes = new ChangesResource(crawlStore, snapshots, extractions, normalizer, auth, views);
        // Every HttpBridge takes its client address from this: the peer, or the forwarded client of a trusted proxy.
        camel.bind(HttpBridge.CLIENT_ADDRESSES, ClientAddresses.trusting(config.list("tracemap.server.trusted-proxies")));
        camel.bind("defineCrawl", new HttpBridge(crawlResource::define, json));
        camel.bind("listCrawls", new HttpBridge(crawlResource::list, json));
        camel.bind("startCrawlRun", new HttpBridge(crawlResource::startRun, json, "name"));
        camel.bind("getCrawlRun", new HttpBridge(crawlResource::getRun, json, "name", "id"));
        camel.bind("listChanges", new HttpBridge(changes::changes, json));
        // The map and crawls pages
        camel.bind("getUiConfig", new HttpBridge(new UiConfigResource(mapTiles)::get, json));
        camel.bind("listCrawlRuns", new HttpBridge(crawlResource::listRuns, json, "name"));
        camel.bind("diffSnapshots", new HttpBridge(changes::diff, json));
        camel.bind("listCandidates", new HttpBridge(candidateResource::list, json));
        camel.bind("getCandidate", new HttpBridge(candidateResource::get, json, "id"));
        camel.bind("decideCandidate", new HttpBridge(candidateResource::decide, json, "id"));
        camel.bind("candidateMatches", new HttpBridge(candidateResource::matches, json, "id"));
        camel.bind("bulkDecideCandidates", new HttpBridge(candidateResource::bulkDecide, json));
        camel.bind("gazetteerCountries", new HttpBridge(new GazetteerResource(gazetteer, auth)::countries, json));
        camel.bind("listDatapoints", new HttpBridge(datapointResource::list, json));
        // Places, vocabulary and points added by hand (the place picker and the snapshot text view).
        camel.bind("searchPlaces", new HttpBridge(new org.tracemap.web.PlaceResource(new org.tracemap.gazetteer.PlaceFinder(gazetteer))::search, json));
        camel.bind("getVocabulary", new HttpBridge(new org.tracemap.web.VocabularyResource(gazetteer)::get, json));
        camel.bind("addManualPoint", new HttpBridge(new org.tracemap.web.ManualPointResource(new org.tracemap.review.ManualPointService(catalog, snapshots, extractions, candidates,
                audit, review(), gazetteer, normalizer), auth, views, datapointResource, json)::post, json));
        camel.bind("postSubmission", new HttpBridge(submissionResource::post, json));
        camel.bind("search", new HttpBridge(new SearchResource(index, auth, views)::search, json));
        camel.bind("postCapture", new HttpBridge(captureResource::post, json));
        camel.bind("getCapture", new HttpBridge(captureResource::get, json, "id"));
        camel.bind("listCaptures", new HttpBridge(captureResource::list, json));
        camel.bind("retryCapture", new HttpBridge(captureResource::retry, json, "id"));
        camel.bind("listSnapshots", new HttpBridge(snapshotResource::list, json));
        camel.bind("snapshotText", new HttpBridge(snapshotResource::text, json, "id"));
        SessionResource sessionResource = new SessionResource(auth, json);
        camel.bind("signIn", new HttpBridge(sessionResource::signIn, json));
        camel.bind("currentSession", new HttpBridge(sessionResource::current, json));
        camel.bind("signOut", new HttpBridge(sessionResource::signOut, json));
        camel.bind("httpHeaderFilter", new HttpBridge.HeaderFilter());
        camel.bind("replay", new HttpBridge(replayResource::get, json));
        StaticResource ui = new StaticResource(uiPolicy);
        camel.bind("staticFiles", new HttpBridge(ui::get, json));
        camel.bind("pages", new HttpBridge(ui::page, json));
        camel.bind("home", new HttpBridge(request -> new ApiResponse(302, java.util.List.of(java.util.Map.entry("Location", "/review")), null), json));
        camel.bind("health", new HttpBridge(health::health, json));
        camel.bind("metrics", new HttpBridge(health::metrics, json));
    }

    private void sealCdxj(String warcFile) {
        try {
            cdxj.seal(warcFile);
        } catch (java.io.IOException e) {
            // The WARC is safe; its CDXJ is rebuilt from it on the next start.
            log.error("could not write the CDXJ of {}; it will be rebuilt on next start", warcFile, e);
        }
    }

    public TracemapConfig config() {
        return config;
    }

    public CaptureIntake intake() {
        return intake;
    }

    public CaptureStore captures() {
        return captures;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** The search index; null when the archive was opened without the pipeline. */
    public LuceneIndex index() {
        return index;
    }

    public Gazetteer gazetteer() {
        return gazetteer;
    }

    public CandidateStore candidates() {
        return candidates;
    }

    /** The catalogue database (tests seed approved data points through it). */
    public Catalog catalog() {
        return catalog;
    }

    public DataPointStore datapoints() {
        return datapoints;
    }

    public AuditLog audit() {
        return audit;
    }

    public Crawls crawls() {
        return crawls;
    }

    public CrawlStore crawlStore() {
        return crawlStore;
    }

    public CrawlRunner crawlRunner() {
        return crawlRunner;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ArchiveLayout layout() {
        return layout;
    }

    public CdxjIndex cdxj() {
        return cdxj;
    }

    /** The admin token created on this first start, to print once; null when none was created. */
    public String generatedAdminToken() {
        return generatedAdminToken;
    }

    @Override
    public void close() throws Exception {
        try {
            crawlRunner.close();
            if (queue != null) queue.stop();
            fetcher.stopFetching(java.time.Duration.ofSeconds(5));
            if (camel != null) camel.stop();
        } finally {
            try {
                warcs.close();
            } finally {
                try {
                    fetcher.close();
                    documents.close();
                    indexLimiter.close();
                    mineLimiter.close();
                    if (index != null) index.close();
                } finally {
                    catalog.close();
                    if (pipelineLock != null) pipelineLock.close();
                }
            }
        }
    }
}
