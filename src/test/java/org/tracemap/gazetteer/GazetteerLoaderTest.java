package org.tracemap.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gazetteer folder an operator edits: every word list of context.yaml is read, a misspelt one is refused. */
class GazetteerLoaderTest {
    @TempDir
    Path dir;

    @Test
    void everyWordListOfTheShippedContextFileIsRead() {
        Gazetteer g = GazetteerLoader.load(Path.of("config/gazetteer"));
        for (Wording w : Wording.values()) {
            assertThat(g.wording(w).find("no wording at all in this text")).as(w.key()).isEmpty();
        }
        assertThat(g.wording(Wording.HEDGE).foundIn("Huawei is reportedly considering a bid")).isTrue();
        assertThat(g.wording(Wording.PROJECT).foundIn("two data centres were commissioned")).isTrue();
    }

    @Test
    void aMisspeltListInContextYamlIsAnErrorNamingIt() throws IOException {
        copy(Path.of("config/gazetteer"), dir);
        Path context = dir.resolve("context.yaml");
        Files.writeString(context, Files.readString(context) + "\nhedges:\n  en: [perhaps]\n");
        assertThatThrownBy(() -> GazetteerLoader.load(dir)).isInstanceOf(GazetteerException.class)
                .hasMessageContaining("unknown list 'hedges'").hasMessageContaining("hedge");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }
}
