package org.tracemap.ranker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A trained ranker as saved in {@code archive/models/ranker.json}: logistic regression over standardised named
 * features. The probability that a reviewer accepts a candidate is {@code 1 / (1 + e^-z)} with
 * {@code z = bias + Σ weights[name] × (x[name] − scaling[name].mean) / scaling[name].scale}; a feature the
 * candidate lacks counts as 0, a feature the model does not know counts for nothing.
 *
 * @param threshold       a candidate at or above this probability is predicted accepted (the CV figures use it)
 * @param regularisation  liblinear's C (inverse L2 strength)
 * @param examples        how many positive and negative decisions it was trained on
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RankerModel(String kind, String trainedAt, double regularisation, double threshold, double bias, Map<String, Double> weights,
                          Map<String, Scale> scaling, Map<String, Integer> examples, CrossValidation crossValidation) {
    public static final String KIND = "logistic-regression/liblinear-L2R_LR";

    /** How a raw feature value is standardised before its weight applies. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scale(double mean, double scale) {}

    /**
     * How the new model compared when it was trained. Over every decision: the new model's out-of-fold
     * probabilities ({@code model}: each decision scored by a model trained on the other folds), the rule score at
     * the miner's minimum ({@code rules}: no training), and the model it replaced as it stood ({@code
     * previousModel}: in-sample, since it was trained on most of these decisions; shown, never the bar). And
     * {@code outOfSample}: the decisions made after the replaced model was trained. Both previous-model parts are
     * null when there was no model.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CrossValidation(int folds, Figures model, Figures rules, Figures previousModel, OutOfSample outOfSample) {}

    /**
     * The replaced model judged out of sample: on the {@code decisions} made after it was trained ({@code after},
     * its {@code trainedAt}), beside the new model's out-of-fold figures and the rule score's on the same
     * decisions. The figures are null when there was no such decision.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutOfSample(String after, int decisions, Figures model, Figures rules, Figures previousModel) {}

    public double probability(Map<String, Double> features) {
        double z = bias;
        for (var w : weights.entrySet()) {
            Scale s = scaling.get(w.getKey());
            double x = features.getOrDefault(w.getKey(), 0.0);
            z += w.getValue() * (s == null ? x : (x - s.mean()) / s.scale());
        }
        return 1 / (1 + Math.exp(-z));
    }

    public boolean accepts(Map<String, Double> features) {
        return probability(features) >= threshold;
    }

    public RankerModel withCrossValidation(CrossValidation cv) {
        return new RankerModel(kind, trainedAt, regularisation, threshold, bias, weights, scaling, examples, cv);
    }
}
