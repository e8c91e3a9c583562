package org.tracemap.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.CdxjIndex;
import org.tracemap.archive.RollingWarcWriter;
import org.tracemap.archive.TestCaptures;
import org.tracemap.archive.WarcArchiver;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.fetch.FetchedCapture;
import org.tracemap.intake.UrlNormalizer;

/**
 * An archive in a temporary folder, filled through the real archive stage with responses built by hand
 * (any header lines, any body), and replay over it.
 */
final class ReplayArchive implements AutoCloseable {
    static final Instant T1 = Instant.parse("2026-01-20T08:30:00Z");
    static final String TS = "20260120083000";

    private final ArchiveLayout layout;
    private final Catalog catalog;
    private final CaptureStore captures;
    private final CdxjIndex cdxj;
    private final RollingWarcWriter writer;
    private final WarcArchiver archiver;

    ReplayArchive(Path dir) throws IOException {
        layout = new ArchiveLayout(dir.resolve("archive"));
        layout.create();
        catalog = Catalog.open(layout.root());
        ObjectMapper json = new ObjectMapper();
        captures = new CaptureStore(catalog, Clock.fixed(T1, ZoneOffset.UTC), json);
        cdxj = new CdxjIndex(layout, json);
        writer = new RollingWarcWriter(layout, "TEST", 1L << 30, Clock.fixed(T1, ZoneOffset.UTC), name -> {
            try {
                cdxj.seal(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        archiver = new WarcArchiver(writer, cdxj, new SnapshotStore(catalog), captures, java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC());
    }

    /** Archives one response at {@link #T1}; returns its snapshot. */
    Snapshot archive(String url, int status, List<String> headerLines, byte[] body) throws IOException {
        FetchedCapture fetched = TestCaptures.capture(T1, TestCaptures.response(layout.spool(), url, status, headerLines, body));
        captures.insert(fetched.request().captureId(), fetched.request().url().url(), fetched.request().url().surt(), Map.of(), null, "tester");
        return archiver.archive(fetched);
    }

    Snapshot archive(String url, List<String> headerLines, String body) throws IOException {
        return archive(url, 200, headerLines, body.getBytes(StandardCharsets.UTF_8));
    }

    ReplayService service(ReplaySettings settings) {
        return new ReplayService(cdxj, new UrlNormalizer(), settings);
    }

    ReplayService service() {
        return service(ReplaySettings.defaults());
    }

    /** A replayed response with its body read (and closed). */
    record Replayed(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        List<String> all(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Replayed read(ReplayResult result) throws IOException {
        try (InputStream in = result.body()) {
            return new Replayed(result.status(), result.headers(), in.readAllBytes());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            catalog.close();
        }
    }
}
