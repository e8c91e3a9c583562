package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.Goldens;

/** CDXJ made from fixed WARC files (two captures of a loopback site, the second an unchanged revisit). */
class CdxjIndexTest {
    @TempDir
    Path dir;

    private ArchiveLayout layout;
    private CdxjIndex index;

    @BeforeEach
    void setUp() throws IOException {
        layout = new ArchiveLayout(dir);
        layout.create();
        for (String name : List.of("sample-1.warc.gz", "sample-2.warc.gz")) {
            Files.copy(Path.of("src/test/resources/warc", name), layout.warc(name));
        }
        index = new CdxjIndex(layout, new ObjectMapper());
        assertThat(index.rebuildMissing()).isEqualTo(2);
    }

    @Test
    void cdxjOfEachWarcMatchesItsGoldenFile() throws IOException {
        for (String name : List.of("sample-1.warc.gz", "sample-2.warc.gz")) {
            Goldens.assertMatches("warc/" + name.replace(".warc.gz", ".cdxj"), Files.readString(layout.cdxj().resolve(name + ".cdxj")));
        }
    }

    @Test
    void lookupFindsEveryCaptureOfAUrlKeyAndNothingElse() throws IOException {
        List<CdxjEntry> a = index.lookup("1,0,0,127:18081)/a.html");
        assertThat(a).extracting(CdxjEntry::mime).containsExactly("text/html", "warc/revisit");
        assertThat(index.lookup("1,0,0,127:18081)/nothing-here")).extracting(CdxjEntry::status).containsExactly(404);
        assertThat(index.lookup("1,0,0,127:18081)/a.htm")).isEmpty();
        assertThat(index.lookup("com,example)/")).isEmpty();
    }

    @Test
    void revisitResolvesToTheOriginalWithTheSameDigest() throws IOException {
        List<CdxjEntry> a = index.lookup("1,0,0,127:18081)/a.html");
        CdxjEntry revisit = a.get(1);
        assertThat(index.original(revisit)).hasValue(a.get(0));
        assertThat(index.nearest("1,0,0,127:18081)/a.html", "2030")).hasValue(revisit);
        assertThat(index.nearest("1,0,0,127:18081)/a.html", "2000")).hasValue(a.get(0));
    }

    @Test
    void binarySearchFindsKeysAtEveryPositionOfALargeFile() throws IOException {
        Path file = dir.resolve("big.cdxj");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5000; i++) lines.add(String.format("com,example)/p%05d 20260101000000 {\"n\": %d}", i, i));
        Files.write(file, lines);
        for (int i : new int[] {0, 1, 2, 777, 2500, 4998, 4999}) {
            assertThat(CdxjIndex.SortedLines.withPrefix(file, String.format("com,example)/p%05d ", i))).containsExactly(lines.get(i));
        }
        assertThat(CdxjIndex.SortedLines.withPrefix(file, "com,example)/p05000 ")).isEmpty();
        assertThat(CdxjIndex.SortedLines.withPrefix(file, "aaa ")).isEmpty();
    }
}
