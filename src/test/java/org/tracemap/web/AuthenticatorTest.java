package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.TokenStore;

/** Bearer tokens, roles, and the failed-attempt limit per client address (on a clock the test moves). */
class AuthenticatorTest {
    @TempDir
    Path archive;

    private Catalog catalog;
    private final MovableClock clock = new MovableClock();
    private Authenticator auth;
    private String reviewer;

    @BeforeEach
    void setUp() {
        catalog = Catalog.open(archive);
        TokenStore tokens = new TokenStore(catalog, clock, archive.resolve("token.key"));
        auth = new Authenticator(tokens, 10, clock);
        auth.bootstrapAdmin("the-admin-token");
        reviewer = auth.addUser("rita", Role.REVIEWER);
    }

    @AfterEach
    void tearDown() {
        catalog.close();
    }

    @Test
    void tenUnknownTokensAMinuteThenEveryRequestOfThatAddressIs429UntilTheOldestFailureIsAMinuteOld() {
        for (int i = 0; i < 10; i++) {
            assertStatus(request("10.0.0.1", "Bearer guess-" + i), 401);
            clock.advance(Duration.ofSeconds(1));
        }
        ApiException blocked = catchApi(request("10.0.0.1", "Bearer guess-10"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.headers()).contains(Map.entry("Retry-After", "50")); // the first failure was 10 s ago
        assertStatus(request("10.0.0.1", "Bearer " + reviewer), 429); // the right token waits too: no guess is checked meanwhile
        assertThat(auth.require(request("10.0.0.2", "Bearer " + reviewer)).name()).isEqualTo("rita"); // other clients unaffected

        clock.advance(Duration.ofSeconds(50));
        assertThat(auth.require(request("10.0.0.1", "Bearer " + reviewer)).name()).isEqualTo("rita");
        assertStatus(request("10.0.0.1", "Bearer guess-11"), 401);
        assertStatus(request("10.0.0.1", "Bearer " + reviewer), 429); // ten failures within the last minute again
    }

    @Test
    void missingHeadersGuessNothingAndAreNotCounted() {
        for (int i = 0; i < 20; i++) assertStatus(request("10.0.0.3", null), 401);
        assertThat(auth.require(request("10.0.0.3", "Bearer " + reviewer)).name()).isEqualTo("rita");
    }

    @Test
    void unauthorisedAnswersCarryABearerChallengeAndRolesAreEnforced() {
        assertThat(catchApi(request("10.0.0.4", null)).headers()).extracting(Map.Entry::getKey).contains("WWW-Authenticate");
        assertStatus(request("10.0.0.4", "Basic dXNlcjpwdw=="), 401);
        assertThatThrownBy(() -> auth.require(request("10.0.0.4", "Bearer " + reviewer), Role.Permission.CRAWL))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(auth.require(request("10.0.0.4", "bearer " + reviewer), Role.Permission.REVIEW).name()).isEqualTo("rita");
        assertThat(auth.require(request("10.0.0.4", "Bearer the-admin-token"), Role.Permission.ADMIN).role()).isEqualTo("admin");
    }

    private void assertStatus(ApiRequest request, int status) {
        assertThat(catchApi(request).status()).isEqualTo(status);
    }

    private ApiException catchApi(ApiRequest request) {
        try {
            auth.require(request);
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected the request to be refused");
    }

    private static ApiRequest request(String client, String authorization) {
        Map<String, String> headers = new HashMap<>();
        if (authorization != null) headers.put("authorization", authorization);
        return new ApiRequest("GET", "/api/candidates", Map.of(), headers, Map.of(), new byte[0], client);
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
