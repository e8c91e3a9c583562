package org.tracemap.extract;

import java.time.Duration;
import org.tracemap.config.TracemapConfig;

/**
 * The extract stage's limits ({@code tracemap.extract.*}).
 *
 * @param maxBytes         documents larger than this, once their content-coding is undone, are not extracted
 * @param maxUnpackedBytes zip packages (Office documents...) whose parts unpack to more than this are not extracted
 * @param maxLinks         links kept per page
 */
public record ExtractSettings(Duration timeLimit, int maxTextChars, boolean ocr, long maxBytes, long maxUnpackedBytes, int maxLinks) {
    /** Limits with the default document size cap (32 MB). */
    public ExtractSettings(Duration timeLimit, int maxTextChars, boolean ocr) {
        this(timeLimit, maxTextChars, ocr, 32L << 20);
    }

    /** Limits with the default unpacked-package cap (256 MB) and link cap (10,000). */
    public ExtractSettings(Duration timeLimit, int maxTextChars, boolean ocr, long maxBytes) {
        this(timeLimit, maxTextChars, ocr, maxBytes, 256L << 20, 10_000);
    }

    public static ExtractSettings from(TracemapConfig config) {
        return new ExtractSettings(config.duration("tracemap.extract.time-limit"), config.integer("tracemap.extract.max-text-chars"),
                config.bool("tracemap.extract.ocr"), config.bytes("tracemap.extract.max-bytes"), config.bytes("tracemap.extract.max-unpacked-bytes"),
                config.integer("tracemap.extract.max-links"));
    }
}
