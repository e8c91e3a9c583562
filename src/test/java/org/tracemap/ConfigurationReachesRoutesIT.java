package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.config.TracemapConfig;

/** Settings given as flags or environment reach the placeholders in routes/, not only the Java side. */
class ConfigurationReachesRoutesIT {
    @TempDir
    Path archive;

    @Test
    void workerCountsInRoutesFollowTheConfiguration() throws Exception {
        TracemapConfig config = TracemapConfig.defaults(Map.of(
                "tracemap.archive.dir", archive.toString(),
                "tracemap.fetch.concurrency", "3",
                "tracemap.archive.concurrency", "2"));
        try (Tracemap tracemap = Tracemap.start(config, Path.of("."), Tracemap.Mode.WORKER, Map.of())) {
            assertThat(threadsNamed("seda://fetch")).isEqualTo(3);
            assertThat(threadsNamed("seda://archive")).isEqualTo(2);
        }
    }

    private static long threadsNamed(String part) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains(part)).count();
    }
}
