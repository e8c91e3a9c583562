import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.ExtractedText;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.gazetteer.Mentions;
import org.tracemap.mine.CandidateMiner;
import org.tracemap.mine.MinableDocument;
import org.tracemap.mine.MineSettings;

/**
 * Mining micro-benchmark: what the mine stage and the index's gazetteer tagging cost per page, next to
 * the cost of extracting the same pages, in the same JVM and run.
 *
 * <ol>
 *   <li>Gazetteer load ({@code GazetteerLoader.load(dir)}): the first, cold load of this JVM (what a
 *       server start pays), then the median of warm re-loads; sizes and approximate retained heap.</li>
 *   <li>Each corpus page is extracted once with {@code DocumentExtractor} (shipped limits: 60 s, 2,000,000
 *       characters, no OCR). The texts are then fed, single-threaded, to three operations, timed per
 *       document over ROUNDS rounds after WARMUP rounds (the three interleaved in every round, so
 *       machine noise hits all of them alike):
 *       <ul>
 *         <li>extract: {@code DocumentExtractor.extract(bytes, contentType, url)} (the peer: what a page
 *             already costs);</li>
 *         <li>mine: {@code CandidateMiner.mine(new MinableDocument(title, text, published, lang))}, shipped
 *             settings ({@code MineSettings.defaults()}), exactly as {@code MineStage} calls it;</li>
 *         <li>mentions: {@code Gazetteer.mentions(title + "\n" + text)}, exactly as {@code LuceneIndex} tags a
 *             document.</li>
 *       </ul></li>
 *   <li>Scaling: one long document made of the texts back to back, cut at a paragraph end below 10,000,
 *       100,000, 1,000,000 and 2,000,000 characters (the extract stage's cap), mined and tagged, to show
 *       whether the cost per character stays flat.</li>
 * </ol>
 * Only the operation itself is timed (no catalogue, no index). Output is Markdown.
 *
 * <p>Run: {@code bench/run-mine-bench.sh}; by hand:
 * {@code java -cp "target/tracemap.jar:target/lib/*" bench/MineBench.java GAZETTEER_DIR ROUNDS WARMUP NAME=DIR...}
 * where a DIR with labels.tsv gives the files it names; else the .html files with a .txt or .json beside
 * them (the extract corpus's labels); else every .html/.pdf/.docx file.
 */
public class MineBench {
    record Page(String corpus, String file, byte[] body, String contentType, String url) {}

    record Doc(Page page, MinableDocument minable, String tagText) {
        int chars() {
            return minable.text().length();
        }
    }

