package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile documents at extraction (issue 9): each ends with a result or a clear reason within the time limit,
 * never a stack overflow, an out-of-memory or a hang. The fixtures are built here, at run time.
 */
class HostileDocumentTest {
    /** Generous: the million-link page takes ~8 s alone on a 2-core machine and hit 20 s with three builds running. */
    private static final Duration LIMIT = Duration.ofSeconds(45);
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String ARTICLE = "<!doctype html><html><head><title>Huawei lab | Wire</title></head><body>"
            + "<nav><a href=\"/\">Home</a> <a href=\"/tech\">Tech</a> <a href=\"/biz\">Business</a></nav>"
            + "<article><p>Huawei opened a research lab in Nairobi, Kenya, the company said on Friday, with thirty engineers.</p>"
            + "<p>The lab will work on 5G networks with two universities, according to the company.</p></article>"
            + "<footer><p>© 2024 Wire. All rights reserved.</p></footer></body></html>";

    private final DocumentExtractor extractor = new DocumentExtractor(new ExtractSettings(LIMIT, 2_000_000, false));

    @AfterEach
    void close() {
        extractor.close();
    }

    private ExtractedText extract(byte[] body, String contentType) throws ExtractionException {
        long start = System.nanoTime();
        try {
            return extractor.extract(body, contentType, "https://hostile.example/doc");
        } finally {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("within the time limit").isLessThan(LIMIT);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // --- 100,000 nested elements ---------------------------------------------------------------------------

    private static String nested(String open, String close, String inner) {
        return "<html><body>" + open.repeat(100_000) + inner + close.repeat(100_000) + "</body></html>";
    }

    @Test
    void hundredThousandNestedDivsEndWithTheirTextNotAStackOverflow() throws Exception {
        ExtractedText t = extract(utf8(nested("<div>", "</div>", "x")), "text/html");
        assertThat(t.text()).isEqualTo("x");
        assertThat(t.notes()).containsExactly("the page nests elements more than 512 deep: its whole text is kept, not just its main text");
    }

    @Test
    void hundredThousandNestedInlineElementsEndWithTheirText() throws Exception {
        ExtractedText t = extract(utf8(nested("<b>", "</b>", "Huawei opened a lab in Nairobi.")), "text/html");
        assertThat(t.text()).isEqualTo("Huawei opened a lab in Nairobi.");
    }

    @Test
    void deepNestingWithTextAtEveryLevelKeepsTheWholeTextInLinearTime() throws Exception {
        // Scoring every level's container costs depth × size: 100,000 <span>s or <blockquote>s ran past a 60 s limit.
        for (String tag : new String[] {"span", "blockquote", "div"}) {
            ExtractedText t = extract(utf8(nested("<" + tag + ">Level text, with commas, and more words. ", "</" + tag + ">", "end")), "text/html");
            assertThat(t.text()).as(tag).startsWith("Level text, with commas, and more words.").hasSize(2_000_000);
            assertThat(t.truncated()).isTrue();
            assertThat(t.notes()).containsExactly("the page nests elements more than 512 deep: its whole text is kept, not just its main text");
        }
    }

    // --- Zip bombs in Office documents -------------------------------------------------------------------------

    @Test
    void aZipBombInADocxIsRefusedNamingTheLimit() {
        byte[] docx = docx("<w:p/>", 300L << 20); // 4 MB that unpacks to 300 MB of empty paragraphs
        assertThatThrownBy(() -> extract(docx, DOCX)).isInstanceOf(ExtractionException.class).hasMessage(
                "the document's parts unpack to more than 256 MB (tracemap.extract.max-unpacked-bytes; at word/document.xml): not extracted, it may be a zip bomb");
    }

    @Test
    void aZipBombInAnXlsxIsRefusedNamingTheLimit() {
        byte[] xlsx = xlsx("<row><c t=\"inlineStr\"><is><t>Huawei Nairobi</t></is></c></row>", 300L << 20);
        assertThatThrownBy(() -> extract(xlsx, XLSX)).isInstanceOf(ExtractionException.class)
                .hasMessageStartingWith("the document's parts unpack to more than 256 MB (tracemap.extract.max-unpacked-bytes; at xl/worksheets/sheet1.xml)");
    }

    @Test
    void aZipBombInsideAZipIsSkippedWhileTheRestIsRead() throws Exception {
        byte[] outer = zip(new String[][] {{"readme.txt", "Huawei opened a lab in Nairobi."}}, "inner.docx", docx("<w:p/>", 300L << 20));
        ExtractedText t = extract(outer, "application/zip");
        assertThat(t.text()).contains("Huawei opened a lab in Nairobi.");
    }

    @Test
    void anOrdinaryDocxStillExtracts() throws Exception {
        byte[] docx = docx("<w:p><w:r><w:t>Huawei opened a lab in Nairobi.</w:t></w:r></w:p>", 1_000);
        assertThat(extract(docx, DOCX).text()).startsWith("Huawei opened a lab in Nairobi.");
    }

    // --- Size, links, wrong types, wrong charsets -----------------------------------------------------------------

    @Test
    void fiftyMegabytesOfTextEndCutAtTheTextLimitWithABoundedTitle() throws Exception {
        String text = "Huawei Nairobi data centre. ".repeat(50 * 1024 * 1024 / 28);
        for (String type : new String[] {"text/plain", "text/html"}) {
            byte[] body = utf8(type.equals("text/html") ? "<html><body><p>" + text + "</p></body></html>" : text);
            ExtractedText t = extract(body, type);
            assertThat(t.text()).as(type).hasSize(2_000_000);
            assertThat(t.truncated()).isTrue();
            assertThat(t.title().length()).as(type).isLessThanOrEqualTo(DocumentExtractor.MAX_TITLE_CHARS);
        }
    }

    @Test
    void aMillionLinksAreCutAtTheLinkLimitWithANote() throws Exception {
        StringBuilder page = new StringBuilder("<html><body><p>An index of everything.</p>");
        for (int i = 0; i < 1_000_000; i++) page.append("<a href=\"/p/").append(i).append("\">").append(i).append("</a> ");
        ExtractedText t = extract(utf8(page.append("</body></html>").toString()), "text/html");
        assertThat(t.outlinks()).hasSize(10_000).startsWith("https://hostile.example/p/0").doesNotHaveDuplicates();
        assertThat(t.notes()).containsExactly("kept the first 10,000 links; 990,000 more link elements were not read (tracemap.extract.max-links)");
    }

    @Test
    void htmlServedAsPdfIsReadAsHtml() throws Exception {
        ExtractedText asPdf = extract(utf8(ARTICLE), "application/pdf");
        ExtractedText asHtml = extract(utf8(ARTICLE), "text/html");
        assertThat(asPdf.text()).isEqualTo(asHtml.text()).startsWith("Huawei opened a research lab").doesNotContain("Home").doesNotContain("rights reserved");
        assertThat(asPdf.title()).isEqualTo(asHtml.title()).startsWith("Huawei lab");
    }

    @Test
    void pdfServedAsHtmlIsReadAsPdf() throws Exception {
        byte[] pdf = Files.readAllBytes(Path.of("src/test/resources/extract/docs/tender-notice.pdf"));
        ExtractedText t = extract(pdf, "text/html; charset=utf-8");
        assertThat(t.text()).contains("TENDER NOTICE").contains("Kisumu");
        assertThat(t.title()).startsWith("Supply of CCTV Surveillance Equipment");
    }

    @Test
    void anUnknownOrMalformedCharsetNameFallsBackToTheBytes() throws Exception {
        for (String type : new String[] {"text/html; charset=x-no-such-charset", "text/html; charset=\"utf 8?!\"", "text/html; charset=",
                "text/html; charset=" + "x".repeat(5_000)}) {
            assertThat(extract(utf8(ARTICLE), type).text()).as(type).startsWith("Huawei opened a research lab in Nairobi");
        }
        for (String type : new String[] {"text/plain; charset=x-no-such-charset", "text/plain; charset=\"utf 8?!\""}) {
            assertThat(extract(utf8("Huawei opened a lab in Nairobi."), type).text()).as(type).isEqualTo("Huawei opened a lab in Nairobi.");
        }
        byte[] pdf = Files.readAllBytes(Path.of("src/test/resources/extract/docs/tender-notice.pdf"));
        assertThat(extract(pdf, "application/pdf; charset=@@").text()).contains("TENDER NOTICE");
    }

    // --- Fixtures ---------------------------------------------------------------------------------------------------

    private static final String TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>";
    private static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";

    /** A DOCX whose body repeats {@code paragraph} until it is about {@code bytes} long. */
    static byte[] docx(String paragraph, long bytes) {
        return zip(new String[][] {
                {"[Content_Types].xml", TYPES + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
                {"_rels/.rels", RELS + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"}},
                "word/document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
                paragraph, bytes, "</w:body></w:document>");
    }

    /** An XLSX whose one sheet repeats {@code row} until it is about {@code bytes} long. */
    static byte[] xlsx(String row, long bytes) {
        return zip(new String[][] {
                {"[Content_Types].xml", TYPES + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>"},
                {"_rels/.rels", RELS + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
                {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                {"xl/_rels/workbook.xml.rels", RELS + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"}},
                "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
                row, bytes, "</sheetData></worksheet>");
    }

    private static byte[] zip(String[][] small, String bigName, String head, String unit, long bytes, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.setLevel(1);
            for (String[] e : small) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(utf8(e[1]));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(bigName));
            z.write(utf8(head));
            int perBlock = Math.max(1, 65_536 / unit.length());
            byte[] block = utf8(unit.repeat(perBlock));
            long units = Math.max(1, bytes / unit.length());
            for (long i = 0; i < units / perBlock; i++) z.write(block);
            for (long i = 0; i < units % perBlock; i++) z.write(utf8(unit));
            z.write(utf8(tail));
            z.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String[][] small, String name, byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String[] e : small) {
                z.putNextEntry(new ZipEntry(e[0]));
                z.write(utf8(e[1]));
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return out.toByteArray();
    }
}
