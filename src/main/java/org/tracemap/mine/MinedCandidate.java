package org.tracemap.mine;

/**
 * A proposed data point from one document: who, what, where and when, the sentence that says so and its
 * character offsets in the main text, a score in [0, 1], and the coordinate its place maps to.
 *
 * @param city      English city name; empty when only the country is known
 * @param year      the year the text gives for the project, else the publication year; null when neither
 * @param precision {@code city} or {@code country}: how exact the coordinate is
 * @param features  what the score was made of, by name (distances, cues, hedges...): what a ranker learned from
 *                  reviewers' decisions weighs instead of the hand-set score
 */
public record MinedCandidate(String company, String category, String country, String city, Integer year, String quote,
                             int quoteStart, int quoteEnd, double score, double lat, double lon, String precision,
                             java.util.Map<String, Double> features) {

    public MinedCandidate {
        features = features == null ? java.util.Map.of() : java.util.Map.copyOf(features);
    }

    /** What groups candidates from several sources into one review item. */
    public String key() {
        return company + "|" + category + "|" + country + "|" + city;
    }
}
