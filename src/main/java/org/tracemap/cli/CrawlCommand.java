package org.tracemap.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.crawl.CrawlDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tracemap crawl run NAME | list}: run a crawl in-process with a progress bar and a summary. */
@Command(name = "crawl", description = "Run a crawl defined in config/crawls/ (or through the API), or list them.",
        subcommands = {CrawlCommand.Run.class, CrawlCommand.ListCrawls.class})
final class CrawlCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: run or list");
    }

    @Command(name = "run", description = "Run one crawl now, through the whole pipeline, and print a summary (exit 1 if the run failed).")
    static final class Run implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @Mixin
        ArchiveOptions archive;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            PrintStream err = System.err;
            try (Tracemap t = Tracemap.start(archive.config(Map.of()), ArchiveOptions.home(), Tracemap.Mode.WORKER, System.getenv())) {
                if (t.crawls().get(name).isEmpty()) {
                    err.println("error: no crawl named " + name + " (see: bin/tracemap crawl list)");
                    return 1;
                }
                long id = t.crawlRunner().start(name);
                err.println("crawl " + name + ": run " + id);
                boolean terminal = System.console() != null;
                CrawlStore.Run run;
                long lastLine = 0;
                while (true) {
                    run = t.crawlStore().run(id).orElseThrow();
                    CrawlStore.Counts c = t.crawlStore().counts(id);
                    int done = c.discovered() - c.pending();
                    long now = System.currentTimeMillis();
                    String line = ProgressWatcher.bar(done, c.discovered()) + String.format("  new %d  changed %d  unchanged %d  gone %d  failed %d  robots %d"
                            + "  error pages %d", c.newPages(), c.changed(), c.unchanged(), c.gone(), c.failed(), c.blockedByRobots(), c.answeredError());
                    if (terminal) {
                        err.print("\r" + line);
                    } else if (now - lastLine > 5000) { // logs: a line every 5 s, not a bar
                        err.println(line);
                        lastLine = now;
                    }
                    if (!run.status().equals("RUNNING") && !run.status().equals("STARTING")) break;
                    Thread.sleep(200);
                }
                if (terminal) err.println();
                print(t.crawlStore(), run);
                return run.status().equals("FINISHED") ? 0 : 1;
            }
        }

        private static void print(CrawlStore store, CrawlStore.Run run) {
            CrawlStore.Counts c = store.counts(run.id());
            PrintStream out = System.out;
            out.printf("crawl %s, run %d: %s (%s .. %s)%n", run.crawl(), run.id(), run.status(), run.startedAt(), run.endedAt());
            if (run.robotsNote() != null) out.println(run.robotsNote());
            if (run.error() != null) out.println("error: " + run.error());
            out.printf("%-18s %8s%n", "", "pages");
            String[][] rows = {{"discovered", "" + c.discovered()}, {"captured", "" + c.captured()}, {"  new", "" + c.newPages()},
                    {"  changed", "" + c.changed()}, {"  unchanged", "" + c.unchanged()}, {"  gone", "" + c.gone()}, {"failed", "" + c.failed()},
                    {"blocked by robots", "" + c.blockedByRobots()}};
            for (String[] r : rows) out.printf("%-18s %8s%n", r[0], r[1]);
            if (c.answeredError() > 0) {
                // Archived as answered, so counted as captured above; but these copies are error pages, not the pages.
                out.println();
                out.println(c.answeredError() + " of the captured " + (c.answeredError() == 1 ? "page is an error page" : "pages are error pages")
                        + ": the origin answered 4xx/5xx (see below)");
            }
            Map<String, Integer> errors = store.errors(run.id());
            if (!errors.isEmpty()) {
                out.println();
                out.println("errors and error answers by cause:");
                errors.forEach((cause, n) -> out.printf("%8d  %s%n", n, cause));
            }
        }
    }

    @Command(name = "list", description = "Crawl definitions and their last run.")
    static final class ListCrawls implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @Mixin
        ArchiveOptions archive;

        @Override
        public Integer call() throws Exception {
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                t.crawls().loadFiles(t.config().path("tracemap.crawl.dir"));
                System.out.printf("%-24s %-16s %-10s %s%n", "name", "schedule", "last run", "seeds/sitemaps/feeds");
                for (CrawlDefinition d : t.crawls().all()) {
                    String last = t.crawlStore().runsOf(d.name()).stream().findFirst().map(r -> r.status() + " #" + r.id()).orElse("never");
                    System.out.printf("%-24s %-16s %-10s %d/%d/%d%n", d.name(), d.schedule() == null ? "-" : d.schedule(), last, d.seeds().size(),
                            d.sitemaps().size(), d.feeds().size());
                }
            }
            return 0;
        }
    }
}
