package org.tracemap.ranker;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Fits the ranker: L2-regularised logistic regression (liblinear's {@code L2R_LR}) on the named features of
 * reviewers' decisions, each feature standardised by its mean and standard deviation over the training examples
 * (so one C suits distances, counts and 0/1 cues alike). Deterministic: the same examples give the same model
 * and the same folds.
 */
public final class RankerTrainer {
    /** The probability at which a candidate is predicted accepted. */
    public static final double THRESHOLD = 0.5;
    private static final double EPSILON = 0.001;
    private static final long FOLD_SEED = 11;

    static {
        Linear.disableDebugOutput(); // liblinear prints its iterations to stdout otherwise
    }

    private final double c;
    private final Clock clock;

    /** @param c liblinear's C: larger trusts the examples more, smaller pulls weights towards 0 */
    public RankerTrainer(double c, Clock clock) {
        if (!(c > 0)) throw new IllegalArgumentException("C must be positive");
        this.c = c;
        this.clock = clock;
    }

    /** A model fitted on every example (needs both classes), without cross-validation figures. */
    public RankerModel train(List<LabelledExample> examples) {
        long positive = examples.stream().filter(LabelledExample::positive).count();
        if (positive == 0 || positive == examples.size()) {
            throw new IllegalArgumentException("training needs accepted and rejected examples (" + positive + " of " + examples.size() + " accepted)");
        }
        List<String> names = new ArrayList<>(new TreeSet<>(examples.stream().flatMap(e -> e.features().keySet().stream()).toList()));
        Map<String, RankerModel.Scale> scaling = new TreeMap<>();
        for (String name : names) scaling.put(name, scale(examples, name));

        Problem problem = new Problem();
        problem.l = examples.size();
        problem.n = names.size() + 1; // the last column is the bias
        problem.bias = 1;
        problem.x = new Feature[examples.size()][];
        problem.y = new double[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            LabelledExample e = examples.get(i);
            Feature[] row = new Feature[names.size() + 1];
            for (int j = 0; j < names.size(); j++) {
                RankerModel.Scale s = scaling.get(names.get(j));
                row[j] = new FeatureNode(j + 1, (e.features().getOrDefault(names.get(j), 0.0) - s.mean()) / s.scale());
            }
            row[names.size()] = new FeatureNode(names.size() + 1, 1);
            problem.x[i] = row;
            problem.y[i] = e.positive() ? 1 : -1;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR, c, EPSILON);
        parameter.setRegularizeBias(false); // the base rate is not a weight to shrink
        Model fitted = Linear.train(problem, parameter);
        // liblinear's weights favour its first label; turn them round when that is the negative class.
        double sign = fitted.getLabels()[0] == 1 ? 1 : -1;
        double[] w = fitted.getFeatureWeights();
        Map<String, Double> weights = new TreeMap<>();
        for (int j = 0; j < names.size(); j++) weights.put(names.get(j), sign * w[j]);
        Map<String, Integer> counts = new TreeMap<>(Map.of("positive", (int) positive, "negative", (int) (examples.size() - positive)));
        String trainedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        return new RankerModel(RankerModel.KIND, trainedAt, c, THRESHOLD, sign * w[names.size()], weights, scaling, counts, null);
    }

    /**
     * The most folds these examples allow: stratified folds each need an accepted and a refused decision, so no
     * more folds than the smaller class has examples.
     */
    public static int maxFolds(List<LabelledExample> examples) {
        long positive = examples.stream().filter(LabelledExample::positive).count();
        return (int) Math.min(positive, examples.size() - positive);
    }

    /**
     * k-fold cross-validation, stratified (each fold gets its share of accepted and refused decisions): every
     * decision is scored by a model trained on the other folds, and these out-of-fold probabilities are judged
     * together (AP, and P/R/F1 at {@link #THRESHOLD}); the rule score at {@code ruleMinScore} on every decision;
     * and {@code previous} (null when there is none) as it stands: in sample on every decision, and out of sample
     * on the decisions made after it was trained (see {@link #madeAfter}), beside the other two on those same decisions.
     */
    public RankerModel.CrossValidation crossValidate(List<LabelledExample> examples, int folds, double ruleMinScore, RankerModel previous) {
        if (folds < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds");
        if (folds > maxFolds(examples)) {
            throw new IllegalArgumentException(folds + " folds need at least " + folds + " accepted and " + folds + " refused decisions");
        }
        List<List<LabelledExample>> parts = folds(examples, folds);
        Map<LabelledExample, Double> outOfFold = new IdentityHashMap<>();
        for (int k = 0; k < folds; k++) {
            List<LabelledExample> held = parts.get(k);
            List<LabelledExample> rest = new ArrayList<>();
            for (int other = 0; other < folds; other++) if (other != k) rest.addAll(parts.get(other));
            RankerModel m = train(rest);
            for (LabelledExample e : held) outOfFold.put(e, m.probability(e.features()));
        }
        List<LabelledExample> all = new ArrayList<>(outOfFold.keySet());
        all.sort(Comparator.comparingLong(LabelledExample::candidateId)); // a fixed order (AP does not depend on it)
        Figures model = Figures.of(scored(all, outOfFold::get), THRESHOLD);
        Figures rules = Figures.of(scored(all, LabelledExample::ruleScore), ruleMinScore);
        if (previous == null) return new RankerModel.CrossValidation(folds, model, rules, null, null);
        Figures inSample = Figures.of(scored(all, e -> previous.probability(e.features())), previous.threshold());
        List<LabelledExample> after = all.stream().filter(e -> madeAfter(e, previous)).toList();
        RankerModel.OutOfSample outOfSample = after.isEmpty() ? new RankerModel.OutOfSample(previous.trainedAt(), 0, null, null, null)
                : new RankerModel.OutOfSample(previous.trainedAt(), after.size(), Figures.of(scored(after, outOfFold::get), THRESHOLD),
                        Figures.of(scored(after, LabelledExample::ruleScore), ruleMinScore),
                        Figures.of(scored(after, e -> previous.probability(e.features())), previous.threshold()));
        return new RankerModel.CrossValidation(folds, model, rules, inSample, outOfSample);
    }

    /**
     * Whether {@code model} cannot have been trained on this decision: it was made in a later second than the
     * model's {@code trainedAt} (which is cut to the second, and taken after the decisions were read). A decision
     * or model without a readable time is never "after".
     */
    static boolean madeAfter(LabelledExample e, RankerModel model) {
        if (e.decidedAt() == null || model.trainedAt() == null) return false;
        try {
            return !e.decidedAt().isBefore(Instant.parse(model.trainedAt()).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    private static List<Figures.Scored> scored(List<LabelledExample> examples, ToDoubleFunction<LabelledExample> score) {
        return examples.stream().map(e -> new Figures.Scored(score.applyAsDouble(e), e.positive())).toList();
    }

    /** Accepted and rejected decisions each shuffled with a fixed seed and dealt round the folds in turn. */
    static List<List<LabelledExample>> folds(List<LabelledExample> examples, int folds) {
        List<List<LabelledExample>> parts = new ArrayList<>();
        for (int k = 0; k < folds; k++) parts.add(new ArrayList<>());
        Random random = new Random(FOLD_SEED);
        int next = 0;
        for (boolean label : new boolean[] {true, false}) {
            List<LabelledExample> some = new ArrayList<>(examples.stream().filter(e -> e.positive() == label).toList());
            Collections.shuffle(some, random);
            for (LabelledExample e : some) parts.get(next++ % folds).add(e);
        }
        return parts;
    }

    private static RankerModel.Scale scale(List<LabelledExample> examples, String name) {
        double sum = 0;
        for (LabelledExample e : examples) sum += e.features().getOrDefault(name, 0.0);
        double mean = sum / examples.size();
        double squares = 0;
        for (LabelledExample e : examples) squares += Math.pow(e.features().getOrDefault(name, 0.0) - mean, 2);
        double sd = Math.sqrt(squares / examples.size());
        return new RankerModel.Scale(mean, sd > 1e-9 ? sd : 1); // a constant feature stays unscaled (and gets no weight to speak of)
    }
}
