package org.tracemap.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.intake.UrlNormalizer;

/** Red-team item 1: replaying a gzip bomb must decode, parse and hold only a bounded amount. */
class ReplayBoundsTest {
    private static final int LIMIT = 1 << 20;
    private static final ReplaySettings ONE_MB = new ReplaySettings(ReplaySettings.DEFAULT_CSP, LIMIT, 2, Duration.ofSeconds(10));

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

    /** {@code decoded} bytes of HTML, gzipped: a few dozen KB on disk. */
    private static byte[] gzipBomb(int decoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write("<html><body><a href=\"http://bomb.example/next\">next</a><p>".getBytes(StandardCharsets.US_ASCII));
            byte[] filler = new byte[1 << 16];
            Arrays.fill(filler, (byte) 'a');
            for (int written = 0; written < decoded; written += filler.length) gzip.write(filler);
        }
        return out.toByteArray();
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void gzipBombIsServedAsArchivedAfterDecodingNoMoreThanTheLimit() throws IOException {
        byte[] bomb = gzipBomb(256 << 20);
        archive.archive("http://bomb.example/", 200, List.of("Content-Type: text/html", "Content-Encoding: gzip"), bomb);
        ReplayService replay = archive.service(ONE_MB);

        long allocatedBefore = allocatedByThisThread();
        long started = System.nanoTime();
        ReplayArchive.Replayed page = ReplayArchive.read(replay.replay(ReplayArchive.TS, "http://bomb.example/", false).orElseThrow());
        long allocated = allocatedByThisThread() - allocatedBefore;
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // Decoding the whole 256 MB (let alone parsing it) allocates far more than this; a bounded read does not.
        assertThat(allocated).as("bytes allocated while replaying a 256 MB gzip bomb with a 1 MB limit").isLessThan(32L << 20);
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).as("the archived gzip bytes, for the browser to decode").isEqualTo(bomb);
        assertThat(page.header("Content-Encoding")).contains("gzip");
        assertThat(page.header("Content-Type")).contains("text/html");
        assertThat(page.header("X-Archive-Rewrite")).hasValueSatisfying(v -> assertThat(v).contains("larger than 1048576 bytes"));
        assertThat(page.header("Content-Security-Policy")).contains(ReplaySettings.DEFAULT_CSP);
    }

    @Test
    void pageUnderTheLimitIsRewritten() throws IOException {
        archive.archive("http://small.example/", List.of("Content-Type: text/html; charset=utf-8"),
                "<html><body><a href=\"/next\">next</a></body></html>");

        ReplayArchive.Replayed page = ReplayArchive.read(archive.service(ONE_MB).replay(ReplayArchive.TS, "http://small.example/", false).orElseThrow());

        assertThat(page.text()).contains("href=\"/replay/" + ReplayArchive.TS + "/http://small.example/next\"");
        assertThat(page.header("X-Archive-Rewrite")).isEmpty();
    }

    @Test
    void stylesheetOverTheLimitIsServedAsArchived() throws IOException {
        byte[] css = ("body { background: url(http://css.example/bg.png) }\n" + "/* padding */".repeat(LIMIT / 10)).getBytes(StandardCharsets.UTF_8);
        archive.archive("http://css.example/site.css", 200, List.of("Content-Type: text/css"), css);

        ReplayArchive.Replayed sheet = ReplayArchive.read(archive.service(ONE_MB).replay(ReplayArchive.TS, "http://css.example/site.css", false).orElseThrow());

        assertThat(sheet.body()).isEqualTo(css);
        assertThat(sheet.header("X-Archive-Rewrite")).isPresent();
    }

    @Test
    void rewritesPastTheConcurrencyLimitWaitThenAnswerBusy() throws Exception {
        PageRewriter rewriter = new PageRewriter(new ReplaySettings(ReplaySettings.DEFAULT_CSP, LIMIT, 1, Duration.ofMillis(200)));
        ReplayLinks links = new ReplayLinks(new UrlNormalizer(), ReplayArchive.TS);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        InputStream slow = new InputStream() { // holds the only slot until released
            @Override
            public int read() throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return -1;
            }
        };
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = pool.submit(() -> rewriter.rewrite(slow, true, null, "http://a.example/", links));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> rewriter.rewrite(InputStream.nullInputStream(), true, null, "http://b.example/", links))
                    .isInstanceOf(ReplayBusyException.class).hasMessageContaining("tracemap.replay.rewrite-concurrency");

            release.countDown();
            first.get(5, TimeUnit.SECONDS);
            assertThat(rewriter.rewrite(InputStream.nullInputStream(), true, null, "http://b.example/", links))
                    .as("the slot is free again").isPresent();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
