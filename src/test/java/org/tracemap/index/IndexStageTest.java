package org.tracemap.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.StageFixture;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.gazetteer.Mentions;
import org.tracemap.limits.Interruption;
import org.tracemap.limits.TimeLimiter;

/** The index stage's limits (issue 9): one document must not hold the stage's single worker. */
class IndexStageTest {
    @TempDir
    Path dir;

    private StageFixture fixture;
    private LuceneIndex index;
    private TimeLimiter limiter;

    private IndexStage stage(Function<String, Mentions> tagger, Duration limit, int maxTextChars) throws Exception {
        fixture = new StageFixture(dir.resolve("archive"));
        index = new LuceneIndex(dir.resolve("index"), tagger);
        limiter = new TimeLimiter("indexing", "tracemap.index.time-limit", limit);
        return new IndexStage(index, fixture.extractions, fixture.captures, fixture.snapshots, limiter, maxTextChars);
    }

    @AfterEach
    void close() throws Exception {
        if (limiter != null) limiter.close();
        if (index != null) index.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void aDocumentWhoseTaggingRunsPastTheLimitFailsItsCaptureAndTheNextOneIsIndexed() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        IndexStage stage = stage(text -> {
            if (!text.contains("endless")) return Mentions.NONE;
            try {
                while (true) Interruption.check(); // a tagger that would never end on its own
            } finally {
                stopped.countDown();
            }
        }, Duration.ofMillis(300), 2_000_000);
        Snapshot hostile = fixture.extracted("https://x.example/endless", "Endless", "an endless page");
        Snapshot next = fixture.extracted("https://x.example/next", "Next", "Huawei opened a lab in Nairobi.");

        stage.index(hostile);
        assertThat(fixture.capture(hostile).status()).isEqualTo(CaptureStatus.FAILED);
        assertThat(fixture.capture(hostile).error()).isEqualTo("index: indexing took longer than 300 ms (tracemap.index.time-limit)");
        assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the tagging thread was stopped").isTrue();
        assertThat(index.contains(hostile.id())).isFalse();

        stage.index(next);
        assertThat(fixture.capture(next).status()).isEqualTo(CaptureStatus.INDEXED);
        assertThat(index.contains(next.id())).isTrue();
    }

    @Test
    void aTextPastTheSizeLimitFailsItsCaptureNamingTheLimit() throws Exception {
        IndexStage stage = stage(text -> Mentions.NONE, Duration.ofSeconds(30), 1_000);
        Snapshot big = fixture.extracted("https://x.example/big", "Big", "x".repeat(1_500));
        stage.index(big);
        assertThat(fixture.capture(big).status()).isEqualTo(CaptureStatus.FAILED);
        assertThat(fixture.capture(big).error()).isEqualTo("index: the text is 1,500 characters, more than 1,000 (tracemap.index.max-text-chars)");
        assertThat(index.contains(big.id())).isFalse();
    }

    @Test
    void theTwoMegabytePageThatHeldIndexing45SecondsIsTaggedWellWithinTheLimit() throws Exception {
        var gazetteer = GazetteerLoader.bundled();
        IndexStage stage = stage(gazetteer::mentions, Duration.ofSeconds(10), 2_200_000);
        Snapshot hostile = fixture.extracted("https://x.example/submission", "Submission", "Huawei Nairobi ".repeat(2 * 1024 * 1024 / 15));
        stage.index(hostile);
        assertThat(fixture.capture(hostile).status()).isEqualTo(CaptureStatus.INDEXED);
        index.commit();
        var result = index.search(new SearchQuery("nairobi", null, null, null, null, null, 10, "huawei", null, "KE"));
        assertThat(result.total()).isEqualTo(1);
    }
}
