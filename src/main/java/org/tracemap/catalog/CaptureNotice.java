package org.tracemap.catalog;

import java.util.List;

/**
 * The notice a capture carries in its error field while it is not FAILED: what an earlier stage noted (a
 * truncated body), then each later stage's notes on limits it reached, prefixed with the stage's name.
 */
public final class CaptureNotice {
    private CaptureNotice() {}

    /** {@code earlier} with "stage: note; note" after it; null when there is neither. Adding the same notes twice changes nothing. */
    public static String append(String earlier, String stage, List<String> notes) {
        String added = notes.isEmpty() ? null : stage + ": " + String.join("; ", notes);
        if (earlier == null || earlier.isBlank()) return added;
        return added == null || earlier.contains(added) ? earlier : earlier + "; " + added;
    }
}
