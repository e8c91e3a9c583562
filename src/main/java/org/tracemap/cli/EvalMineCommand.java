package org.tracemap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.config.TracemapConfig;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.mine.CandidateMiner;
import org.tracemap.mine.MineSettings;
import org.tracemap.mine.MiningEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracemap eval-mine [DIR...] [--split heldout] [--verbose]}: candidate precision and recall on labelled
 * corpora, per set and split. Without DIR it scores the two sets kept in the repository: {@code synthetic}
 * (news, notices and tenders written for the project) and {@code prose} (analyst and news prose with the
 * constructions real reports use: hedges, helper countries, coreference, footnotes).
 */
@Command(name = "eval-mine", description = "Score candidate mining on labelled corpora (precision and recall per set and split, with the misses).")
final class EvalMineCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    private static final Map<String, String> BUNDLED_SETS = Map.of(
            "synthetic", "src/test/resources/mine/corpus",
            "prose", "src/test/resources/mine/prose");

    @Mixin
    ArchiveOptions archive;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "corpus folders (default: the synthetic and prose sets in src/test/resources/mine)")
    List<Path> corpora = new ArrayList<>();

    @Option(names = "--split", description = "dev, heldout, or all (default: each split, then all)")
    String split = "all";

    @Option(names = "--corpus", description = "only this bundled set: synthetic or prose")
    String set;

    @Option(names = {"-v", "--verbose"}, description = "list every missed and spurious data point")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!List.of("dev", "heldout", "all").contains(split)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split must be dev, heldout or all, not '" + split + "'");
        }
        Map<String, Path> sets = new LinkedHashMap<>();
        if (corpora.isEmpty()) {
            for (String name : List.of("synthetic", "prose")) {
                if (set != null && !set.equals(name)) continue;
                Path dir = ArchiveOptions.home().resolve(BUNDLED_SETS.get(name));
                if (Files.isDirectory(dir)) sets.put(name, dir);
            }
            if (set != null && sets.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--corpus must be synthetic or prose, not '" + set + "'");
            }
        } else {
            for (Path dir : corpora) sets.put(dir.getFileName().toString(), dir);
        }
        for (Path dir : sets.values()) {
            if (!Files.isDirectory(dir)) throw new java.io.IOException("no corpus folder at " + dir);
            if (!Files.isRegularFile(dir.resolve("labels.tsv"))) throw new java.io.IOException(dir + " has no labels.tsv (see src/test/resources/mine/corpus/README.md for the format)");
        }
        TracemapConfig config = archive.config(Map.of());
        CandidateMiner miner = new CandidateMiner(GazetteerLoader.load(ArchiveOptions.home().resolve(config.string("tracemap.mine.gazetteer-dir"))),
                MineSettings.from(config));
        Map<String, MiningEvaluation.Report> reports = new LinkedHashMap<>();
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(config))) {
            MiningEvaluation evaluation = new MiningEvaluation(extractor, miner);
            for (Map.Entry<String, Path> s : sets.entrySet()) {
                MiningEvaluation.Report report = evaluation.run(s.getValue(), split.equals("all") ? null : split);
                reports.put(s.getKey(), report);
                printPages(s.getKey(), report);
            }
        }
        System.out.printf("%-20s %5s %8s %8s %7s %9s %7s   %s%n", "set", "pages", "expected", "proposed", "correct", "precision", "recall",
                "company × country only (P / R)");
        for (Map.Entry<String, MiningEvaluation.Report> r : reports.entrySet()) {
            for (String s : new String[] {"dev", "heldout"}) {
                MiningEvaluation.Report part = r.getValue().only(s);
                if (!part.pages().isEmpty()) printTotals(r.getKey() + " " + s, part);
            }
        }
        if (reports.size() > 1 || split.equals("all")) {
            List<MiningEvaluation.PageResult> all = new ArrayList<>();
            reports.values().forEach(r -> all.addAll(r.pages()));
            printTotals("all", new MiningEvaluation.Report(all));
        }
        if (!verbose) System.out.println("(add -v to list every missed and spurious data point with its quote)");
        return 0;
    }

    private void printPages(String set, MiningEvaluation.Report report) {
        System.out.printf("%n== %s%n%-56s %-8s %8s %8s %7s%n", set, "page", "split", "expected", "proposed", "correct");
        for (MiningEvaluation.PageResult p : report.pages()) {
            System.out.printf("%-56s %-8s %8d %8d %7d%s%n", p.file(), p.split(), p.labels().size(), p.proposed().size(), p.correct(),
                    p.error() == null ? "" : "  error: " + p.error());
            if (!verbose) continue;
            for (String m : p.missed()) System.out.println("    missed   " + m);
            for (String s : p.spurious()) {
                System.out.println("    spurious " + s);
                p.candidates().stream().filter(c -> MiningEvaluation.triple(c).equals(s)).findFirst()
                        .ifPresent(c -> System.out.printf("             %.2f \u201c%s\u201d%n", c.score(), c.quote()));
            }
        }
        System.out.println();
    }

    private static void printTotals(String name, MiningEvaluation.Report r) {
        System.out.printf("%-20s %5d %8d %8d %7d %9.3f %7.3f   %.3f / %.3f%n", name, r.pages().size(), r.expected(), r.proposed(), r.correct(),
                r.precision(), r.recall(), r.pairPrecision(), r.pairRecall());
    }
}
