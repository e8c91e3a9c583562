package org.tracemap.ranker;

import java.time.Instant;
import java.util.Map;

/**
 * One reviewer's decision on a mined candidate as a training example: the features of the quote the reviewer
 * saw, the rule score, whether the decision accepted the mined company × category × country, and when it was made.
 *
 * @param action     approve, edit (approved with company, category or country changed), merge or reject
 * @param decidedAt  when the decision was audited (null when unknown: never counted as made after a model was trained)
 */
public record LabelledExample(long candidateId, String action, boolean positive, double ruleScore, Map<String, Double> features,
                              Instant decidedAt) {
    public LabelledExample {
        features = Map.copyOf(features);
    }

    public LabelledExample(long candidateId, String action, boolean positive, double ruleScore, Map<String, Double> features) {
        this(candidateId, action, positive, ruleScore, features, null);
    }
}
