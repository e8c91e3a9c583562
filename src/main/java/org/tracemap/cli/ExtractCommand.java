package org.tracemap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.ExtractedText;
import org.tracemap.extract.ExtractionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracemap extract FILE... [--json]}: the extract stage alone, on local files. */
@Command(name = "extract", description = "Extract title, date, language and main text from local files.")
final class ExtractCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "HTML pages or documents (PDF, DOCX, ...)")
    List<Path> files;

    @Option(names = "--json", description = "one JSON object per line: file, title, published, lang, text")
    boolean json;

    @Option(names = "--content-type", description = "treat every file as this HTTP Content-Type (e.g. 'text/html; charset=gbk')")
    String contentType;

    @Override
    public Integer call() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        int failed = 0;
        try (DocumentExtractor extractor = new DocumentExtractor(ExtractSettings.from(archive.config(Map.of())))) {
            for (Path file : files) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("file", file.toString());
                try {
                    if (!Files.isReadable(file)) throw new ExtractionException("cannot read " + file);
                    ExtractedText t = extractor.extract(Files.readAllBytes(file), contentType, file.toAbsolutePath().toUri().toString());
                    line.put("title", t.title());
                    line.put("published", t.published() == null ? null : t.published().toString());
                    line.put("lang", t.lang());
                    line.put("text", t.text());
                    if (json) {
                        System.out.println(mapper.writeValueAsString(line));
                    } else {
                        System.out.println("== " + file + "\ntitle: " + t.title() + "\npublished: " + t.published() + "\nlang: " + t.lang() + "\n\n" + t.text() + "\n");
                    }
                } catch (ExtractionException e) {
                    failed++;
                    System.err.println("error: " + file + ": " + e.getMessage());
                    if (json) {
                        line.put("error", e.getMessage());
                        System.out.println(mapper.writeValueAsString(line));
                    }
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
