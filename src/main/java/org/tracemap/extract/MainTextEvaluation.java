package org.tracemap.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Scores the extractor on a corpus ({@link EvaluationCorpus}): for each page the main text's 4-gram-shingle
 * precision, recall and F1 ({@link ShingleScore}), and whether title, publication day and language match where
 * the corpus says what they should be. Over a set, precision and recall are the means over pages and F1 their
 * harmonic mean, as the article-extraction benchmark reports them.
 */
public final class MainTextEvaluation {
    /** One page's score; a null title, date or language check means the corpus does not label it. */
    public record PageScore(String name, String split, ShingleScore text, Boolean titleOk, Boolean dateOk, Boolean langOk,
                            String error, String gotTitle, String wantTitle) {
        public double f1() {
            return text.f1();
        }
    }

    /** All pages, and the set's figures. */
    public record Report(List<PageScore> pages) {
        public double precision() {
            return pages.stream().filter(p -> p.text().tp() + p.text().fp() > 0).mapToDouble(p -> p.text().precision()).average().orElse(0);
        }

        public double recall() {
            return pages.stream().filter(p -> p.text().tp() + p.text().fn() > 0).mapToDouble(p -> p.text().recall()).average().orElse(0);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /** The share of labelled pages whose check passed, and how many were labelled. */
        public double share(Function<PageScore, Boolean> check) {
            long labelled = pages.stream().map(check).filter(Objects::nonNull).count();
            return labelled == 0 ? Double.NaN : (double) pages.stream().map(check).filter(Boolean.TRUE::equals).count() / labelled;
        }

        public long labelled(Function<PageScore, Boolean> check) {
            return pages.stream().map(check).filter(Objects::nonNull).count();
        }

        /** The {@code n} pages with the lowest F1, worst first. */
        public List<PageScore> worst(int n) {
            return pages.stream().sorted(Comparator.comparingDouble(PageScore::f1)).limit(n).toList();
        }
    }

    private final DocumentExtractor extractor;

    public MainTextEvaluation(DocumentExtractor extractor) {
        this.extractor = extractor;
    }

    /** @param split "dev", "heldout" or null for all pages */
    public Report run(Path corpus, String split) throws IOException {
        List<PageScore> scores = new ArrayList<>();
        for (EvaluationCorpus.Page page : EvaluationCorpus.read(corpus, split)) scores.add(score(page));
        return new Report(scores);
    }

    private PageScore score(EvaluationCorpus.Page page) {
        try {
            ExtractedText got = extractor.extract(page.document(), page.contentType(), page.url());
            Boolean titleOk = page.title() == null ? null : normalize(got.title()).equals(normalize(page.title()));
            Boolean dateOk = !page.dateLabelled() ? null : Objects.equals(page.published(), got.published());
            Boolean langOk = page.lang() == null ? null : primary(page.lang()).equals(primary(got.lang()));
            return new PageScore(page.name(), page.split(), ShingleScore.of(got.text(), page.expectedText()), titleOk, dateOk, langOk,
                    null, got.title(), page.title());
        } catch (ExtractionException e) {
            return new PageScore(page.name(), page.split(), ShingleScore.of("", page.expectedText()), page.title() == null ? null : false,
                    page.dateLabelled() ? false : null, page.lang() == null ? null : false, e.getMessage(), null, page.title());
        }
    }

    private static String primary(String lang) {
        if (lang == null) return "";
        String l = lang.toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = l.indexOf('-');
        return dash < 0 ? l : l.substring(0, dash);
    }

    private static String normalize(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\p{Z}]+", " ").strip().toLowerCase(Locale.ROOT); // U+3000 is a space too
    }
}
