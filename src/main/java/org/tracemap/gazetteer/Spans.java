package org.tracemap.gazetteer;

import java.util.Arrays;

/**
 * Character ranges {@code [start, end)} as a matcher finds them: left to right, not overlapping. Kept as two
 * int arrays (no object per range), and asked about other ranges in one forward pass: which is what keeps
 * "is this place inside a company's name?" linear in the text instead of matches × matches.
 */
public final class Spans {
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int size;

    /** Adds a range that starts at or after the end of the last one. */
    public void add(int start, int end) {
        if (size > 0 && start < ends[size - 1]) throw new IllegalArgumentException("spans must be added left to right without overlaps");
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    public int size() {
        return size;
    }

    /** A fresh forward pass over the spans. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Answers overlap questions for ranges asked in increasing order of start, in amortised constant time each. */
    public final class Cursor {
        private int next;

        /** Whether {@code [start, end)} overlaps one of the spans; {@code start} must not be less than the previous call's. */
        public boolean overlaps(int start, int end) {
            while (next < size && ends[next] <= start) next++; // spans wholly before this range are before every later one too
            return next < size && starts[next] < end;
        }
    }
}
