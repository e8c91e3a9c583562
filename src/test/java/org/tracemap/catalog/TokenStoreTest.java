package org.tracemap.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token storage: salted slow hashes only, fast lookup, the environment's token replaced, pre-V7 rows migrated. */
class TokenStoreTest {
    @TempDir
    Path archive;

    private Catalog catalog;

    @AfterEach
    void close() {
        if (catalog != null) catalog.close();
    }

    private TokenStore open() {
        if (catalog == null) catalog = Catalog.open(archive);
        return new TokenStore(catalog, Clock.systemUTC(), archive.resolve("token.key"));
    }

    @Test
    void storesASaltedSlowHashAndNeitherTheTokenNorAFastHashOfIt() throws Exception {
        TokenStore tokens = open();
        tokens.add("generated-token-with-plenty-of-entropy", "alice", "reviewer", TokenStore.Source.USER);
        tokens.useEnvironmentToken("change-me");

        assertThat(tokens.lookup("generated-token-with-plenty-of-entropy")).contains(new TokenStore.Principal("alice", "reviewer"));
        assertThat(tokens.lookup("change-me")).contains(new TokenStore.Principal("admin", "admin"));
        String sha256OfChangeMe = HexFormat.of().formatHex(TokenHashes.sha256("change-me"));
        try (Connection c = sqlite(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT id, source, salt, secret_hash, iterations FROM api_credential ORDER BY id")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                assertThat(rs.getString("salt")).hasSize(32);
                assertThat(rs.getInt("iterations")).isEqualTo(600_000);
                assertThat(rs.getString("secret_hash")).hasSize(64).isNotEqualTo(sha256OfChangeMe);
                assertThat(rs.getString("id")).doesNotContain(sha256OfChangeMe);
            }
            assertThat(rows).isEqualTo(2);
        }
        catalog.close();
        catalog = null;
        String everything = new String(Files.readAllBytes(archive.resolve("catalog.db")), StandardCharsets.ISO_8859_1);
        assertThat(everything).doesNotContain("change-me").doesNotContain("generated-token-with-plenty-of-entropy");
        assertThat(Files.size(archive.resolve("token.key"))).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.resolve("token.key")))).isEqualTo("rw-------");
    }

    @Test
    void aNewEnvironmentTokenReplacesTheOneAnEarlierStartTookFromTheEnvironment() {
        TokenStore first = open();
        assertThat(first.useEnvironmentToken("old-admin-token")).isTrue();
        first.add("kept-user-token", "bob", "operator", TokenStore.Source.USER);
        assertThat(first.lookup("old-admin-token")).isPresent();

        TokenStore restarted = open(); // a new process: nothing cached
        assertThat(restarted.useEnvironmentToken("old-admin-token")).isFalse();
        assertThat(restarted.useEnvironmentToken("new-admin-token")).isTrue();
        assertThat(restarted.lookup("old-admin-token")).isEmpty();
        assertThat(first.useEnvironmentToken("new-admin-token")).isFalse();
        assertThat(open().lookup("old-admin-token")).isEmpty();
        assertThat(restarted.lookup("new-admin-token")).contains(new TokenStore.Principal("admin", "admin"));
        assertThat(restarted.lookup("kept-user-token")).contains(new TokenStore.Principal("bob", "operator"));
        assertThat(restarted.users()).extracting(TokenStore.User::source).containsExactlyInAnyOrder("ENVIRONMENT", "USER");
    }

    @Test
    void anEarlierEnvironmentTokenStillWorksWhenTheServerStartsWithoutOne() {
        open().useEnvironmentToken("env-token");
        TokenStore withoutVariable = open();
        assertThat(withoutVariable.lookup("env-token")).contains(new TokenStore.Principal("admin", "admin"));
        assertThat(withoutVariable.lookup("env-token-2")).isEmpty();
    }

    @Test
    void wrongTokensNeverCostASlowHashWhileTheEnvironmentTokenIsKnown() {
        TokenStore tokens = open();
        tokens.useEnvironmentToken("change-me");
        long started = System.nanoTime();
        for (int i = 0; i < 50; i++) assertThat(tokens.lookup("guess-" + i)).isEmpty();
        // 50 PBKDF2 runs would take several seconds; 50 HMACs and primary-key reads take milliseconds.
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
    }

    @Test
    void preV7RowsMigrateKeepWorkingAndAreRehashedOnFirstUse() throws Exception {
        // A catalogue as the previous release left it: unsalted SHA-256 rows in api_token.
        Flyway.configure().dataSource("jdbc:sqlite:" + archive.resolve("catalog.db"), null, null).locations("classpath:db/migration")
                .target("5").load().migrate();
        try (Connection c = sqlite(); PreparedStatement ps = c.prepareStatement("INSERT INTO api_token VALUES (?,?,?,?)")) {
            for (String[] row : new String[][] {{"legacy-user-token", "lee", "reviewer"}, {"change-me", "admin", "admin"}}) {
                ps.setString(1, HexFormat.of().formatHex(TokenHashes.sha256(row[0])));
                ps.setString(2, row[1]);
                ps.setString(3, row[2]);
                ps.setString(4, "2026-01-01T00:00:00Z");
                ps.executeUpdate();
            }
        }
        TokenStore tokens = open(); // migrates to V7

        assertThat(tokens.lookup("legacy-user-token")).contains(new TokenStore.Principal("lee", "reviewer"));
        assertThat(source("lee")).contains("LEGACY");
        assertThat(iterations("lee")).contains(600_000); // re-hashed on that first use
        assertThat(open().lookup("legacy-user-token")).contains(new TokenStore.Principal("lee", "reviewer"));
        assertThat(tokens.lookup("change-me")).isPresent();

        // The environment's admin token replaces the admin token the old code stored (it cannot tell how).
        open().useEnvironmentToken("a-long-new-admin-token");
        assertThat(open().lookup("change-me")).isEmpty();
        assertThat(open().lookup("legacy-user-token")).isPresent();
    }

    @Test
    void revokingATokenTakesEffectAtOnceInThisProcess() {
        TokenStore tokens = open();
        tokens.add("carol-token", "carol", "researcher", TokenStore.Source.USER);
        assertThat(tokens.lookup("carol-token")).isPresent(); // now cached
        assertThat(tokens.revoke("carol")).isEqualTo(1);
        assertThat(tokens.lookup("carol-token")).isEmpty();
    }

    @Test
    void absurdTokensAreRefusedWithoutHashing() {
        TokenStore tokens = open();
        assertThat(tokens.lookup("")).isEmpty();
        assertThat(tokens.lookup("x".repeat(100_000))).isEmpty();
    }

    private Connection sqlite() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + archive.resolve("catalog.db"));
    }

    private Optional<String> source(String name) throws Exception {
        try (Connection c = sqlite(); PreparedStatement ps = c.prepareStatement("SELECT source FROM api_credential WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private Optional<Integer> iterations(String name) throws Exception {
        try (Connection c = sqlite(); PreparedStatement ps = c.prepareStatement("SELECT iterations FROM api_credential WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }
}
