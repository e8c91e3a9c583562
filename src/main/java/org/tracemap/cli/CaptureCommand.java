package org.tracemap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.intake.CaptureIntake;
import org.tracemap.intake.CaptureSubmission;
import org.tracemap.intake.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracemap capture URL... | --file F [--tag k=v] [--wait]}: queue captures in the archive, or on a
 * running server with {@code --server URL --token T}; with {@code --wait}, show progress until all are done.
 */
@Command(name = "capture", description = "Queue URLs for capture; with --wait, follow them until they are all done.")
final class CaptureCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to capture")
    List<String> urls = new ArrayList<>();

    @Option(names = "--file", paramLabel = "FILE", description = "a file with one URL per line (# starts a comment)")
    Path file;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "tag every capture, e.g. --tag company=huawei")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--note", description = "a note kept with every capture")
    String note;

    @Option(names = "--wait", description = "show progress until every capture is done (in-process, the pipeline runs here)")
    boolean await;

    @Option(names = "--server", paramLabel = "URL", description = "queue on a running tracemap serve instead of in-process")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", description = "API token for --server (default: $TRACEMAP_TOKEN)")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(urls);
        if (file != null) all.addAll(readUrlFile(file));
        if (all.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "give at least one URL or --file");
        return server != null ? onServer(all) : inProcess(all);
    }

    private int inProcess(List<String> all) throws Exception {
        try (Tracemap tracemap = await
                ? Tracemap.start(archive.config(Map.of()), ArchiveOptions.home(), Tracemap.Mode.WORKER, System.getenv())
                : Tracemap.open(archive.config(Map.of()))) {
            Queued queued = queueInBatches(tracemap.intake(), all);
            if (!await) return reportQueued(queued, "they run when the pipeline does (bin/tracemap serve, or capture --wait)");
            return follow(queued, ids -> {
                Map<String, ProgressWatcher.CaptureView> views = new java.util.HashMap<>();
                for (var c : tracemap.captures().progress(ids)) views.put(c.id(), new ProgressWatcher.CaptureView(c.url(), c.status(), c.error(), c.httpStatus()));
                return views;
            });
        }
    }

    private int onServer(List<String> all) throws Exception {
        String t = token != null ? token : System.getenv("TRACEMAP_TOKEN");
        if (t == null || t.isBlank()) throw new CommandLine.ParameterException(spec.commandLine(), "--server needs --token (or TRACEMAP_TOKEN)");
        try (ServerClient client = new ServerClient(server, t)) {
            Queued queued = queue(all, url -> client.submit(url, tags, note));
            if (!await) return reportQueued(queued, "on " + server);
            return follow(queued, client::findAll);
        }
    }

    private record Queued(List<String> ids, int rejected) {}

    @FunctionalInterface
    private interface Submitter {
        String submit(String url) throws IOException;
    }

    private static Queued queue(List<String> all, Submitter submitter) throws IOException {
        List<String> ids = new ArrayList<>();
        int rejected = 0;
        for (String url : all) {
            try {
                ids.add(submitter.submit(url));
            } catch (InvalidInputException | IllegalArgumentException e) {
                rejected++;
                System.err.println("rejected " + url + ": " + e.getMessage());
            }
        }
        return new Queued(ids, rejected);
    }

    /** Queues in transactions of 1,000, so a long list goes in quickly and the pipeline can start meanwhile. */
    private Queued queueInBatches(CaptureIntake intake, List<String> all) {
        // A URL given twice maps to one capture; follow it once.
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        int rejected = 0;
        for (int from = 0; from < all.size(); from += 1000) {
            List<CaptureSubmission> batch = all.subList(from, Math.min(all.size(), from + 1000)).stream()
                    .map(url -> new CaptureSubmission(url, tags, note, "cli")).toList();
            for (CaptureIntake.Outcome o : intake.submitAll(batch)) {
                if (o.capture() != null) {
                    ids.add(o.capture().id());
                } else {
                    rejected++;
                    System.err.println("rejected " + o.submission().url() + ": " + o.rejection().getMessage());
                }
            }
        }
        return new Queued(new ArrayList<>(ids), rejected);
    }

    private static int reportQueued(Queued queued, String where) {
        int n = queued.ids().size();
        System.out.println("queued " + n + (n == 1 ? " capture" : " captures") + (queued.rejected() > 0 ? ", rejected " + queued.rejected() : "") + "; " + where);
        return queued.rejected() == 0 ? 0 : 1;
    }

    private static int follow(Queued queued, ProgressWatcher.Lookup lookup) throws IOException, InterruptedException {
        List<ProgressWatcher.CaptureView> done = new ProgressWatcher(lookup, queued.ids(), System.err).waitForAll();
        new CaptureSummary(System.out).print(done);
        boolean allArchived = done.stream().allMatch(c -> c.status() != CaptureStatus.FAILED);
        return allArchived && queued.rejected() == 0 ? 0 : 1;
    }

    private static List<String> readUrlFile(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException("cannot read " + file);
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
