package org.tracemap.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeLimiterTest {
    private final TimeLimiter limiter = new TimeLimiter("mining", "tracemap.mine.time-limit", Duration.ofMillis(200));

    @AfterEach
    void close() {
        limiter.close();
    }

    @Test
    void aTaskWithinTheLimitGivesItsResult() throws Exception {
        assertThat(limiter.call(() -> "done")).isEqualTo("done");
    }

    @Test
    void aTaskPastTheLimitEndsWithTheWorkTheLimitAndItsKeyAndIsInterrupted() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> limiter.call(() -> {
            try {
                while (true) Interruption.check(); // a matching loop that looks for its stop signal
            } finally {
                stopped.countDown();
            }
        })).isInstanceOf(TimeLimitExceededException.class).hasMessage("mining took longer than 200 ms (tracemap.mine.time-limit)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(stopped.await(5, TimeUnit.SECONDS)).as("the worker really stopped").isTrue();
        assertThat(limiter.call(() -> "next")).as("the next task runs as usual").isEqualTo("next");
    }

    @Test
    void theTasksOwnExceptionsPassUnchanged() {
        assertThatThrownBy(() -> limiter.call(() -> {
            throw new IOException("disk gone");
        })).isInstanceOf(IOException.class).hasMessage("disk gone");
        assertThatThrownBy(() -> limiter.call(() -> {
            throw new IllegalStateException("bad state");
        })).isInstanceOf(IllegalStateException.class).hasMessage("bad state");
    }

    @Test
    void anErrorOnTheWorkerBecomesAnExceptionNamingIt() {
        assertThatThrownBy(() -> limiter.call(TimeLimiterTest::recurse))
                .isInstanceOf(WorkerFailedException.class).hasMessageStartingWith("mining failed: StackOverflowError");
    }

    private static int recurse() {
        return recurse() + 1;
    }

    @Test
    void limitsAreDescribedAsAnOperatorWritesThem() {
        assertThat(TimeLimiter.describe(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(TimeLimiter.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(TimeLimiter.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
    }
}
