package org.tracemap.ranker;

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
public record RankerModel(String kind, String trainedAt, double regularisation, double threshold, double bias, Map<String, Double> weights,
                          Map<String, Scale> scaling, Map<String, Integer> examples, CrossValidation crossValidation) {
    public static final String KIND = "logistic-regression/liblinear-L2R_LR";

    /** How a raw feature value is standardised before its weight applies. */
    public record Scale(double mean, double scale) {}

    /**
     * What k-fold cross-validation said when the model was trained: the new model (trained on the other folds),
     * the rule score at the miner's minimum, and the model it replaced (not retrained: it may have seen these
     * decisions, so its figures lean optimistic); {@code previousModel} null when there was none.
     */
    public record CrossValidation(int folds, Figures model, Figures rules, Figures previousModel) {}

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
