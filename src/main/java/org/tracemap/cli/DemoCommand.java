package org.tracemap.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
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
import org.tracemap.web.ListenPort;
import org.tracemap.web.PortInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tracemap demo}: the offline first run. Serves a bundled sample site on loopback, crawls it through
 * the whole pipeline (robots.txt, sitemap, feed, archive, extract, index, mine), prints what it found, the
 * UI's pages and a token to sign in with, and leaves the UI running. Uses its own archive folder
 * ({@code archive-demo/} unless --archive is given).
 */
@Command(name = "demo", description = "Crawl a bundled sample site on loopback, print what was found, and leave the UI running.")
final class DemoCommand implements Callable<Integer> {
    private static final String TOKEN_VARIABLE = "TRACEMAP_ADMIN_TOKEN";

    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--port", description = "HTTP port of the UI and API (default 8080; if that is taken, a free one)")
    Integer port;

    @Option(names = "--exit", description = "stop after printing the summary instead of leaving the UI running")
    boolean exit;

    /** Where {@code TRACEMAP_ADMIN_TOKEN} is read from: the process environment; tests set their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        if (archive.archive == null) archive.archive = Path.of("archive-demo");
        PrintStream out = System.out;
        Map<String, String> flags = new LinkedHashMap<>();
        if (port != null) flags.put("tracemap.server.port", port.toString());
        // The sample site is on loopback: the SSRF guard lets this process reach 127.0.0.1 and nothing else private,
        // so the public form the demo serves cannot be used to fetch other hosts of the network it runs in.
        flags.put("tracemap.fetch.allow-private-hosts", "127.0.0.1");
        flags.put("tracemap.fetch.per-host-delay", "0ms");
        TracemapConfig config = archive.config(flags);
        if (port == null) config = withFreePort(config, flags, out);
        // A token that works for this run, every run: a first start's generated token is shown only once, and the
        // newcomer who runs the demo a second time must still be able to sign in. As the environment's admin token it
        // replaces the previous run's (one fixed id), so runs do not pile up users.
        Map<String, String> env = new HashMap<>(environment);
        String token = env.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) env.put(TOKEN_VARIABLE, token = freshToken());
        else token = "(the token in " + TOKEN_VARIABLE + ")";
        try (DemoSite site = new DemoSite()) {
            Tracemap t;
            try {
                t = Tracemap.start(config, ArchiveOptions.home(), Tracemap.Mode.SERVER, env);
            } catch (PortInUseException e) {
                return ServeCommand.portInUse(spec, e);
            }
            return crawlAndServe(t, site, token, out);
        }
    }

    /**
     * The configured port if it is free, else one the system picks: nobody asked for this port by --port, and a
     * newcomer whose 8080 is taken should see the demo rather than an error.
     */
    private TracemapConfig withFreePort(TracemapConfig config, Map<String, String> flags, PrintStream out) {
        String host = config.string("tracemap.server.host");
        int configured = config.integer("tracemap.server.port");
        if (ListenPort.isFree(host, configured)) return config;
        int free = ListenPort.anyFree(host);
        out.println("Port " + configured + " is in use; the demo serves on port " + free + " instead (choose one with --port N).");
        flags.put("tracemap.server.port", Integer.toString(free));
        return archive.config(flags);
    }

    private int crawlAndServe(Tracemap t, DemoSite site, String token, PrintStream out) throws Exception {
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
        out.println("Sample site: " + base + "  (archive: " + t.layout().root().toAbsolutePath() + ")");
        long id = t.crawlRunner().start("demo");
        CrawlStore.Run run;
        do {
            Thread.sleep(200);
            run = t.crawlStore().run(id).orElseThrow();
        } while (run.status().equals("RUNNING") || run.status().equals("STARTING"));
        printFindings(t, id, run, out);
        printPages(t.publicBase(), token, out);
        if (exit) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            return run.status().equals("FINISHED") ? 0 : 1;
        }
        out.println("The UI runs until you press Ctrl+C.");
        out.flush();
        stopped.await();
        return 0;
    }

    private static void printFindings(Tracemap t, long id, CrawlStore.Run run, PrintStream out) {
        CrawlStore.Counts c = t.crawlStore().counts(id);
        String errorPages = c.answeredError() == 0 ? "" : "; " + c.answeredError() + " of them error pages (the origin answered 4xx/5xx)";
        out.printf("Crawl %s: %d discovered, %d captured (%d new, %d changed, %d unchanged, %d gone%s), %d blocked by robots.txt, %d failed%n",
                run.status().toLowerCase(), c.discovered(), c.captured(), c.newPages(), c.changed(), c.unchanged(), c.gone(), errorPages,
                c.blockedByRobots(), c.failed());
        var pending = t.candidates().list(new CandidateStore.Query("PENDING", null, null, null, null, 20, 0));
        out.println(pending.getValue() + " candidate data points await review:");
        for (CandidateStore.Candidate cand : pending.getKey()) {
            out.printf("  %-14s %-28s %s%s  \u201c%s\u201d%n", cand.company(), cand.category(), cand.country(),
                    cand.city() == null || cand.city().isEmpty() ? "" : " / " + cand.city(), abbreviate(cand.quote(), 90));
        }
    }

    /** The UI's pages (not API calls, which answer 401 in a browser) and the token to sign in with on them. */
    private static void printPages(String ui, String token, PrintStream out) {
        out.println();
        out.println("Open the UI and sign in with the admin token below:");
        out.println("  Review queue  " + ui + "/review");
        out.println("  Search        " + ui + "/search?q=safe+city");
        out.println("  Map           " + ui + "/map");
        out.println("  Capture       " + ui + "/capture");
        out.println("  Crawls        " + ui + "/crawls");
        TokenBlock.print(out, "Admin token for this demo run:", token, List.of());
    }

    /** 256 random bits, URL-safe: the same shape as the tokens the server generates. */
    private static String freshToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
