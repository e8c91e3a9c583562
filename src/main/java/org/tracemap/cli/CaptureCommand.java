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
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.intake.CaptureSubmission;
import org.tracemap.intake.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracemap capture URL... | --file F [--tag k=v] [--wait]}: queue captures, optionally until done. */
@Command(name = "capture", description = "Queue URLs for capture; with --wait, run the pipeline until they are all done.")
final class CaptureCommand implements Callable<Integer> {
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

    @Option(names = "--wait", description = "run the pipeline here and show progress until every capture is done")
    boolean await;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> all = new ArrayList<>(urls);
        if (file != null) all.addAll(readUrlFile(file));
        if (all.isEmpty()) throw new CommandLine.ParameterException(spec.commandLine(), "give at least one URL or --file");
        try (Tracemap tracemap = await
                ? Tracemap.start(archive.config(Map.of()), ArchiveOptions.home(), Tracemap.Mode.WORKER, System.getenv())
                : Tracemap.open(archive.config(Map.of()))) {
            List<String> ids = new ArrayList<>();
            int rejected = 0;
            for (String url : all) {
                try {
                    ids.add(tracemap.intake().submit(new CaptureSubmission(url, tags, note, "cli")).id());
                } catch (InvalidInputException e) {
                    rejected++;
                    System.err.println("rejected " + url + ": " + e.getMessage());
                }
            }
            if (!await) {
                System.out.println("queued " + ids.size() + " captures" + (rejected > 0 ? ", rejected " + rejected : "")
                        + "; they run when the pipeline does (bin/tracemap serve, or capture --wait)");
                return rejected == 0 ? 0 : 1;
            }
            List<Capture> done = new ProgressWatcher(tracemap.captures(), ids, System.err).waitForAll();
            new CaptureSummary(System.out).print(done);
            boolean allArchived = done.stream().allMatch(c -> c.status() != CaptureStatus.FAILED);
            return allArchived && rejected == 0 ? 0 : 1;
        }
    }

    private static List<String> readUrlFile(Path file) throws IOException {
        if (!Files.isReadable(file)) throw new IOException("cannot read " + file);
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
