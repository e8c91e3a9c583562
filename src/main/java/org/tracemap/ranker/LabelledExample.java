package org.tracemap.ranker;

import java.util.Map;

/**
 * One reviewer's decision on a mined candidate as a training example: the features of the quote the reviewer
 * saw, the rule score, and whether the decision accepted the mined company × category × country.
 *
 * @param action   approve, edit (approved with company, category or country changed), merge or reject
 */
public record LabelledExample(long candidateId, String action, boolean positive, double ruleScore, Map<String, Double> features) {
    public LabelledExample {
        features = Map.copyOf(features);
    }
}
