package org.tracemap.mine;

import org.tracemap.config.TracemapConfig;

/**
 * @param includeMainlandChina propose places in mainland China too (off: the subject is overseas presence)
 * @param minScore             candidates scoring below this are not proposed
 */
public record MineSettings(boolean includeMainlandChina, double minScore) {
    public static MineSettings from(TracemapConfig config) {
        return new MineSettings(config.bool("tracemap.mine.include-mainland-china"), Double.parseDouble(config.string("tracemap.mine.min-score")));
    }

    public static MineSettings defaults() {
        return new MineSettings(false, 0.7);
    }
}
