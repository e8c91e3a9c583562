package org.tracemap.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scores the extractor on a labelled corpus: for each {@code NAME.html} (or document) with its
 * {@code NAME.json} (url, contentType, title, published, lang, split) and expected {@code NAME.txt}, the
 * bag-of-tokens precision, recall and F1 of the main text — the measure article-extraction benchmarks use
 * — with words as tokens for alphabetic text and single characters for Chinese.
 */
public final class MainTextEvaluation {
    /** The score of one page. */
    public record PageScore(String name, String split, double precision, double recall, double f1,
                            boolean titleOk, boolean dateOk, boolean langOk, String error) {}

    /** All pages, and the means over them. */
    public record Report(List<PageScore> pages) {
        public double meanF1() {
            return pages.stream().mapToDouble(PageScore::f1).average().orElse(0);
        }

        public double meanPrecision() {
            return pages.stream().mapToDouble(PageScore::precision).average().orElse(0);
        }

        public double meanRecall() {
            return pages.stream().mapToDouble(PageScore::recall).average().orElse(0);
        }

        public double share(java.util.function.Predicate<PageScore> ok) {
            return pages.isEmpty() ? 0 : (double) pages.stream().filter(ok).count() / pages.size();
        }
    }

    private final DocumentExtractor extractor;
    private final ObjectMapper json = new ObjectMapper();

    public MainTextEvaluation(DocumentExtractor extractor) {
        this.extractor = extractor;
    }

    /** @param split "dev", "heldout" or null for all pages */
    public Report run(Path corpus, String split) throws IOException {
        List<PageScore> scores = new ArrayList<>();
        List<Path> labels;
        try (Stream<Path> files = Files.list(corpus)) {
            labels = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path label : labels) {
            String name = label.getFileName().toString().replaceFirst("\\.json$", "");
            JsonNode meta = json.readTree(label.toFile());
            String pageSplit = meta.path("split").asText("dev");
            if (split != null && !split.equals(pageSplit)) continue;
            Path doc = findDocument(corpus, name);
            Path expectedFile = corpus.resolve(name + ".txt");
            if (doc == null || !Files.exists(expectedFile)) continue;
            String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
            String contentType = meta.hasNonNull("contentType") ? meta.get("contentType").asText() : null;
            try {
                ExtractedText got = extractor.extract(Files.readAllBytes(doc), contentType, meta.path("url").asText(doc.toUri().toString()));
                double[] prf = prf(tokens(got.text()), tokens(expected));
                String wantDate = meta.hasNonNull("published") ? meta.get("published").asText() : null;
                boolean dateOk = wantDate == null ? got.published() == null : LocalDate.parse(wantDate).equals(got.published());
                boolean titleOk = normalize(got.title()).equals(normalize(meta.path("title").asText()));
                scores.add(new PageScore(name, pageSplit, prf[0], prf[1], prf[2], titleOk, dateOk,
                        meta.path("lang").asText().equals(got.lang()), null));
            } catch (ExtractionException e) {
                scores.add(new PageScore(name, pageSplit, 0, 0, 0, false, false, false, e.getMessage()));
            }
        }
        return new Report(scores);
    }

    private static Path findDocument(Path corpus, String name) throws IOException {
        try (Stream<Path> files = Files.list(corpus)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(name + ".") && !f.endsWith(".json") && !f.endsWith(".txt");
            }).findFirst().orElse(null);
        }
    }

    /** Precision, recall and F1 of {@code got} against {@code expected}, as multisets of tokens. */
    static double[] prf(Map<String, Integer> got, Map<String, Integer> expected) {
        int common = 0;
        for (Map.Entry<String, Integer> e : got.entrySet()) common += Math.min(e.getValue(), expected.getOrDefault(e.getKey(), 0));
        int gotTotal = got.values().stream().mapToInt(Integer::intValue).sum();
        int expectedTotal = expected.values().stream().mapToInt(Integer::intValue).sum();
        if (gotTotal == 0 && expectedTotal == 0) return new double[] {1, 1, 1};
        double p = gotTotal == 0 ? 0 : (double) common / gotTotal;
        double r = expectedTotal == 0 ? 0 : (double) common / expectedTotal;
        return new double[] {p, r, p + r == 0 ? 0 : 2 * p * r / (p + r)};
    }

    /** Words (letters and digits) lower-cased; each CJK character is its own token. */
    static Map<String, Integer> tokens(String text) {
        Map<String, Integer> counts = new HashMap<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (MainTextExtractor.isCjk(c)) {
                flush(word, counts);
                counts.merge(String.valueOf(c), 1, Integer::sum);
            } else if (Character.isLetterOrDigit(c)) {
                word.append(Character.toLowerCase(c));
            } else {
                flush(word, counts);
            }
        }
        flush(word, counts);
        return counts;
    }

    private static void flush(StringBuilder word, Map<String, Integer> counts) {
        if (word.length() > 0) counts.merge(word.toString(), 1, Integer::sum);
        word.setLength(0);
    }

    private static String normalize(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
