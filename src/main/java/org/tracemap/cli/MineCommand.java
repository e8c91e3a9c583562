package org.tracemap.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.mine.MineSettings;
import org.tracemap.ranker.DecisionExamples;
import org.tracemap.ranker.Figures;
import org.tracemap.ranker.RankerModel;
import org.tracemap.ranker.RankerTrainer;
import org.tracemap.ranker.Replacement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracemap mine retrain}: the mine stage's learned ranker, trained on reviewers' decisions. */
@Command(name = "mine", description = "The mine stage's ranker: retrain it on reviewers' decisions.", subcommands = MineCommand.Retrain.class)
final class MineCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: retrain");
    }

    /**
     * Reads every decision on mined candidates, cross-validates a new model against the current ordering, and
     * replaces the model ({@code archive/models/ranker.json}) only when the new one's average precision is not
     * below the bars of {@link Replacement} (or with {@code --force}); then re-ranks the pending candidates. Exit 2
     * when there are too few decisions; more folds than the smaller class has decisions are cut down (and said).
     */
    @Command(name = "retrain", description = "Fit the ranker on approve/edit/merge/reject decisions, report k-fold average precision and"
            + " precision/recall/F1 beside the rule score and the current model (out of sample), and replace the model when"
            + " it is not worse.")
    static final class Retrain implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ArchiveOptions archive;

        @Option(names = "--folds", paramLabel = "K", description = "cross-validation folds (default 5; at most the number of accepted or of refused decisions, whichever is fewer)")
        int folds = 5;

        @Option(names = "--min-examples", paramLabel = "N", description = "fewest decisions to train on (default 30)")
        int minExamples = 30;

        @Option(names = "--dry-run", description = "report only; never write the model or ranks")
        boolean dryRun;

        @Option(names = "--force", description = "replace the current model even if the new one's cross-validated average precision is below a bar")
        boolean force;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (folds < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--folds must be at least 2");
            if (minExamples < 2) throw new CommandLine.ParameterException(spec.commandLine(), "--min-examples must be at least 2");
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                DecisionExamples.Read read = t.decisionExamples().read();
                out.printf("decisions: %s%n", read.byAction().isEmpty() ? "none" : String.join(", ",
                        read.byAction().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
                int skipped = read.skippedWithoutFeatures();
                out.printf("examples: %d accepted, %d refused%s%n", read.positives(), read.negatives(), skipped == 0 ? ""
                        : " (" + skipped + " decision" + (skipped == 1 ? "" : "s") + " skipped: mined before features were stored)");
                if (read.examples().size() < minExamples || read.positives() < 2 || read.negatives() < 2) {
                    err.printf("error: too few decisions to train on: %d examples (%d accepted, %d refused); need at least %d (--min-examples)"
                            + " and both accepted and refused ones (at least 2 of each, for cross-validation)%n", read.examples().size(), read.positives(), read.negatives(),
                            minExamples);
                    return 2;
                }
                int k = folds;
                int most = RankerTrainer.maxFolds(read.examples());
                if (k > most) {
                    k = most;
                    out.printf("folds: %d instead of %d: each fold needs an accepted and a refused decision, and there are only %d %s%n",
                            k, folds, most, read.positives() < read.negatives() ? "accepted" : "refused");
                }
                RankerModel current = currentModel(t, err);
                double minScore = MineSettings.from(t.config()).minScore();
                RankerTrainer trainer = new RankerTrainer(1.0, Clock.systemUTC());
                RankerModel.CrossValidation cv = trainer.crossValidate(read.examples(), k, minScore, current);
                printFigures(out, cv, read.examples().size(), minScore, current);
                RankerModel next = trainer.train(read.examples()).withCrossValidation(cv);
                printWeights(out, next);
                Replacement verdict = Replacement.judge(cv);
                if (dryRun) {
                    out.printf("dry run: nothing written (the new model %s: %s)%n", verdict.replace() ? "would replace the current ordering"
                            : "would not replace the current ordering", verdict.reason());
                    return 0;
                }
                if (!verdict.replace() && !force) {
                    out.printf("kept the current ordering: %s (--force replaces it anyway)%n", verdict.reason());
                    return 0;
                }
                if (!verdict.replace()) out.printf("replacing anyway (--force): %s%n", verdict.reason());
                t.ranker().replace(next);
                Map<Long, Double> ranks = new HashMap<>();
                t.candidates().pendingFeatures().forEach((id, features) -> ranks.put(id, next.probability(features)));
                int ranked = t.candidates().rank(ranks);
                out.printf("wrote %s (%s); re-ranked %d pending candidate%s%n", t.ranker().path(), verdict.replace() ? verdict.reason()
                        : "forced", ranked, ranked == 1 ? "" : "s");
                return 0;
            }
        }

        private static RankerModel currentModel(Tracemap t, PrintWriter err) {
            try {
                return t.ranker().current().orElse(null);
            } catch (UncheckedIOException e) {
                err.println("warning: " + e.getMessage() + "; compared with the rule score instead");
                return null;
            }
        }

        private static void printFigures(PrintWriter out, RankerModel.CrossValidation cv, int examples, double minScore, RankerModel current) {
            String rule = String.format(Locale.ROOT, "rule score (>= %.2f), no training", minScore);
            header(out, cv.folds() + "-fold cross-validation on " + examples + " decisions");
            row(out, "new model, cross-validated (p >= " + RankerTrainer.THRESHOLD + ")", cv.model());
            row(out, rule, cv.rules());
            if (current == null) {
                out.println("  (no current model: the rule score is the bar)");
                return;
            }
            row(out, "current model, in-sample (not a bar)", cv.previousModel());
            RankerModel.OutOfSample oos = cv.outOfSample();
            out.printf(Locale.ROOT, "%ncurrent model trained %s; %d decision%s made since (out of sample)%s%n", current.trainedAt(),
                    oos.decisions(), oos.decisions() == 1 ? "" : "s", Replacement.usable(oos) ? ""
                            : ": fewer than " + Replacement.MIN_OUT_OF_SAMPLE + ", so it is not a bar; the rule score is");
            if (oos.decisions() == 0) return;
            header(out, "on those " + oos.decisions() + " decisions");
            row(out, "new model, cross-validated", oos.model());
            row(out, rule, oos.rules());
            row(out, "current model, out-of-sample", oos.previousModel());
        }

        private static void header(PrintWriter out, String title) {
            out.printf(Locale.ROOT, "%n%-46s %9s %9s %9s %9s%n", title, "AP", "precision", "recall", "F1");
        }

        private static void row(PrintWriter out, String label, Figures f) {
            out.printf(Locale.ROOT, "  %-44s %9.3f %9.3f %9.3f %9.3f%n", label, f.averagePrecision(), f.precision(), f.recall(), f.f1());
        }

        private static void printWeights(PrintWriter out, RankerModel m) {
            out.println();
            out.println("weights (per standard deviation of the feature; + favours accepting):");
            m.weights().entrySet().stream().sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
                    .forEach(e -> out.printf(Locale.ROOT, "  %-22s %+.3f%n", e.getKey(), e.getValue()));
            out.println();
        }
    }
}
