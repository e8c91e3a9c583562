package org.tracemap.mine;

import java.time.Duration;
import org.tracemap.config.TracemapConfig;

/**
 * The mine stage's settings and limits ({@code tracemap.mine.*}).
 *
 * @param includeMainlandChina propose places in mainland China too (off: the subject is overseas presence)
 * @param minScore             candidates scoring below this are not proposed
 * @param maxCandidates        at most this many candidates per document (the best-scoring; the rest noted)
 * @param timeLimit            longest one document may be mined; past it the capture fails with that reason
 * @param maxTextChars         only this much of a document's text is mined (the rest noted)
 */
public record MineSettings(boolean includeMainlandChina, double minScore, int maxCandidates, Duration timeLimit, int maxTextChars) {
    public MineSettings {
        if (maxCandidates < 1) throw new IllegalArgumentException("tracemap.mine.max-candidates must be at least 1");
        if (maxTextChars < 1) throw new IllegalArgumentException("tracemap.mine.max-text-chars must be at least 1");
    }

    /** The shipped limits (100 candidates, 30 s, 2,000,000 characters) with these choices. */
    public MineSettings(boolean includeMainlandChina, double minScore) {
        this(includeMainlandChina, minScore, 100, Duration.ofSeconds(30), 2_000_000);
    }

    public static MineSettings from(TracemapConfig config) {
        return new MineSettings(config.bool("tracemap.mine.include-mainland-china"), Double.parseDouble(config.string("tracemap.mine.min-score")),
                config.integer("tracemap.mine.max-candidates"), config.duration("tracemap.mine.time-limit"),
                config.integer("tracemap.mine.max-text-chars"));
    }

    public static MineSettings defaults() {
        return new MineSettings(false, 0.7);
    }
}
