package org.tracemap.catalog;

/**
 * Where a capture is in the pipeline. Captures move forward through the stages in this order, or to
 * FAILED with a reason.
 */
public enum CaptureStatus {
    QUEUED, FETCHING, ARCHIVED, EXTRACTED, INDEXED, MINED, FAILED;

    /** The last stage wired into the pipeline so far; a capture that reaches it is done. */
    public static final CaptureStatus FINAL_STAGE = MINED;

    /** True once no stage will pick the capture up again. */
    public boolean isSettled() {
        return this == FAILED || ordinal() >= FINAL_STAGE.ordinal();
    }
}
