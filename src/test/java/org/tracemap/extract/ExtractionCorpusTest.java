package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.tracemap.Goldens;

/**
 * The labelled corpus in {@code src/test/resources/extract} (see its README): main-text F1 must stay at
 * or above the 0.92 target on both splits, and documents extract to their golden text.
 */
class ExtractionCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/extract/corpus");
    private static final Path DOCS = Path.of("src/test/resources/extract/docs");
    private static final Path ZH = Path.of("src/test/resources/extract/zh-corpus");
    private static final Path READABILITY = Path.of("../shared/corpora/readability-test-pages");
    private static final DocumentExtractor EXTRACTOR = new DocumentExtractor(new ExtractSettings(Duration.ofSeconds(30), 2_000_000, false));

    @AfterAll
    static void close() {
        EXTRACTOR.close();
    }

    @Test
    void heldOutPagesMeetTheMainTextTarget() throws Exception {
        MainTextEvaluation.Report report = new MainTextEvaluation(EXTRACTOR).run(CORPUS, "heldout");
        assertThat(report.pages()).hasSize(12).allSatisfy(p -> assertThat(p.error()).isNull());
        assertThat(report.f1()).isGreaterThanOrEqualTo(0.92);
        assertThat(report.share(MainTextEvaluation.PageScore::langOk)).isEqualTo(1.0);
        assertThat(report.share(MainTextEvaluation.PageScore::dateOk)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void devPagesMeetTheMainTextTarget() throws Exception {
        MainTextEvaluation.Report report = new MainTextEvaluation(EXTRACTOR).run(CORPUS, "dev");
        assertThat(report.pages()).hasSize(20);
        assertThat(report.f1()).isGreaterThanOrEqualTo(0.92);
        assertThat(report.pages()).allSatisfy(p -> assertThat(p.f1()).as(p.name()).isGreaterThanOrEqualTo(0.8));
        assertThat(report.share(MainTextEvaluation.PageScore::titleOk)).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void chinesePageStructuresMeetTheMainTextTargetOnBothSplits() throws Exception {
        for (String split : new String[] {"dev", "heldout"}) {
            MainTextEvaluation.Report report = new MainTextEvaluation(EXTRACTOR).run(ZH, split);
            assertThat(report.pages()).as(split).hasSize(split.equals("dev") ? 24 : 12).allSatisfy(p -> assertThat(p.error()).isNull());
            assertThat(report.f1()).as(split + " F1").isGreaterThanOrEqualTo(0.95);
            assertThat(report.share(MainTextEvaluation.PageScore::langOk)).as(split + " language").isEqualTo(1.0);
            assertThat(report.share(MainTextEvaluation.PageScore::dateOk)).as(split + " date").isGreaterThanOrEqualTo(0.9);
            assertThat(report.share(MainTextEvaluation.PageScore::titleOk)).as(split + " title").isGreaterThanOrEqualTo(0.8);
        }
    }

    /** The real pages of ../shared (when the checkout has them beside it, as CI does): a floor under the dev figures. */
    @Test
    void realPagesKeepTheirDevFigures() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(READABILITY), "no ../shared/corpora beside this checkout");
        MainTextEvaluation.Report report = new MainTextEvaluation(EXTRACTOR).run(READABILITY, "dev");
        assertThat(report.pages()).hasSizeGreaterThan(60);
        assertThat(report.f1()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(report.share(MainTextEvaluation.PageScore::titleOk)).isGreaterThanOrEqualTo(0.93);
        assertThat(report.share(MainTextEvaluation.PageScore::langOk)).isGreaterThanOrEqualTo(0.93);
    }

    @Test
    void pdfTenderExtractsToItsGoldenTextWithTitleAndDate() throws Exception {
        ExtractedText t = EXTRACTOR.extract(Files.readAllBytes(DOCS.resolve("tender-notice.pdf")), "application/pdf", "https://x.example/tender.pdf");
        assertThat(t.title()).isEqualTo("Supply of CCTV Surveillance Equipment for the Safe City Project");
        assertThat(t.published()).isEqualTo(LocalDate.of(2022, 6, 14));
        assertThat(t.lang()).isEqualTo("en");
        Goldens.assertMatches("extract/golden/tender-notice.pdf.txt", t.text());
    }

    @Test
    void docxExtractsToItsGoldenText() throws Exception {
        ExtractedText t = EXTRACTOR.extract(Files.readAllBytes(DOCS.resolve("mou-announcement.docx")), null, "https://x.example/mou.docx");
        assertThat(t.title()).isEqualTo("ICT Authority and Huawei sign MoU on digital skills and smart schools");
        assertThat(t.published()).isEqualTo(LocalDate.of(2022, 11, 8));
        Goldens.assertMatches("extract/golden/mou-announcement.docx.txt", t.text());
    }

    @Test
    void gbkPageWithoutDeclarationExtractsToItsGoldenText() throws Exception {
        Path page = Files.list(CORPUS).filter(p -> p.toString().endsWith(".html")).filter(p -> {
            try {
                String meta = Files.readString(Path.of(p.toString().replace(".html", ".json")));
                return meta.contains("\"contentType\": \"text/html\"") && !Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase().contains("charset");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).findFirst().orElseThrow();
        ExtractedText t = EXTRACTOR.extract(Files.readAllBytes(page), "text/html", "https://x.example/");
        assertThat(t.lang()).isEqualTo("zh");
        Goldens.assertMatches("extract/golden/" + page.getFileName() + ".txt", t.text());
    }

    @Test
    void encryptedAndBrokenDocumentsEndAsClearErrors() {
        assertThatThrownBy(() -> EXTRACTOR.extract(Files.readAllBytes(DOCS.resolve("encrypted.pdf")), "application/pdf", "https://x.example/e.pdf"))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> EXTRACTOR.extract(Files.readAllBytes(DOCS.resolve("broken.pdf")), "application/pdf", "https://x.example/b.pdf"))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("could not be parsed");
    }
}
