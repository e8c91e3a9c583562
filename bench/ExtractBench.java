import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;

/**
 * Extraction throughput: Tracemap's extract stage (main text, title, date, language) against raw Tika
 * (AutoDetectParser to a BodyContentHandler: all text, no main-text selection) on the same documents,
 * single-threaded, after a warm-up. Run: bench/run-extract-bench.sh
 */
public class ExtractBench {
    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        // Optional third argument: which files are documents (the readability set holds expected.html beside source.html).
        String include = args.length > 2 ? args[2] : ".*\\.(html|pdf|docx)$";
        List<byte[]> docs = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path p : files.filter(f -> f.toString().matches(include) && !f.toString().contains("broken")
                    && !f.toString().contains("encrypted")).sorted().toList()) {
                docs.add(Files.readAllBytes(p));
                String name = p.toString();
                types.add(name.endsWith(".pdf") ? "application/pdf" : name.endsWith(".docx") ? null : "text/html");
            }
        }
        long bytes = docs.stream().mapToLong(d -> d.length).sum();
        AutoDetectParser tika = new AutoDetectParser();
        try (DocumentExtractor tracemap = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(60), 2_000_000, false))) {
            for (int i = 0; i < 3; i++) { runTracemap(tracemap, docs, types); runTika(tika, docs); } // warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) runTracemap(tracemap, docs, types);
            double tracemapSec = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            for (int i = 0; i < rounds; i++) runTika(tika, docs);
            double tikaSec = (System.nanoTime() - t1) / 1e9;
            int n = docs.size() * rounds;
            System.out.printf("documents %d (%.1f MB) x %d rounds%n", docs.size(), bytes / 1e6, rounds);
            System.out.printf("tracemap extract: %.2f s, %.1f docs/s%n", tracemapSec, n / tracemapSec);
            System.out.printf("raw tika:         %.2f s, %.1f docs/s%n", tikaSec, n / tikaSec);
            System.out.printf("ratio tracemap/tika: %.2f%n", (n / tracemapSec) / (n / tikaSec));
        }
    }

    static void runTracemap(DocumentExtractor x, List<byte[]> docs, List<String> types) throws Exception {
        for (int i = 0; i < docs.size(); i++) x.extract(docs.get(i), types.get(i), "https://bench.example/" + i);
    }

    static void runTika(AutoDetectParser tika, List<byte[]> docs) throws Exception {
        for (byte[] d : docs) tika.parse(new ByteArrayInputStream(d), new BodyContentHandler(2_000_000), new Metadata(), new ParseContext());
    }
}
