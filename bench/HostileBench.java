import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractSettings;
import org.tracemap.extract.ExtractedText;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.mine.CandidateMiner;
import org.tracemap.mine.MinableDocument;
import org.tracemap.mine.MineSettings;

/**
 * Hostile-input timings (issue 9), single-threaded as the stages run them, wall clock, median of ROUNDS runs
 * after one warm-up on a small input:
 * <ul>
 *   <li>{@code Gazetteer.mentions} (what the index stage tags a page with) and {@code CandidateMiner.mine} on 0.5,
 *       1 and 2 MB of "Huawei Nairobi " repeated (one sentence: no full stops);</li>
 *   <li>the trie walk's worst case: the longest place name (70 characters) without its last letter, repeated to 2 MB;</li>
 *   <li>the same 2 MB as an XLSX (one "Huawei Nairobi" cell per row): extraction, then tagging and mining of its text;</li>
 *   <li>{@code DocumentExtractor.extract} on a page of 100,000 nested {@code <div>}s and one of 100,000 nested {@code <b>}s.</li>
 * </ul>
 *
 * <p>Run (after {@code ./mvnw -q package -DskipTests}):
 * {@code java -cp "target/tracemap.jar:target/lib/*" bench/HostileBench.java config/gazetteer [ROUNDS [SECONDS]]}
 * where SECONDS (default 300) is the extraction time limit. Uses only APIs that predate issue 9, so the same file
 * measures the code before the fix.
 */
public class HostileBench {
    static int rounds;

    public static void main(String[] args) throws Exception {
        Gazetteer gazetteer = GazetteerLoader.load(Path.of(args.length > 0 ? args[0] : "config/gazetteer"));
        rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        CandidateMiner miner = new CandidateMiner(gazetteer, MineSettings.defaults());
        String unit = "Huawei Nairobi ";
        gazetteer.mentions(unit.repeat(4_000)); // warm-up
        miner.mine(new MinableDocument("", unit.repeat(4_000), null, "en"));
        System.out.printf(Locale.ROOT, "median of %d runs%n%n", rounds);
        System.out.println("| input | chars | Gazetteer.mentions ms | CandidateMiner.mine ms |");
        System.out.println("|---|---:|---:|---:|");
        for (int kb : new int[] {512, 1024, 2048}) {
            String text = unit.repeat(kb * 1024 / unit.length());
            row("\"Huawei Nairobi \" x " + String.format(Locale.ROOT, "%,d", text.length() / unit.length()) + " (" + kb + " KB)", text, gazetteer, miner);
        }
        String longest = "Macao Special Administrative Region of the People's Republic of China";
        String walk = (longest.substring(0, longest.length() - 1) + " ").repeat(2 * 1024 * 1024 / longest.length());
        row("longest place name less its last letter, repeated (2 MB)", walk, gazetteer, miner);

        try (DocumentExtractor extractor = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(seconds), 2_000_000, false))) {
            byte[] xlsx = xlsx("Huawei Nairobi", 2 * 1024 * 1024 / 15);
            ExtractedText[] t = new ExtractedText[1];
            double extract = time(() -> t[0] = extractor.extract(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "https://x.example/a.xlsx"));
            System.out.printf(Locale.ROOT, "%nXLSX of %,d rows (%,d bytes): extraction %,.0f ms (text %,d chars)%n", 2 * 1024 * 1024 / 15, xlsx.length, extract,
                    t[0] == null ? -1 : t[0].text().length());
            if (t[0] != null) row("that XLSX's text", t[0].title() + "\n" + t[0].text(), gazetteer, miner);

            System.out.println();
            System.out.println("| page | extraction ms | outcome |");
            System.out.println("|---|---:|---|");
            for (String tag : new String[] {"div", "b"}) {
                String page = "<html><body>" + ("<" + tag + ">").repeat(100_000) + "Huawei opened a lab in Nairobi."
                        + ("</" + tag + ">").repeat(100_000) + "</body></html>";
                String[] outcome = new String[1];
                double ms = time(() -> {
                    try {
                        outcome[0] = "text of " + extractor.extract(page.getBytes(StandardCharsets.UTF_8), "text/html", "https://x.example/").text().length() + " chars";
                    } catch (Exception e) {
                        outcome[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
                    }
                    return null;
                });
                System.out.printf(Locale.ROOT, "| 100,000 nested <%s> | %,.0f | %s |%n", tag, ms, outcome[0]);
            }
        }
    }

    static void row(String name, String text, Gazetteer gazetteer, CandidateMiner miner) throws Exception {
        double mentions = time(() -> gazetteer.mentions(text));
        double mine = time(() -> miner.mine(new MinableDocument("", text, null, "en")));
        System.out.printf(Locale.ROOT, "| %s | %,d | %,.0f | %,.0f |%n", name, text.length(), mentions, mine);
    }

    /** Median wall-clock milliseconds of ROUNDS runs. */
    static double time(Callable<?> work) throws Exception {
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            work.call();
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return ms[rounds / 2];
    }

    /** An XLSX whose one sheet has {@code rows} rows of one inline-string cell. */
    static byte[] xlsx(String cell, int rows) throws Exception {
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            String[][] parts = {
                    {"[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"},
                    {"_rels/.rels", rels + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
                    {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                            + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                    {"xl/_rels/workbook.xml.rels", rels + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"}};
            for (String[] p : parts) {
                z.putNextEntry(new ZipEntry(p[0]));
                z.write(p[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            z.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    .getBytes(StandardCharsets.UTF_8));
            byte[] row = ("<row><c t=\"inlineStr\"><is><t>" + cell + "</t></is></c></row>").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < rows; i++) z.write(row);
            z.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
