package org.tracemap.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tracemap.intake.InvalidInputException;

/** Malformed timestamps and absurd URLs are the caller's mistake (a 4xx naming it), never a server error. */
class ReplayInputTest {
    @TempDir
    Path dir;

    private ReplayArchive archive;
    private ReplayService replay;

    @BeforeEach
    void setUp() throws IOException {
        archive = new ReplayArchive(dir);
        archive.archive("http://input.example/", List.of("Content-Type: text/plain"), "archived");
        replay = archive.service();
    }

    @AfterEach
    void tearDown() throws IOException {
        archive.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "2026-01-20", "202601200830001", "99999999999999999999", "-1", "2026 01", "２０２６", "..", "%2e%2e"})
    void malformedTimestampIsRefusedNamingTheField(String timestamp) {
        assertThatThrownBy(() -> replay.replay(timestamp, "http://input.example/", false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("timestamp must be 1 to 14 digits")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("timestamp");
    }

    @Test
    void anyTimestampOfTheRightShapeFindsTheNearestCapture() throws IOException {
        for (String ts : List.of("1", "2026", "99999999999999", "00000000000000", "20261399999999")) {
            assertThat(replay.replay(ts, "http://input.example/", false)).as(ts).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "file:///etc/passwd", "javascript:alert(1)", "http://", "http://[::1",
            "http://user:pw@input.example/", "http://input.example:99999/", "http://exa mple.com/", "http://ex\u0000ample.com/", "//input.example/",
            "http://%zz/", "http://a..b/", "data:text/html,hi", "ftp://input.example/"})
    void absurdUrlIsRefusedAsInput(String url) {
        assertThatThrownBy(() -> replay.replay("2026", url, false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void overlongUrlIsRefusedAsInput() {
        assertThatThrownBy(() -> replay.replay("2026", "http://input.example/" + "a".repeat(5000), false))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://input.example/../../etc/passwd", "http://input.example/%2e%2e/%2e%2e/etc/passwd", "http://input.example/?q=<script>",
            "http://input.example/\u4e2d\u6587", "http://xn--nxasmq6b.example/", "http://-/"})
    void oddButValidUrlIsOnlyNotArchived(String url) throws IOException {
        Optional<ReplayResult> result = replay.replay("2026", url, false);
        result.ifPresent(r -> {
            try {
                r.body().close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(result).as(url).isEmpty();
    }
}
