package org.tracemap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tracemap.Tracemap;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.config.TracemapConfig;
import org.tracemap.crawl.CrawlDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tracemap demo}: the offline first run. Serves a bundled sample site on loopback, crawls it through
 * the whole pipeline (robots.txt, sitemap, feed, archive, extract, index, mine), prints what it found, and
 * leaves the UI running. Uses its own archive folder ({@code archive-demo/} unless --archive is given).
 */
@Command(name = "demo", description = "Crawl a bundled sample site on loopback, print what was found, and leave the UI running.")
final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--port", description = "HTTP port of the UI and API (default 8080)")
    Integer port;

    @Option(names = "--exit", description = "stop after printing the summary instead of leaving the UI running")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        if (archive.archive == null) archive.archive = Path.of("archive-demo");
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) flags.put("tracemap.server.port", port.toString());
        // The sample site is on loopback: the SSRF guard must let this process reach it. Demo only.
        flags.put("tracemap.fetch.allow-private", "true");
        flags.put("tracemap.fetch.per-host-delay", "0ms");
        TracemapConfig config = archive.config(flags);
        DemoSite site = new DemoSite();
        Tracemap t = Tracemap.start(config, ArchiveOptions.home(), Tracemap.Mode.SERVER, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                t.close();
            } catch (Exception e) {
                System.err.println("error: shutdown: " + TracemapCommand.oneLine(e));
            } finally {
                site.close();
                stopped.countDown();
            }
        }, "tracemap-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String base = site.base();
        t.crawls().define(new CrawlDefinition("demo", List.of(base + "/"), List.of(base + "/sitemap.xml"), List.of(base + "/feed.xml"), null, 2, 100,
                null, null, null, null), "API");
        System.out.println("Sample site: " + base + "  (archive: " + t.layout().root().toAbsolutePath() + ")");
        long id = t.crawlRunner().start("demo");
        CrawlStore.Run run;
        do {
            Thread.sleep(200);
            run = t.crawlStore().run(id).orElseThrow();
        } while (run.status().equals("RUNNING") || run.status().equals("STARTING"));
        CrawlStore.Counts c = t.crawlStore().counts(id);
        String errorPages = c.answeredError() == 0 ? "" : "; " + c.answeredError() + " of them error pages (the origin answered 4xx/5xx)";
        System.out.printf("Crawl %s: %d discovered, %d captured (%d new, %d changed, %d unchanged, %d gone%s), %d blocked by robots.txt, %d failed%n",
                run.status().toLowerCase(), c.discovered(), c.captured(), c.newPages(), c.changed(), c.unchanged(), c.gone(), errorPages,
                c.blockedByRobots(), c.failed());
        var pending = t.candidates().list(new CandidateStore.Query("PENDING", null, null, null, null, 20, 0));
        System.out.println(pending.getValue() + " candidate data points await review:");
        for (CandidateStore.Candidate cand : pending.getKey()) {
            System.out.printf("  %-14s %-28s %s%s  \u201c%s\u201d%n", cand.company(), cand.category(), cand.country(),
                    cand.city() == null || cand.city().isEmpty() ? "" : " / " + cand.city(), abbreviate(cand.quote(), 90));
        }
        String ui = t.publicBase();
        System.out.println();
        System.out.println("Review queue: " + ui + "/ui/    Map: " + ui + "/ui/map.html    Search: " + ui + "/api/search?q=safe+city");
        if (t.generatedAdminToken() != null) System.out.println("Admin token (shown once; paste it into the UI): " + t.generatedAdminToken());
        System.out.flush();
        if (exit) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            return run.status().equals("FINISHED") ? 0 : 1;
        }
        stopped.await();
        return 0;
    }

    private static String abbreviate(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
