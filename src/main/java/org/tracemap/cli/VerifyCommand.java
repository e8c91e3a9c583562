package org.tracemap.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.WarcVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tracemap verify}: re-reads every WARC record and reports damage. One line per problem on stdout,
 * {@code ERROR} or {@code WARNING}, then a summary line; exit code 1 when there is any error. Warnings (records
 * without a block digest, the unfinished tail of a file still being written) do not fail the run.
 */
@Command(name = "verify", description = {
        "Re-read every WARC record: check gzip members, parse each record, re-hash block and payload digests.",
        "Each problem names the file and the offset of the damaged record; exit 1 if any is an ERROR (damage),",
        "0 if there are only WARNINGs (records without a block digest cannot be verified)."})
final class VerifyCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(java.nio.file.Path.of(archive.config(Map.of()).string("tracemap.archive.dir")));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(file -> err.println("verifying " + file));
        for (WarcVerifier.Problem p : report.problems()) out.println(p.severity() + " " + p);
        out.println(report.files() + " files, " + report.records() + " records, " + report.errors().size() + " errors, "
                + report.warnings().size() + " warnings");
        out.flush();
        return report.ok() ? 0 : 1;
    }
}
