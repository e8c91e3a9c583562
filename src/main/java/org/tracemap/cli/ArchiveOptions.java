package org.tracemap.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tracemap.config.TracemapConfig;
import picocli.CommandLine.Option;

/** Options every command takes: the archive folder and configuration overrides. */
final class ArchiveOptions {
    @Option(names = "--archive", paramLabel = "DIR", description = "archive folder (default: archive/)")
    Path archive;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a configuration key, e.g. --set tracemap.fetch.concurrency=16")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The installation folder: where config/ and routes/ are (bin/tracemap sets TRACEMAP_HOME). */
    static Path home() {
        String home = System.getenv("TRACEMAP_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    TracemapConfig config(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        all.putAll(extra);
        if (archive != null) all.put("tracemap.archive.dir", archive.toString());
        return TracemapConfig.load(home(), System.getenv(), all);
    }
}
