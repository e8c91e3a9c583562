package org.tracemap.ranker;

/**
 * Precision, recall and F1 of one way of deciding (a model at its threshold, or the rule score at the miner's
 * minimum) over labelled examples, with the counts they come from. Precision is 0 when nothing was predicted
 * positive, recall 0 when there was no positive example.
 */
public record Figures(double precision, double recall, double f1, int truePositives, int falsePositives, int falseNegatives,
                      int trueNegatives) {

    public static Figures of(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {
        double p = truePositives + falsePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
        double r = truePositives + falseNegatives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Figures(round(p), round(r), round(f), truePositives, falsePositives, falseNegatives, trueNegatives);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Adds one decision: what was predicted against what the reviewer said. */
    static int[] count(int[] counts, boolean predicted, boolean actual) {
        counts[predicted ? (actual ? 0 : 1) : (actual ? 2 : 3)]++;
        return counts;
    }

    static Figures of(int[] counts) {
        return of(counts[0], counts[1], counts[2], counts[3]);
    }
}
