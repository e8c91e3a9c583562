package org.tracemap.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue on a full disk, simulated without mounting anything: {@code PRAGMA max_page_count} at the
 * database's current size makes the next growth fail with SQLITE_FULL ("database or disk is full"), and
 * raising it is the space coming back. The pragma is per connection, so the catalogue is opened with one
 * pooled connection, and every connection the pool opens (after evicting one) gets the current limit.
 */
class CatalogDiskFullTest {
    private static final long UNLIMITED = 1_073_741_823;

    @TempDir
    Path dir;

    /** The page limit every new connection gets; 0 leaves SQLite's default. */
    private volatile long maxPages;
    private Catalog catalog;
    private CaptureStore captures;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir, 1, c -> {
            if (maxPages > 0) limitPages(c, maxPages);
        });
        captures = new CaptureStore(catalog, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC), new ObjectMapper());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** The disk is full: the database cannot grow past its current size. */
    private void fillDisk() {
        maxPages = 1; // SQLite raises a limit below the current size to the current size
        catalog.read(c -> limitPages(c, maxPages));
    }

    private void freeSpace() {
        maxPages = UNLIMITED;
        catalog.read(c -> limitPages(c, maxPages));
    }

    private static Void limitPages(Connection c, long pages) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA max_page_count = " + pages);
        }
        return null;
    }

    /** Queues a capture whose note needs new pages, as POST /api/captures does. */
    private Capture queue(String path) {
        return captures.insert(UUID.randomUUID().toString(), "https://example.com/" + path, "com,example)/" + path,
                Map.of("company", "huawei"), "n".repeat(20_000), "tester");
    }

    private long capturesStored() {
        return catalog.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM capture")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aWriteOnAFullDiskFailsWithTheDiskFullErrorNotWithTheRollbackThatFollowedIt() {
        fillDisk();

        assertThatThrownBy(() -> queue("a"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("database or disk is full")
                .hasMessageNotContaining("rollback");
        assertThat(capturesStored()).isZero();
    }

    @Test
    void whileTheDiskStaysFullEveryWriteFailsWithTheSameTruthfulErrorAndStoresNothing() {
        fillDisk();
        assertThatThrownBy(() -> queue("a")).hasMessageContaining("database or disk is full");

        assertThatThrownBy(() -> queue("b")).as("a second write on the connection the first one left")
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("database or disk is full");
        assertThat(capturesStored()).as("a failed write stored nothing: no 503 for a row that was inserted").isZero();
    }

    @Test
    void writesSucceedAgainOnceSpaceIsFreed() {
        fillDisk();
        assertThatThrownBy(() -> queue("a")).isInstanceOf(CatalogException.class);
        assertThatThrownBy(() -> queue("b")).isInstanceOf(CatalogException.class);

        freeSpace();
        Capture c = queue("c");

        assertThat(captures.find(c.id())).as("the write that reported success is stored").isPresent();
        assertThat(capturesStored()).isEqualTo(1);
        queue("d");
        assertThat(capturesStored()).isEqualTo(2);
    }

    @Test
    void aFailureInsideTheWorkIsRolledBackAndKeptAsIs() {
        IllegalStateException failure = new IllegalStateException("the work gave up");
        assertThatThrownBy(() -> catalog.write(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO capture (id, url, surt, status, attempts, tags, requested_by, created_at, updated_at)"
                        + " VALUES ('x', 'https://example.com/x', 'com,example)/x', 'QUEUED', 0, '{}', 'tester', '2026', '2026')");
            }
            throw failure;
        })).isSameAs(failure);
        assertThat(capturesStored()).isZero();
        queue("after");
        assertThat(capturesStored()).isEqualTo(1);
    }
}
