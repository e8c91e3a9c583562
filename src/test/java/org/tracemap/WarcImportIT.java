package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.Snapshot;
import org.tracemap.config.TracemapConfig;
import org.tracemap.index.SearchHit;
import org.tracemap.index.SearchQuery;

/** A WARC made by wget (committed fixture) goes through the same extract and index path as a capture. */
class WarcImportIT {
    @TempDir
    Path archive;

    @Test
    void wgetWarcIsImportedByteExactExtractedAndSearchable() throws Exception {
        Path source = Path.of("src/test/resources/warc/wget-sample.warc.gz");
        try (Tracemap t = Tracemap.openExclusive(TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString())))) {
            List<Snapshot> imported = t.importWarc(source);

            assertThat(imported).extracting(Snapshot::url).containsExactly(
                    "http://127.0.0.1:18097/zte.html", "http://127.0.0.1:18097/zte-zh.html", "http://127.0.0.1:18097/missing.html");
            assertThat(imported).extracting(Snapshot::httpStatus).containsExactly(200, 200, 404);
            assertThat(imported).allSatisfy(s -> assertThat(t.captures().find(s.captureId()).orElseThrow().status()).isEqualTo(CaptureStatus.MINED));
            Path stored = t.layout().warc(imported.get(0).warcFile());
            assertThat(Files.readAllBytes(stored)).as("imported byte for byte").isEqualTo(Files.readAllBytes(source));
            assertThat(t.cdxj().lookup(imported.get(0).surt())).hasSize(1);

            // Names are searched in both languages (the gazetteer's ZTE/中兴, Yangon/仰光): each page finds the other.
            List<SearchHit> en = t.index().search(new SearchQuery("ZTE Yangon", null, null, null, null, null, 5)).hits();
            assertThat(en).extracting(SearchHit::url).containsExactlyInAnyOrder("http://127.0.0.1:18097/zte.html", "http://127.0.0.1:18097/zte-zh.html");
            List<SearchHit> zh = t.index().search(new SearchQuery("仰光", null, null, null, null, null, 5)).hits();
            assertThat(zh).extracting(SearchHit::url).containsExactlyInAnyOrder("http://127.0.0.1:18097/zte-zh.html", "http://127.0.0.1:18097/zte.html");
            List<SearchHit> asTyped = t.index().search(new SearchQuery("\"仰光\"", null, null, null, null, null, 5)).hits();
            assertThat(asTyped).extracting(SearchHit::url).containsExactly("http://127.0.0.1:18097/zte-zh.html");
            assertThat(asTyped.get(0).lang()).isEqualTo("zh");

            assertThat(t.rebuildDerived(f -> { }).indexed()).as("reindex covers imported files").isEqualTo(2);
        }
    }

    @Test
    void aFileThatIsNotAWarcIsRefusedWithAClearError() throws Exception {
        Path bogus = archive.resolveSibling(archive.getFileName() + "-bogus.warc.gz");
        Files.writeString(bogus, "this is not a WARC file");
        try (Tracemap t = Tracemap.openExclusive(TracemapConfig.defaults(Map.of("tracemap.archive.dir", archive.toString())))) {
            assertThatThrownBy(() -> t.importWarc(bogus)).hasMessageContaining("not a readable WARC file");
            assertThat(t.layout().finishedWarcs()).isEmpty();
        } finally {
            Files.deleteIfExists(bogus);
        }
    }
}
