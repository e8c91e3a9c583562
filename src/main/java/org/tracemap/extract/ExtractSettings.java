package org.tracemap.extract;

import java.time.Duration;
import org.tracemap.config.TracemapConfig;

/** The extract stage's limits ({@code tracemap.extract.*}). */
public record ExtractSettings(Duration timeLimit, int maxTextChars, boolean ocr, long maxBytes) {
    /** Limits with the default document size cap (32 MB). */
    public ExtractSettings(Duration timeLimit, int maxTextChars, boolean ocr) {
        this(timeLimit, maxTextChars, ocr, 32L << 20);
    }

    public static ExtractSettings from(TracemapConfig config) {
        return new ExtractSettings(config.duration("tracemap.extract.time-limit"), config.integer("tracemap.extract.max-text-chars"),
                config.bool("tracemap.extract.ocr"), config.bytes("tracemap.extract.max-bytes"));
    }
}
