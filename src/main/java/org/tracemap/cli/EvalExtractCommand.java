package org.tracemap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.MainTextEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracemap eval-extract [DIR...] [--split dev|heldout|all] [-v]}: main-text 4-gram-shingle precision,
 * recall and F1, and title, date and language accuracy, for each evaluation set, with the worst pages.
 */
@Command(name = "eval-extract", description = "Score main-text extraction on evaluation sets (4-gram-shingle precision, recall, F1; title, date, language).")
final class EvalExtractCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "corpus folders (default: the labelled, Chinese and, when ../shared/corpora is there, the readability sets)")
    List<Path> corpora = new ArrayList<>();

    @Option(names = "--split", description = "dev (default), heldout, or all. Score held-out pages rarely, and never tune on their errors.")
    String split = "dev";

    @Option(names = {"-v", "--verbose"}, description = "every page's figures")
    boolean verbose;

    @Option(names = "--worst", description = "how many of the worst pages to list per set (default 10)")
    int worst = 10;

    @Override
    public Integer call() throws Exception {
        if (!List.of("dev", "heldout", "all").contains(split)) throw new IllegalArgumentException("--split must be dev, heldout or all");
        Map<String, Path> sets = sets();
        if (sets.isEmpty()) throw new java.io.IOException("no evaluation sets found (give a corpus folder)");
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(archive.config(Map.of())))) {
            for (Map.Entry<String, Path> set : sets.entrySet()) {
                MainTextEvaluation.Report report = new MainTextEvaluation(extractor).run(set.getValue(), split.equals("all") ? null : split);
                print(set.getKey(), set.getValue(), report);
            }
        }
        return 0;
    }

    private Map<String, Path> sets() {
        Map<String, Path> sets = new LinkedHashMap<>();
        if (!corpora.isEmpty()) {
            for (Path p : corpora) sets.put(p.toAbsolutePath().normalize().getFileName().toString(), p);
            return sets;
        }
        Path home = ArchiveOptions.home();
        Path readability = home.resolve("../shared/corpora/readability-test-pages");
        if (Files.isDirectory(readability)) sets.put("readability (real pages; reference = Mozilla Readability's output)", readability);
        Path zh = home.resolve("src/test/resources/extract/zh-corpus");
        if (Files.isDirectory(zh)) sets.put("zh (Chinese page structures, hand-labelled)", zh);
        Path labelled = home.resolve("src/test/resources/extract/corpus");
        if (Files.isDirectory(labelled)) sets.put("labelled (synthetic EN/ZH pages)", labelled);
        return sets;
    }

    private void print(String name, Path dir, MainTextEvaluation.Report report) {
        System.out.printf("== %s: %s, split %s, %d pages%n", name, dir, split, report.pages().size());
        if (verbose) {
            System.out.printf("%-48s %-8s %6s %6s %6s  title date lang%n", "page", "split", "P", "R", "F1");
            for (MainTextEvaluation.PageScore p : report.pages()) line(p);
        }
        System.out.printf("precision %.3f  recall %.3f  F1 %.3f   title %s  date %s  lang %s%n", report.precision(), report.recall(),
                report.f1(), share(report, MainTextEvaluation.PageScore::titleOk), share(report, MainTextEvaluation.PageScore::dateOk),
                share(report, MainTextEvaluation.PageScore::langOk));
        if (worst > 0 && !report.pages().isEmpty()) {
            System.out.println("worst pages:");
            for (MainTextEvaluation.PageScore p : report.worst(worst)) line(p);
        }
        System.out.println();
    }

    private static void line(MainTextEvaluation.PageScore p) {
        System.out.printf("  %-46s %-8s %6.3f %6.3f %6.3f  %-5s %-4s %-4s%s%n", p.name(), p.split(), p.text().precision(), p.text().recall(),
                p.f1(), mark(p.titleOk()), mark(p.dateOk()), mark(p.langOk()), p.error() == null ? "" : "  error: " + p.error());
    }

    private static String share(MainTextEvaluation.Report report, Function<MainTextEvaluation.PageScore, Boolean> check) {
        long n = report.labelled(check);
        return n == 0 ? "-" : String.format("%.0f%% of %d", 100 * report.share(check), n);
    }

    private static String mark(Boolean ok) {
        return ok == null ? "-" : ok ? "ok" : "MISS";
    }
}
