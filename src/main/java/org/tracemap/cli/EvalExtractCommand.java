package org.tracemap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.MainTextEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracemap eval-extract [DIR] [--split heldout]}: main-text precision, recall and F1 on a labelled corpus. */
@Command(name = "eval-extract", description = "Score main-text extraction on a labelled corpus (prints precision, recall, F1).")
final class EvalExtractCommand implements Callable<Integer> {
    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "corpus folder (default: src/test/resources/extract/corpus)")
    Path corpus;

    @Option(names = "--split", description = "dev, heldout, or all (default)")
    String split = "all";

    @Override
    public Integer call() throws Exception {
        Path dir = corpus != null ? corpus : ArchiveOptions.home().resolve("src/test/resources/extract/corpus");
        if (!Files.isDirectory(dir)) throw new java.io.IOException("no corpus folder at " + dir);
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(archive.config(Map.of())))) {
            MainTextEvaluation.Report report = new MainTextEvaluation(extractor).run(dir, split.equals("all") ? null : split);
            System.out.printf("%-44s %-8s %6s %6s %6s  title date lang%n", "page", "split", "P", "R", "F1");
            for (MainTextEvaluation.PageScore p : report.pages()) {
                System.out.printf("%-44s %-8s %6.3f %6.3f %6.3f  %-5s %-4s %-4s%s%n", p.name(), p.split(), p.precision(), p.recall(), p.f1(),
                        mark(p.titleOk()), mark(p.dateOk()), mark(p.langOk()), p.error() == null ? "" : "  error: " + p.error());
            }
            System.out.printf("%nmean over %d pages: precision %.3f  recall %.3f  F1 %.3f   title %.0f%%  date %.0f%%  lang %.0f%%%n",
                    report.pages().size(), report.meanPrecision(), report.meanRecall(), report.meanF1(),
                    100 * report.share(MainTextEvaluation.PageScore::titleOk), 100 * report.share(MainTextEvaluation.PageScore::dateOk),
                    100 * report.share(MainTextEvaluation.PageScore::langOk));
        }
        return 0;
    }

    private static String mark(boolean ok) {
        return ok ? "ok" : "MISS";
    }
}
