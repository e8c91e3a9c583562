package org.tracemap.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.catalog.CandidateStore;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.review.ReviewService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracemap review list | approve | reject | merge}: the review queue from a terminal, on the archive
 * in-process. Decisions are audited under {@code --as} (default: the login name, prefixed "cli:").
 */
@Command(name = "review", description = "List candidates and approve, reject or merge them.",
        subcommands = {ReviewCommand.ListCandidates.class, ReviewCommand.Decide.class})
final class ReviewCommand implements Runnable {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or decide");
    }

    @Command(name = "list", description = "Candidates, best first: by the ranker's rank where there is one, else by score.")
    static final class ListCandidates implements Callable<Integer> {
        private static final java.util.List<String> STATUSES = java.util.List.of("PENDING", "APPROVED", "REJECTED", "MERGED");

        @picocli.CommandLine.Mixin
        HelpOption help;

        @Mixin
        ArchiveOptions archive;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--status", description = "PENDING (default), APPROVED, REJECTED, MERGED or ALL")
        String status = "PENDING";

        @Option(names = "--limit", description = "how many (default 50)")
        int limit = 50;

        @Override
        public Integer call() throws Exception {
            String wanted = status.strip().toUpperCase(java.util.Locale.ROOT);
            boolean all = wanted.equals("ALL");
            if (!all && !STATUSES.contains(wanted)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--status must be " + String.join(", ", STATUSES) + " or ALL, not '" + status + "'");
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                var page = t.candidates().list(new CandidateStore.Query(all ? null : wanted, null, null, null, null, limit, 0));
                out.println(page.getValue() + (all ? "" : " " + wanted.toLowerCase(java.util.Locale.ROOT)) + " candidates");
                for (CandidateStore.Candidate c : page.getKey()) {
                    // Under ALL each candidate says where it stands; under one status that is the heading's.
                    out.printf("%n#%d v%d%s  %.2f%s  %s × %s × %s%s%s  (%d source%s)%n", c.id(), c.version(),
                            all ? " " + c.status().toLowerCase(java.util.Locale.ROOT) : "", c.score(),
                            c.rank() == null ? "" : String.format(java.util.Locale.ROOT, " rank %.2f", c.rank()), c.company(), c.category(),
                            c.country(), c.city() == null || c.city().isEmpty() ? "" : " / " + c.city(), c.year() == null ? "" : ", " + c.year(),
                            c.sources().size(), c.sources().size() == 1 ? "" : "s");
                    if (c.quote() != null) out.println("   \u201c" + c.quote() + "\u201d");
                    if (!c.sources().isEmpty()) out.println("   " + c.sources().get(0).url());
                }
            }
            return 0;
        }
    }

    /**
     * One decision. Bad usage exits 2 (the README's promise): an unknown action, reject without {@code --reason},
     * merge without {@code --into}, an edit value that is not a number where one is needed, and edits the review
     * service refuses; a candidate decided meanwhile or not found exits 1.
     */
    @Command(name = "decide", description = "approve (with --edit FIELD=VALUE edits), reject (with --reason) or merge (with --into) one candidate.")
    static final class Decide implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        HelpOption help;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ArchiveOptions archive;

        @Parameters(index = "0", paramLabel = "ACTION", description = "approve, reject or merge")
        String action;

        @Parameters(index = "1", paramLabel = "ID", description = "candidate id")
        long id;

        @Option(names = "--version", required = true, description = "the candidate version you reviewed (see review list)")
        int version;

        @Option(names = "--edit", paramLabel = "FIELD=VALUE", description = "an edit on approve, e.g. --edit city=Mombasa --edit yearStarted=2019")
        Map<String, String> edits = new LinkedHashMap<>();

        @Option(names = "--reason", description = "why (required to reject)")
        String reason;

        @Option(names = "--into", description = "data point id to merge into")
        String into;

        @Option(names = "--as", description = "reviewer name for the audit log (default cli:$USER)")
        String actor;

        @Override
        public Integer call() throws Exception {
            String verb = action.strip().toLowerCase(java.util.Locale.ROOT);
            if (!java.util.List.of("approve", "reject", "merge").contains(verb)) usage("ACTION must be approve, reject or merge, not '" + action + "'");
            if (verb.equals("reject") && (reason == null || reason.isBlank())) usage("reject needs --reason: why the candidate is refused");
            if (verb.equals("merge") && (into == null || into.isBlank())) usage("merge needs --into: the data point id to merge into");
            Map<String, Object> typed = new LinkedHashMap<>();
            edits.forEach((k, v) -> {
                try {
                    typed.put(k, k.equals("lat") || k.equals("lon") ? (Object) Double.parseDouble(v) : k.startsWith("year") ? (Object) Integer.parseInt(v) : v);
                } catch (NumberFormatException e) {
                    usage("--edit " + k + "=" + v + ": " + k + " must be a number");
                }
            });
            String who = actor != null ? actor : "cli:" + System.getProperty("user.name", "unknown");
            try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
                ReviewService.Outcome o;
                try {
                    o = t.review().decide(id, new ReviewService.Decision(verb, typed, reason, into, version), who);
                } catch (InvalidInputException e) {
                    spec.commandLine().getErr().println("error: " + e.getMessage());
                    return 2;
                }
                int sources = o.datapoint() == null ? 0 : o.datapoint().sources().size();
                spec.commandLine().getOut().println("candidate #" + id + " " + o.candidate().status().toLowerCase(java.util.Locale.ROOT)
                        + (o.datapoint() == null ? "" : " -> data point " + o.datapoint().id() + " (" + sources + " source" + (sources == 1 ? "" : "s") + ")"));
            }
            return 0;
        }

        private void usage(String message) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
        }
    }
}
