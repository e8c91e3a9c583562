package org.tracemap.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.catalog.TokenStore;
import org.tracemap.web.Authenticator;
import org.tracemap.web.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracemap users add NAME --role reviewer | list | revoke NAME}: API users and their tokens. */
@Command(name = "users", description = "Manage API users: add (prints a token once), list, revoke.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class, UsersCommand.Revoke.class})
final class UsersCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, list or revoke");
    }

    @Command(name = "add", description = "Create a user with a role and print their token (shown only this once).")
    static final class Add implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ArchiveOptions archive;

        @Parameters(paramLabel = "NAME", description = "who the token is for; decisions are audited under this name")
        String name;

        @Option(names = "--role", required = true, description = "researcher, reviewer, operator or admin")
        String role;

        @Override
        public Integer call() throws Exception {
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                String token = new Authenticator(t.tokens()).addUser(name, r);
                System.err.println("created " + r.id() + " " + name + "; the token is shown only once:");
                System.out.println(token);
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List users and roles (tokens are not stored, only their hashes).")
    static final class ListUsers implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @Mixin
        ArchiveOptions archive;

        @Override
        public Integer call() throws Exception {
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                System.out.printf("%-30s %-11s %-12s %s%n", "name", "role", "source", "created");
                for (TokenStore.User u : t.tokens().users()) {
                    System.out.printf("%-30s %-11s %-12s %s%n", u.name(), u.role(), u.source().toLowerCase(java.util.Locale.ROOT), u.createdAt());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke every token of a user.")
    static final class Revoke implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @Mixin
        ArchiveOptions archive;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                int n = t.tokens().revoke(name);
                if (n == 0) {
                    System.err.println("error: no user named " + name);
                    return 1;
                }
                System.out.println("revoked " + n + " token(s) of " + name);
            }
            return 0;
        }
    }
}
