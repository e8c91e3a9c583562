package org.tracemap.ranker;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How well one ordering of labelled examples (a model's probabilities, or the rule score) agrees with reviewers:
 * the average precision of the ordering, and precision, recall and F1 of deciding at a threshold (a model's 0.5,
 * the miner's minimum score), with the counts they come from.
 *
 * <p>Average precision (AP) is the mean, over the accepted examples, of the precision among the examples scored at
 * least as high as that one, examples sorted by score, best first. Examples with equal scores are taken as one
 * block (each gets the precision at the end of its block), so AP does not depend on the order ties arrive in: an
 * ordering that cannot tell the examples apart (every score equal) has the acceptance rate as its AP. AP judges
 * the order the review queue shows, where P/R/F1 judge a cut-off; it is 0 when there was no accepted example.
 * Precision is 0 when nothing was predicted positive, recall 0 when there was no positive example.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Figures(double precision, double recall, double f1, double averagePrecision, int truePositives, int falsePositives,
                      int falseNegatives, int trueNegatives) {

    /** One example's score and what the reviewer said. */
    public record Scored(double score, boolean positive) {}

    public static Figures of(int truePositives, int falsePositives, int falseNegatives, int trueNegatives, double averagePrecision) {
        double p = truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        double r = truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Figures(round(p), round(r), round(f), round(averagePrecision), truePositives, falsePositives, falseNegatives,
                trueNegatives);
    }

    /** The figures of these scored examples, an example predicted accepted when its score is at least {@code threshold}. */
    public static Figures of(List<Scored> scored, double threshold) {
        int[] counts = new int[4];
        for (Scored s : scored) counts[s.score() >= threshold ? (s.positive() ? 0 : 1) : (s.positive() ? 2 : 3)]++;
        return of(counts[0], counts[1], counts[2], counts[3], averagePrecision(scored));
    }

    /** AP as described above (ties as one block); 0 without accepted examples. */
    public static double averagePrecision(List<Scored> scored) {
        List<Scored> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.comparingDouble(Scored::score).reversed());
        long positives = sorted.stream().filter(Scored::positive).count();
        if (positives == 0) return 0;
        double sum = 0;
        int seen = 0;
        int accepted = 0;
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            int acceptedHere = 0;
            while (j < sorted.size() && sorted.get(j).score() == sorted.get(i).score()) {
                if (sorted.get(j).positive()) acceptedHere++;
                j++;
            }
            seen += j - i;
            accepted += acceptedHere;
            sum += acceptedHere * ((double) accepted / seen);
            i = j;
        }
        return sum / positives;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
