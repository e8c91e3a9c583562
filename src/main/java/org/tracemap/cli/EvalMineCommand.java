package org.tracemap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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

/** {@code tracemap eval-mine [DIR] [--split heldout] [--verbose]}: candidate precision and recall on a labelled corpus. */
@Command(name = "eval-mine", description = "Score candidate mining on a labelled corpus (prints precision and recall).")
final class EvalMineCommand implements Callable<Integer> {
    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "corpus folder (default: src/test/resources/mine/corpus)")
    Path corpus;

    @Option(names = "--split", description = "dev, heldout, or all (default: each split, then all)")
    String split = "all";

    @Option(names = {"-v", "--verbose"}, description = "list every missed and spurious data point")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path dir = corpus != null ? corpus : ArchiveOptions.home().resolve("src/test/resources/mine/corpus");
        if (!Files.isDirectory(dir)) throw new java.io.IOException("no corpus folder at " + dir);
        TracemapConfig config = archive.config(Map.of());
        CandidateMiner miner = new CandidateMiner(GazetteerLoader.load(ArchiveOptions.home().resolve(config.string("tracemap.mine.gazetteer-dir"))),
                MineSettings.from(config));
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(config))) {
            MiningEvaluation.Report report = new MiningEvaluation(extractor, miner).run(dir, split.equals("all") ? null : split);
            System.out.printf("%-52s %-8s %8s %8s %7s%n", "page", "split", "expected", "proposed", "correct");
            for (MiningEvaluation.PageResult p : report.pages()) {
                int correct = p.expected().size() - p.missed().size();
                System.out.printf("%-52s %-8s %8d %8d %7d%s%n", p.file(), p.split(), p.expected().size(), p.proposed().size(), correct,
                        p.error() == null ? "" : "  error: " + p.error());
                if (verbose) {
                    for (String m : p.missed()) System.out.println("    missed   " + m);
                    for (String s : p.spurious()) {
                        System.out.println("    spurious " + s);
                        p.candidates().stream().filter(c -> MiningEvaluation.triple(c).equals(s)).findFirst()
                                .ifPresent(c -> System.out.printf("             %.2f \u201c%s\u201d%n", c.score(), c.quote()));
                    }
                }
            }
            System.out.println();
            for (String s : new String[] {"dev", "heldout"}) {
                MiningEvaluation.Report r = report.only(s);
                if (!r.pages().isEmpty()) print(s, r);
            }
            print("all", report);
        }
        return 0;
    }

    private static void print(String name, MiningEvaluation.Report r) {
        System.out.printf("%-8s %3d pages  %3d expected  %3d proposed  %3d correct   precision %.3f  recall %.3f%n", name,
                r.pages().size(), r.expected(), r.proposed(), r.correct(), r.precision(), r.recall());
    }
}
