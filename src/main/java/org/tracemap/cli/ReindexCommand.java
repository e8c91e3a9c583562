package org.tracemap.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.index.ArchiveReindexer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tracemap reindex}: rebuild the CDXJ, the extracted text and the search index from the WARC files alone. */
@Command(name = "reindex", description = "Rebuild the CDXJ, extracted text and search index from the WARC files.")
final class ReindexCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Override
    public Integer call() throws Exception {
        try (Tracemap tracemap = Tracemap.openExclusive(archive.config(Map.of()))) {
            ArchiveReindexer.Report report = tracemap.rebuildDerived(file -> System.err.println("reindexing " + file));
            System.out.println(report.warcFiles() + " WARC files, " + report.indexed() + " documents indexed, "
                    + report.failed() + " could not be extracted");
        }
        return 0;
    }
}
