package org.tracemap.mine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidates one document proposes, kept bounded: one per key (the best quote wins), no new key past a
 * ceiling, quotes of at most {@link #MAX_QUOTE_CHARS}, and at the end at most {@code tracemap.mine.max-candidates},
 * the best-scoring. Each limit reached leaves a note for the capture.
 */
final class Proposals {
    /** Longest quote: a longer sentence (a table run together, a page with no full stops) is quoted around its first cue. */
    static final int MAX_QUOTE_CHARS = 1_000;

    /**
     * Which of two sentences to quote for one candidate: the higher score, then the one that states a year,
     * then the longer (a headline restates what the body sentence says with its details).
     */
    private static final Comparator<MinedCandidate> BETTER_QUOTE = Comparator
            .comparingDouble(MinedCandidate::score)
            .thenComparing(c -> SentenceReader.YEAR.matcher(c.quote()).find())
            .thenComparingInt(c -> c.quote().length());

    /** The words a candidate quotes and where they are in the main text. */
    record Quote(String text, int start, int end) {}

    private final Map<String, MinedCandidate> best = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final int maxCandidates;
    private final int ceiling;

    /**
     * @param maxCandidates kept at the end; a page listing hundreds of places under several categories and companies
     *                      could propose millions of keys, so no new key is taken up past ten times as many
     */
    Proposals(int maxCandidates) {
        this.maxCandidates = maxCandidates;
        this.ceiling = Math.max(1_000, maxCandidates * 10);
    }

    void add(MinedCandidate c) {
        if (best.size() >= ceiling && !best.containsKey(c.key())) {
            note("mining stopped taking new candidates at " + ceiling + " (10 × tracemap.mine.max-candidates)");
            return;
        }
        best.merge(c.key(), c, (a, b) -> BETTER_QUOTE.compare(b, a) > 0 ? b : a);
    }

    Collection<MinedCandidate> best() {
        return best.values();
    }

    /** The anchor sentence, or for one longer than {@link #MAX_QUOTE_CHARS} the characters around its first cue (noted once). */
    Quote quote(Findings anchor) {
        SentenceSplitter.Sentence s = anchor.sentence();
        if (s.text().length() <= MAX_QUOTE_CHARS) return new Quote(s.text(), s.start(), s.end());
        int from = Math.max(0, Math.min(anchor.firstCue() - MAX_QUOTE_CHARS / 2, s.text().length() - MAX_QUOTE_CHARS));
        note("sentences longer than " + MAX_QUOTE_CHARS + " characters are quoted around their first cue");
        return new Quote(s.text().substring(from, from + MAX_QUOTE_CHARS), s.start() + from, s.start() + from + MAX_QUOTE_CHARS);
    }

    private void note(String note) {
        if (!notes.contains(note)) notes.add(note);
    }

    /**
     * The final list, at most {@code tracemap.mine.max-candidates}: the best-scoring (earlier first among equals),
     * kept in document order, with a note saying how many there were. A page proposing more is a list or a
     * hostile page; a reviewer gets its best points and the note, not a flooded queue.
     */
    CandidateMiner.Result capped(List<MinedCandidate> all) {
        if (all.size() <= maxCandidates) return new CandidateMiner.Result(all, List.copyOf(notes));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -all.get(i).score()).thenComparingInt(i -> i));
        boolean[] keep = new boolean[all.size()];
        for (int i = 0; i < maxCandidates; i++) keep[order.get(i)] = true;
        List<MinedCandidate> kept = new ArrayList<>(maxCandidates);
        for (int i = 0; i < all.size(); i++) if (keep[i]) kept.add(all.get(i));
        note("the page gave " + all.size() + " candidates; the " + maxCandidates + " best-scoring were kept (tracemap.mine.max-candidates)");
        return new CandidateMiner.Result(kept, List.copyOf(notes));
    }
}
