package org.tracemap.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.archive.WarcVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tracemap verify}: re-hash every WARC record and report any mismatch. */
@Command(name = "verify", description = "Re-read every WARC record and check its block and payload digests.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    ArchiveOptions archive;

    @Override
    public Integer call() throws Exception {
        ArchiveLayout layout = new ArchiveLayout(java.nio.file.Path.of(archive.config(Map.of()).string("tracemap.archive.dir")));
        WarcVerifier.Report report = new WarcVerifier(layout).verifyAll(file -> System.err.println("verifying " + file));
        for (WarcVerifier.Problem p : report.problems()) System.out.println("MISMATCH " + p);
        System.out.println(report.files() + " files, " + report.records() + " records, " + report.problems().size() + " problems");
        return report.ok() ? 0 : 1;
    }
}
