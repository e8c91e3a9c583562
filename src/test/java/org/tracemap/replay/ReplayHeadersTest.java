package org.tracemap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Red-team items 3 and 4 at the replay level: archived headers are data (renamed, never steering the browser or
 * Camel), and a megabyte header or ten thousand headers cannot make the answer unreadable.
 */
class ReplayHeadersTest {
    private static final String URL = "http://headers.example/";

    @TempDir
    Path dir;

    private ReplayArchive archive;

    @BeforeEach
    void setUp() throws IOException {
        archive = new ReplayArchive(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        archive.close();
    }

    private ReplayArchive.Replayed replay() throws IOException {
        return ReplayArchive.read(archive.service().replay(ReplayArchive.TS, URL, false).orElseThrow());
    }

    private static long headBytes(ReplayArchive.Replayed r) {
        return r.headers().stream().mapToLong(h -> h.getKey().length() + h.getValue().length() + 32L).sum();
    }

    @Test
    void originHeadersNamedLikeCamelsOrOursArriveRenamedAndOursAreTheOnlyOnes() throws IOException {
        archive.archive(URL, List.of("Content-Type: text/plain", "CamelHttpResponseCode: 299", "camelhttpuri: /api/tokens",
                "X-Content-Type-Options: sniff", "Content-Security-Policy: default-src *", "X-Frame-Options: ALLOWALL",
                "Referrer-Policy: unsafe-url", "Refresh: 0; url=http://headers.example/live", "Access-Control-Allow-Origin: *",
                "Content-Language: de", "Set-Cookie: id=1"), "body");

        ReplayArchive.Replayed r = replay();

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).extracting(h -> h.getKey().toLowerCase(Locale.ROOT)).noneMatch(n -> n.startsWith("camel"))
                .doesNotContain("refresh", "access-control-allow-origin", "set-cookie");
        assertThat(r.all("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(r.all("Content-Security-Policy")).containsExactly(ReplaySettings.DEFAULT_CSP);
        assertThat(r.all("X-Frame-Options")).containsExactly("SAMEORIGIN");
        assertThat(r.all("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(r.header("X-Archive-Orig-CamelHttpResponseCode")).contains("299");
        assertThat(r.header("X-Archive-Orig-X-Content-Type-Options")).contains("sniff");
        assertThat(r.header("X-Archive-Orig-Refresh")).contains("0; url=http://headers.example/live");
        assertThat(r.header("Content-Language")).as("describes the body: passed as it was").contains("de");
        assertThat(r.text()).isEqualTo("body");
    }

    @Test
    void aMegabyteHeaderIsLeftOutWithANoteAndTheRestIsReplayed() throws IOException {
        archive.archive(URL, List.of("Content-Type: text/plain", "X-Huge: " + "a".repeat(1_000_000), "X-After: kept"), "after the huge header");

        ReplayArchive.Replayed r = replay();

        assertThat(r.header("X-Archive-Orig-X-Huge")).isEmpty();
        assertThat(r.header("X-Archive-Orig-X-After")).contains("kept");
        assertThat(r.header("X-Archive-Dropped-Headers")).hasValueSatisfying(v -> assertThat(v).startsWith("1 archived header(s)"));
        assertThat(r.text()).isEqualTo("after the huge header");
        assertThat(headBytes(r)).isLessThan(40_000);
    }

    @Test
    void tenThousandHeadersAreCutToTheLimitWithANote() throws IOException {
        List<String> lines = new ArrayList<>(List.of("Content-Type: text/plain"));
        for (int i = 0; i < 10_000; i++) lines.add("X-H" + i + ": value " + i);
        archive.archive(URL, lines, "after ten thousand headers");

        ReplayArchive.Replayed r = replay();

        assertThat(r.headers()).extracting(Map.Entry::getKey).filteredOn(n -> n.startsWith("X-Archive-Orig-X-H")).hasSizeBetween(100, ArchivedHeaders.MAX_COUNT);
        assertThat(r.header("X-Archive-Dropped-Headers")).isPresent();
        assertThat(r.header("Content-Security-Policy")).as("our own headers are never the ones cut").contains(ReplaySettings.DEFAULT_CSP);
        assertThat(r.text()).isEqualTo("after ten thousand headers");
        assertThat(headBytes(r)).isLessThan(40_000);
    }
}