    static final String[] OPS = {"extract", "mine", "mentions"};
    static long sink; // results are folded in here so that nothing timed can be optimised away

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MineBench GAZETTEER_DIR ROUNDS WARMUP NAME=DIR...");
            System.exit(2);
        }
        Path gazetteerDir = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int warmup = Integer.parseInt(args[2]);
        if (!Files.isDirectory(gazetteerDir)) throw new IllegalArgumentException(gazetteerDir + " is not a folder (load would fall back to the bundled copy)");

        // --- 1. Gazetteer load --------------------------------------------------------------------------------------
        long usedBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        Gazetteer gazetteer = GazetteerLoader.load(gazetteerDir);
        double coldMs = (System.nanoTime() - t0) / 1e6;
        long retained = usedHeapAfterGc() - usedBefore;
        double[] warmLoads = new double[10];
        for (int i = 0; i < warmLoads.length; i++) {
            long s = System.nanoTime();
            Gazetteer g = GazetteerLoader.load(gazetteerDir);
            warmLoads[i] = (System.nanoTime() - s) / 1e6;
            sink += g.countryCount();
        }

        // --- 2. Corpus, extracted once --------------------------------------------------------------------------------
        List<Page> pages = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            pages.addAll(pages(args[i].substring(0, eq), Path.of(args[i].substring(eq + 1))));
        }
        CandidateMiner miner = new CandidateMiner(gazetteer, MineSettings.defaults());
        List<Doc> docs = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (DocumentExtractor extractor = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(60), 2_000_000, false))) {
            for (Page p : pages) {
                try {
                    ExtractedText x = extractor.extract(p.body(), p.contentType(), p.url());
                    String title = x.title() == null ? "" : x.title();
                    String text = x.text() == null ? "" : x.text();
                    docs.add(new Doc(p, new MinableDocument(x.title(), text, x.published(), x.lang()), title + "\n" + text));
                } catch (Exception e) {
                    failed.add(p.corpus() + "/" + p.file() + ": " + e.getMessage());
                }
            }

            // --- 3. Timed rounds ----------------------------------------------------------------------------------------
            int n = docs.size();
            long[][][] perDoc = new long[OPS.length][rounds][n]; // op, round, doc -> ns
            long[][] passWall = new long[OPS.length][rounds];
            long[][] passCpu = new long[OPS.length][rounds];     // whole-process CPU (includes extract's worker thread, JIT, GC)
            for (int r = -warmup; r < rounds; r++) {
                for (int op = 0; op < OPS.length; op++) {
                    long cpu0 = processCpuNs();
                    long w0 = System.nanoTime();
                    for (int d = 0; d < n; d++) {
                        long s = System.nanoTime();
                        run(op, docs.get(d), extractor, miner, gazetteer);
                        if (r >= 0) perDoc[op][r][d] = System.nanoTime() - s;
                    }
                    if (r >= 0) {
                        passWall[op][r] = System.nanoTime() - w0;
                        passCpu[op][r] = processCpuNs() - cpu0;
                    }
                }
            }

            // --- Report -------------------------------------------------------------------------------------------------
            long chars = docs.stream().mapToLong(Doc::chars).sum();
            long bytes = docs.stream().mapToLong(d -> d.page().body().length).sum();
            System.out.println("### Mining micro-benchmark");
            System.out.println();
            System.out.printf(Locale.ROOT, "- corpus: %d documents (%.2f MB as served, %,d characters of main text, mean %,d), %s%n", n, bytes / 1e6, chars,
                    n == 0 ? 0 : chars / n, describeCorpora(docs));
            if (!failed.isEmpty()) System.out.println("- not extracted, left out: " + String.join("; ", failed));
            System.out.printf(Locale.ROOT, "- %d measured rounds after %d warm-up rounds, one thread; each round times extract, mine and mentions over every document in turn%n",
                    rounds, warmup);
            System.out.printf(Locale.ROOT, "- gazetteer: %d companies (%d names), %d categories (%d cues), %d countries, %d place names; "
                            + "load %.0f ms cold (first in this JVM), %.1f ms warm (median of %d, %.1f–%.1f); ~%.0f MB retained heap (approximate)%n",
                    gazetteer.companies().size(), gazetteer.companyNames().size(), gazetteer.categories().size(), gazetteer.categoryCues().size(),
                    gazetteer.countryCount(), gazetteer.placeNames().size(), coldMs, median(warmLoads), warmLoads.length, min(warmLoads), max(warmLoads),
                    retained / 1e6);
            System.out.println();
            System.out.println("| operation (single thread) | docs/s, median of rounds (range) | µs/doc | process CPU ms per round, median | cost relative to extract |");
            System.out.println("|---|---:|---:|---:|---:|");
            double[] medRate = new double[OPS.length];
            for (int op = 0; op < OPS.length; op++) {
                double[] rates = new double[rounds];
                double[] cpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rates[r] = n / (passWall[op][r] / 1e9);
                    cpu[r] = passCpu[op][r] / 1e6;
                }
                medRate[op] = median(rates);
            }
            for (int op = 0; op < OPS.length; op++) {
                double[] rates = new double[rounds];
                double[] cpu = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    rates[r] = n / (passWall[op][r] / 1e9);
                    cpu[r] = passCpu[op][r] / 1e6;
                }
                System.out.printf(Locale.ROOT, "| %s | **%,.0f** (%,.0f–%,.0f) | %,.0f | %,.0f | %s |%n", label(op), medRate[op], min(rates), max(rates),
                        1e6 / medRate[op], median(cpu), op == 0 ? "1" : String.format(Locale.ROOT, "%.3f", medRate[0] / medRate[op]));
            }
            double ex = 1 / medRate[0], mi = 1 / medRate[1], me = 1 / medRate[2];
            System.out.println();
            System.out.printf(Locale.ROOT, "Per page: extract %.0f µs, mine %.0f µs, mentions %.0f µs. Mining adds %.1f%% to the extraction cost "
                            + "(%.1f%% of extract + mine); the index's tagging adds %.1f%%; together %.1f%% of extract + mine + mentions.%n",
                    ex * 1e6, mi * 1e6, me * 1e6, 100 * mi / ex, 100 * mi / (ex + mi), 100 * me / ex, 100 * (mi + me) / (ex + mi + me));
            System.out.println();

            // Per corpus, from the per-document medians.
            System.out.println("| corpus | docs | mean chars | extract µs/doc | mine µs/doc | mentions µs/doc | mine / extract | mine ns/char | candidates | docs naming a company |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            double[][] med = new double[OPS.length][n];
            for (int op = 0; op < OPS.length; op++) {
                for (int d = 0; d < n; d++) {
                    double[] xs = new double[rounds];
                    for (int r = 0; r < rounds; r++) xs[r] = perDoc[op][r][d];
                    med[op][d] = median(xs);
                }
            }
            Map<String, List<Integer>> byCorpus = new LinkedHashMap<>();
            for (int d = 0; d < n; d++) byCorpus.computeIfAbsent(docs.get(d).page().corpus(), k -> new ArrayList<>()).add(d);
            byCorpus.put("all", java.util.stream.IntStream.range(0, n).boxed().toList());
            for (var e : byCorpus.entrySet()) {
                List<Integer> ix = e.getValue();
                double[] sum = new double[OPS.length];
                long c = 0;
                int candidates = 0, naming = 0;
                for (int d : ix) {
                    for (int op = 0; op < OPS.length; op++) sum[op] += med[op][d];
                    c += docs.get(d).chars();
                    candidates += miner.mine(docs.get(d).minable()).size();
                    if (!gazetteer.mentions(docs.get(d).tagText()).companies().isEmpty()) naming++;
                }
                int k = ix.size();
                System.out.printf(Locale.ROOT, "| %s | %d | %,d | %,.0f | %,.0f | %,.0f | %.3f | %.0f | %d | %d |%n", e.getKey(), k, c / Math.max(1, k),
                        sum[0] / 1e3 / k, sum[1] / 1e3 / k, sum[2] / 1e3 / k, sum[1] / sum[0], sum[1] / Math.max(1, c), candidates, naming);
            }
            System.out.println();

            // The slowest documents to mine.
            Integer[] order = new Integer[n];
            for (int d = 0; d < n; d++) order[d] = d;
            Arrays.sort(order, (a, b) -> Double.compare(med[1][b], med[1][a]));
            System.out.println("| slowest to mine | chars | lang | mine µs | mentions µs | extract µs |");
            System.out.println("|---|---:|---|---:|---:|---:|");
            for (int i = 0; i < Math.min(5, n); i++) {
                Doc d = docs.get(order[i]);
                System.out.printf(Locale.ROOT, "| %s/%s | %,d | %s | %,.0f | %,.0f | %,.0f |%n", d.page().corpus(), d.page().file(), d.chars(), d.minable().lang(),
                        med[1][order[i]] / 1e3, med[2][order[i]] / 1e3, med[0][order[i]] / 1e3);
            }
            System.out.println();

            // --- 4. Scaling with document length -----------------------------------------------------------------------
            StringBuilder all = new StringBuilder();
            while (all.length() < 2_000_000) {
                for (Doc d : docs) all.append(d.minable().text()).append("\n\n");
                if (chars == 0) break;
            }
            System.out.println("| one long document (the texts back to back, cut at a paragraph) | chars | mine ms (median of 5) | mine ns/char | mentions ms | mentions ns/char |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (int size : new int[] {10_000, 100_000, 1_000_000, 2_000_000}) {
                int cut = all.lastIndexOf("\n\n", size);
                String text = all.substring(0, cut > 0 ? cut : Math.min(size, all.length()));
                MinableDocument big = new MinableDocument("", text, null, "en");
                double[] m = new double[5], t = new double[5];
                sink += miner.mine(big).size() + gazetteer.mentions(text).countries().size(); // warm-up
                for (int i = 0; i < 5; i++) {
                    long s = System.nanoTime();
                    sink += miner.mine(big).size();
                    m[i] = System.nanoTime() - s;
                    s = System.nanoTime();
                    sink += gazetteer.mentions(text).countries().size();
                    t[i] = System.nanoTime() - s;
                }
                System.out.printf(Locale.ROOT, "| up to %,d characters | %,d | %,.1f | %.0f | %,.1f | %.0f |%n", size, text.length(),
                        median(m) / 1e6, median(m) / text.length(), median(t) / 1e6, median(t) / text.length());
            }
        }
        System.out.println();
        System.out.println("(checksum " + sink + ")");
    }

    static void run(int op, Doc d, DocumentExtractor extractor, CandidateMiner miner, Gazetteer gazetteer) throws Exception {
        switch (op) {
            case 0 -> sink += extractor.extract(d.page().body(), d.page().contentType(), d.page().url()).text().length();
            case 1 -> sink += miner.mine(d.minable()).size();
            default -> {
                Mentions m = gazetteer.mentions(d.tagText());
                sink += m.companies().size() + m.categories().size() + m.countries().size();
            }
        }
    }

    static String label(int op) {
        return switch (op) {
            case 0 -> "extract: `DocumentExtractor.extract` (peer)";
            case 1 -> "mine: `CandidateMiner.mine`";
            default -> "mentions: `Gazetteer.mentions` (index tagging)";
        };
    }

    /** The pages of one corpus folder, sorted by file name. */
    static List<Page> pages(String name, Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Set<String> files = new LinkedHashSet<>();
        Path labels = dir.resolve("labels.tsv");
        if (Files.exists(labels)) {
            List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split("\t", -1));
            int col = header.indexOf("file");
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String f = line.split("\t", -1)[col].strip();
                if (!f.isEmpty()) files.add(f);
            }
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                List<Path> all = s.sorted().toList();
                boolean labelled = all.stream().anyMatch(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".json"));
                for (Path p : all) {
                    String f = p.getFileName().toString();
                    if (!f.matches("(?i).*\\.(html?|pdf|docx)$")) continue;
                    String stem = f.substring(0, f.lastIndexOf('.'));
                    if (labelled && !Files.exists(dir.resolve(stem + ".txt")) && !Files.exists(dir.resolve(stem + ".json"))) continue;
                    files.add(f);
                }
            }
        }
        List<Page> out = new ArrayList<>();
        for (String f : files.stream().sorted().toList()) {
            String contentType = contentType(f);
            String url = "http://corpus.invalid/" + f;
            Path meta = dir.resolve(f.substring(0, f.lastIndexOf('.')) + ".json");
            if (Files.exists(meta)) { // the extract corpus records the Content-Type and URL each page was served with
                JsonNode m = json.readTree(meta.toFile());
                if (m.hasNonNull("contentType")) contentType = m.get("contentType").asText();
                if (m.hasNonNull("url")) url = m.get("url").asText();
            }
            out.add(new Page(name, f, Files.readAllBytes(dir.resolve(f)), contentType, url));
        }
        return out;
    }

    static String contentType(String file) { // as MiningEvaluation does
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".pdf")) return "application/pdf";
        if (f.endsWith(".txt")) return "text/plain; charset=utf-8";
        if (f.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return "text/html";
    }

    static String describeCorpora(List<Doc> docs) {
        Map<String, int[]> count = new LinkedHashMap<>(); // corpus -> html, pdf, other, zh
        for (Doc d : docs) {
            int[] c = count.computeIfAbsent(d.page().corpus(), k -> new int[4]);
            String f = d.page().file().toLowerCase(Locale.ROOT);
            c[f.endsWith(".pdf") ? 1 : f.matches(".*\\.html?$") ? 0 : 2]++;
            if ("zh".equals(d.minable().lang())) c[3]++;
        }
        List<String> parts = new ArrayList<>();
        for (var e : count.entrySet()) {
            int[] c = e.getValue();
            parts.add(String.format(Locale.ROOT, "%s: %d HTML%s%s (%d Chinese)", e.getKey(), c[0], c[1] > 0 ? " + " + c[1] + " PDF" : "",
                    c[2] > 0 ? " + " + c[2] + " other" : "", c[3]));
        }
        return String.join("; ", parts);
    }

    static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int k = s.length;
        return k == 0 ? Double.NaN : k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }
}
