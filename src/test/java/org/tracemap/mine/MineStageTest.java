package org.tracemap.mine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.StageFixture;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.limits.TimeLimiter;

/** The mine stage's limits (issue 9): a size limit and a candidate cap that note what they left out, and a time limit that fails. */
class MineStageTest {
    private static final Gazetteer GAZETTEER = GazetteerLoader.bundled();
    private static final String NINE_CITIES = "Huawei will build data centres in Nairobi, Lagos, Accra, Cairo, Dakar, Kampala, Lusaka, Harare and Luanda.";

    @TempDir
    Path dir;

    private StageFixture fixture;
    private TimeLimiter limiter;

    private MineStage stage(MineSettings settings) {
        fixture = new StageFixture(dir);
        limiter = new TimeLimiter("mining", "tracemap.mine.time-limit", settings.timeLimit());
        return new MineStage(new CandidateMiner(GAZETTEER, settings), settings, limiter, fixture.extractions, fixture.candidates,
                fixture.captures, fixture.snapshots);
    }

    @AfterEach
    void close() {
        if (limiter != null) limiter.close();
        if (fixture != null) fixture.close();
    }

    @Test
    void onlyTheFirstMaxTextCharsAreMinedAndTheCaptureSaysSo() {
        String first = "Huawei built a data centre in Nairobi, Kenya.";
        String text = first + " " + "Filler text without names. ".repeat(10) + "ZTE built a 5G network in Lagos, Nigeria.";
        MineStage stage = stage(new MineSettings(false, 0.7, 100, Duration.ofSeconds(30), 100));
        Snapshot s = fixture.extracted("https://x.example/long", "Long page", text);
        assertThat(stage.mine(s)).isEqualTo(1);
        assertThat(fixture.capture(s).status()).isEqualTo(CaptureStatus.MINED);
        assertThat(fixture.capture(s).error())
                .isEqualTo("mine: mining read the first 100 of " + text.length() + " characters (tracemap.mine.max-text-chars)");
    }

    @Test
    void candidatesPastTheCapAreLeftOutAndTheCaptureSaysHowManyThereWere() {
        MineStage stage = stage(new MineSettings(false, 0.7, 3, Duration.ofSeconds(30), 2_000_000));
        Snapshot s = fixture.extracted("https://x.example/list", "Data centres", NINE_CITIES);
        assertThat(stage.mine(s)).isEqualTo(3);
        assertThat(fixture.capture(s).status()).isEqualTo(CaptureStatus.MINED);
        assertThat(fixture.capture(s).error()).isEqualTo("mine: the page gave 9 candidates; the 3 best-scoring were kept (tracemap.mine.max-candidates)");
    }

    @Test
    void miningPastTheTimeLimitFailsTheCaptureNamingTheLimitAndStopsTheWorker() throws Exception {
        MineStage stage = stage(new MineSettings(false, 0.7, 100, Duration.ofMillis(1), 2_000_000));
        // 2 MB of sentences naming companies, cues and places: a second or so of mining, far past 1 ms.
        String text = "Huawei and ZTE will build data centres and 5G networks in Nairobi, Lagos and Accra. ".repeat(24_000);
        Snapshot s = fixture.extracted("https://x.example/heavy", "Heavy", text);
        assertThat(stage.mine(s)).isZero();
        assertThat(fixture.capture(s).status()).isEqualTo(CaptureStatus.FAILED);
        assertThat(fixture.capture(s).error()).isEqualTo("mine: mining took longer than 1 ms (tracemap.mine.time-limit)");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (miningThreadsRunning() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(miningThreadsRunning()).as("the interrupted miner stopped, not ran on").isFalse();
    }

    private static boolean miningThreadsRunning() {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().getName().startsWith("mining-worker")
                && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(CandidateMiner.class.getName())));
    }

    @Test
    void anEarlierStagesNoticeIsKeptBeforeTheMineNote() {
        MineStage stage = stage(new MineSettings(false, 0.7, 3, Duration.ofSeconds(30), 2_000_000));
        Snapshot s = fixture.extracted("https://x.example/list", "Data centres", NINE_CITIES);
        fixture.captures.transition(s.captureId(), CaptureStatus.INDEXED, null, "body truncated at 100 MB (length)", 0);
        stage.mine(s);
        assertThat(fixture.capture(s).error()).startsWith("body truncated at 100 MB (length); mine: the page gave 9 candidates");
    }
}
