package org.tracemap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.cli.TracemapCommand;

/**
 * The first admin token is shown once; when it is lost, {@code tracemap users add NAME --role admin}, run on the
 * server's archive while the server runs, mints another that the running server accepts with the admin's rights.
 */
class LostAdminTokenIT {
    @TempDir
    Path archive;

    @Test
    void usersAddBesideARunningServerMintsATokenItAcceptsWithTheRoleGiven() throws Exception {
        try (TestServer server = new TestServer(archive, Map.of())) {
            String admin = mint("second-admin", "admin");
            String researcher = mint("a-researcher", "researcher");
            assertThat(admin).isNotEqualTo(researcher).hasSizeGreaterThan(30);

            // Defining a crawl needs the CRAWL permission: an admin's, not a researcher's.
            assertThat(server.post("/api/crawls", Map.of("name", "minted", "seeds", List.of("http://127.0.0.1:9/")), admin).statusCode()).isEqualTo(201);
            assertThat(server.post("/api/crawls", Map.of("name", "refused", "seeds", List.of("http://127.0.0.1:9/")), researcher).statusCode())
                    .isEqualTo(403);
            assertThat(server.getJson("/api/crawls", admin).path("items").findValuesAsText("name")).containsExactly("minted");
        }
    }

    /** {@code users add NAME --role ROLE} on the server's archive; the token it prints on stdout. */
    private String mint(String name, String role) {
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(TracemapCommand.commandLine().execute("users", "add", name, "--role", role, "--archive", archive.toString())).isZero();
        } finally {
            System.setOut(was);
        }
        return out.toString(StandardCharsets.UTF_8).strip();
    }
}
