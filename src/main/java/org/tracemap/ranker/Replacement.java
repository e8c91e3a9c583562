package org.tracemap.ranker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a newly trained model should replace the current ordering, judged on average precision (the queue is an
 * ordering; P/R/F1 only judge a cut-off). The bars, each compared on the decisions it was measured on:
 * <ul>
 *   <li>the rule score's AP over every decision, against the new model's cross-validated AP over the same;</li>
 *   <li>when there is a current model with at least {@link #MIN_OUT_OF_SAMPLE} decisions made after it was trained,
 *       its AP on those decisions (out of sample), against the new model's cross-validated AP on the same ones.
 *       With fewer, it is not a bar (too few to tell); its in-sample figures never are (it was trained on them).</li>
 * </ul>
 * The new model replaces when its AP is not below any bar.
 *
 * @param replace  whether the new model is not worse than every bar
 * @param reason   one sentence saying why, with the figures
 */
public record Replacement(boolean replace, String reason) {
    /** The fewest out-of-sample decisions on which the current model is a bar. */
    public static final int MIN_OUT_OF_SAMPLE = 10;

    public static Replacement judge(RankerModel.CrossValidation cv) {
        List<String> below = new ArrayList<>();
        List<String> notBelow = new ArrayList<>();
        Figures m = cv.model();
        int all = m.truePositives() + m.falsePositives() + m.falseNegatives() + m.trueNegatives();
        compare(m.averagePrecision(), cv.rules().averagePrecision(), "the rule score's", "all " + all + " decisions", below, notBelow);
        RankerModel.OutOfSample oos = cv.outOfSample();
        if (usable(oos)) {
            compare(oos.model().averagePrecision(), oos.previousModel().averagePrecision(), "the current model's out-of-sample AP",
                    "the " + oos.decisions() + " decisions made since it was trained", below, notBelow);
        }
        if (below.isEmpty()) return new Replacement(true, "the new model's cross-validated AP is not below " + String.join(" nor ", notBelow));
        return new Replacement(false, "the new model's cross-validated AP is below " + String.join(" and ", below));
    }

    private static void compare(double mine, double bar, String what, String where, List<String> below, List<String> notBelow) {
        (mine >= bar ? notBelow : below).add(String.format(Locale.ROOT, "%s (%.3f against %.3f on %s)", what, mine, bar, where));
    }

    /** Whether the current model's out-of-sample figures rest on enough decisions to be a bar. */
    public static boolean usable(RankerModel.OutOfSample oos) {
        return oos != null && oos.decisions() >= MIN_OUT_OF_SAMPLE && oos.previousModel() != null;
    }
}
