package org.tracemap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code tracemap import FILE.warc.gz...}: bring in WARC files made by other tools (wget, Heritrix, Browsertrix). */
@Command(name = "import", description = "Import WARC files made by other tools; their captures are extracted and indexed.")
final class ImportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = ".warc or .warc.gz files")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        try (Tracemap tracemap = Tracemap.openExclusive(archive.config(Map.of()))) {
            for (Path file : files) {
                int n = tracemap.importWarc(file).size();
                System.out.println("imported " + file + ": " + n + " captures");
            }
        }
        return 0;
    }
}
