package org.tracemap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When to retry and how long to wait: Retry-After in both its forms, and the bounds of the jittered backoff. */
class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2025-03-04T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest(name = "\"{0}\" -> {1} s")
    @CsvSource(delimiter = '|', value = {"0|0", "1|1", "120|120", "'  7 '|7", "999999999|999999999"})
    void retryAfterInSecondsIsReadAsSeconds(String value, long seconds) {
        assertThat(policy.parseRetryAfter(value)).contains(Duration.ofSeconds(seconds));
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeLeftUntilThatDate() {
        assertThat(policy.parseRetryAfter("Tue, 04 Mar 2025 10:01:30 GMT")).contains(Duration.ofSeconds(90));
    }

    @Test
    void retryAfterDateInThePastMeansNoWait() {
        assertThat(policy.parseRetryAfter("Mon, 03 Mar 2025 10:00:00 GMT")).contains(Duration.ZERO);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "soon", "-5", "1.5", "2025-03-04T10:01:30Z", "1234567890"})
    void unreadableRetryAfterIsIgnored(String value) {
        assertThat(policy.parseRetryAfter(value)).isEmpty();
    }

    @Test
    void retryAfterWithinTheMaximumIsHonouredExactly() {
        assertThat(policy.delayAfter(1, Optional.of("1"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1, Optional.of("0"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfterBeyondTheMaximumIsCappedAtTheMaximum() {
        assertThat(policy.delayAfter(1, Optional.of("3600"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(1, Optional.of("Wed, 05 Mar 2025 10:00:00 GMT"))).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "after attempt {0}: {1}..{2} ms")
    @CsvSource({"1, 50, 100", "2, 100, 200", "3, 200, 400", "4, 400, 800", "5, 500, 1000", "40, 500, 1000", "1000, 500, 1000"})
    void backoffDoublesWithFullJitterUpToTheMaximum(int attempt, long lowest, long highest) {
        for (int i = 0; i < 500; i++) {
            assertThat(policy.delayAfter(attempt, Optional.empty()).toMillis()).isBetween(lowest, highest);
        }
    }

    @Test
    void backoffIsUsedWhenRetryAfterCannotBeRead() {
        for (int i = 0; i < 100; i++) {
            assertThat(policy.delayAfter(2, Optional.of("whenever")).toMillis()).isBetween(100L, 200L);
        }
    }

    @Test
    void zeroBaseDelayMeansRetryAtOnce() {
        RetryPolicy immediate = new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC());
        assertThat(immediate.delayAfter(1, Optional.empty())).isEqualTo(Duration.ZERO);
        assertThat(immediate.delayAfter(7, Optional.empty())).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 500, 502, 503, 504, 599})
    void tooManyRequestsAndServerErrorsAreWorthRetrying(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {200, 204, 301, 304, 400, 403, 404, 410, 451})
    void otherAnswersAreFinal(int status) {
        assertThat(RetryPolicy.isRetryableStatus(status)).isFalse();
    }
}
