package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources}. Run the tests with {@code -Dgolden.update=true} to rewrite
 * every golden from the actual output (then review the diff before committing).
 */
public final class Goldens {
    private static final Path ROOT = Path.of("src/test/resources");

    private Goldens() {}

    public static void assertMatches(String goldenPath, String actual) throws IOException {
        Path golden = ROOT.resolve(goldenPath);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file %s (regenerate with -Dgolden.update=true)", golden).exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
