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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracemap mine retrain}: the mine stage's learned ranker, trained on reviewers' decisions. */
@Command(name = "mine", description = "The mine stage's ranker: retrain it on reviewers' decisions.", subcommands = MineCommand.Retrain.class)
final class MineCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: retrain");
    }

    /**
     * Reads every decision on mined candidates, cross-validates a new model against the current ordering, and
     * replaces the model ({@code archive/models/ranker.json}) only when the new one is not worse in F1 (or with
     * {@code --force}); then re-ranks the pending candidates. Exit 2 when there are too few decisions.
     */
    @Command(name = "retrain", description = "Fit the ranker on approve/edit/merge/reject decisions, report k-fold precision/recall/F1"
            + " against the current ordering, and replace the model when it is not worse.")
    static final class Retrain implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ArchiveOptions archive;

        @Option(names = "--folds", paramLabel = "K", description = "cross-validation folds (default 5)")
        int folds = 5;

        @Option(names = "--min-examples", paramLabel = "N", description = "fewest decisions to train on (default 30)")
        int minExamples = 30;

        @Option(names = "--dry-run", description = "report only; never write the model or ranks")
        boolean dryRun;

        @Option(names = "--force", description = "replace the current model even if the new one is worse in cross-validated F1")
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
                out.printf("examples: %d accepted, %d refused (%d decisions skipped: mined before features were stored)%n",
                        read.positives(), read.negatives(), read.skippedWithoutFeatures());
                if (read.examples().size() < minExamples || read.positives() == 0 || read.negatives() == 0) {
                    err.printf("error: too few decisions to train on: %d examples (%d accepted, %d refused); need at least %d (--min-examples)"
                            + " and both accepted and refused ones%n", read.examples().size(), read.positives(), read.negatives(), minExamples);
                    return 2;
                }
                RankerModel current = currentModel(t, err);
                double minScore = MineSettings.from(t.config()).minScore();
                RankerTrainer trainer = new RankerTrainer(1.0, Clock.systemUTC());
                RankerModel.CrossValidation cv = trainer.crossValidate(read.examples(), folds, minScore, current);
                printFigures(out, cv, read.examples().size(), minScore, current);
                RankerModel next = trainer.train(read.examples()).withCrossValidation(cv);
                printWeights(out, next);
                Figures baseline = current != null ? cv.previousModel() : cv.rules();
                boolean notWorse = cv.model().f1() >= baseline.f1();
                String against = current != null ? "the current model's" : "the rule score's";
                if (dryRun) {
                    out.printf("dry run: nothing written (the new model's F1 %.3f is %s %s %.3f)%n", cv.model().f1(),
                            notWorse ? "not below" : "below", against, baseline.f1());
                    return 0;
                }
                if (!notWorse && !force) {
                    out.printf("kept the current ordering: the new model's F1 %.3f is below %s %.3f (--force replaces it anyway)%n",
                            cv.model().f1(), against, baseline.f1());
                    return 0;
                }
                t.ranker().replace(next);
                Map<Long, Double> ranks = new HashMap<>();
                t.candidates().pendingFeatures().forEach((id, features) -> ranks.put(id, next.probability(features)));
                int ranked = t.candidates().rank(ranks);
                out.printf("wrote %s; re-ranked %d pending candidates%n", t.ranker().path(), ranked);
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
            out.printf(Locale.ROOT, "%n%-46s %9s %9s %9s%n", cv.folds() + "-fold cross-validation on " + examples + " decisions", "precision",
                    "recall", "F1");
            row(out, "new model (p >= " + RankerTrainer.THRESHOLD + ")", cv.model());
            row(out, String.format(Locale.ROOT, "rule score (>= %.2f)", minScore), cv.rules());
            if (current != null) row(out, "current model (trained " + current.trainedAt() + ")", cv.previousModel());
        }

        private static void row(PrintWriter out, String label, Figures f) {
            out.printf(Locale.ROOT, "  %-44s %9.3f %9.3f %9.3f%n", label, f.precision(), f.recall(), f.f1());
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
