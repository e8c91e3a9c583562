package org.tracemap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.Tracemap;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.review.DatasetExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracemap export --format csv|json|geojson [--output FILE]}: the approved dataset. */
@Command(name = "export", description = "Export the approved dataset (CSV for spreadsheets, JSON, GeoJSON for QGIS and web maps).")
final class ExportCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ArchiveOptions archive;

    @Option(names = "--format", description = "csv, json or geojson (default json)")
    String format = "json";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Override
    public Integer call() throws Exception {
        DatasetExport.Format f;
        try {
            f = DatasetExport.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String text;
        int count;
        try (Tracemap t = Tracemap.open(archive.config(Map.of()))) {
            List<DataPointStore.DataPoint> all = t.datapoints().all();
            count = all.size();
            DatasetExport export = t.datasetExport();
            ObjectMapper json = new ObjectMapper();
            text = switch (f) {
                case CSV -> export.csv(all);
                case JSON -> json.writerWithDefaultPrettyPrinter().writeValueAsString(export.json(all));
                case GEOJSON -> json.writeValueAsString(export.geojson(all));
            };
        }
        if (output == null) {
            System.out.write(text.getBytes(StandardCharsets.UTF_8));
            System.out.flush();
        } else {
            Files.writeString(output, text, StandardCharsets.UTF_8);
            System.err.println("wrote " + count + " data points to " + output);
        }
        return 0;
    }
}
