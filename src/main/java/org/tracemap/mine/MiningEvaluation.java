package org.tracemap.mine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tracemap.extract.DocumentExtractor;
import org.tracemap.extract.ExtractedText;
import org.tracemap.extract.ExtractionException;

/**
 * Scores the miner against a labelled corpus ({@code src/test/resources/mine/corpus}, format in its
 * README): each page goes through the real extract stage and the miner, and its proposals are compared with
 * the labelled data points as (company, category, country) triples. Precision is the share of proposals
 * that a label backs; recall the share of labels that were proposed. The city and the year are reported
 * but not scored: a reviewer fixes those in seconds, a missed data point is never seen.
 */
public final class MiningEvaluation {
    /** One page's outcome: the triples the labels expect, the ones the miner proposed, and any extraction error. */
    public record PageResult(String file, String split, Set<String> expected, Set<String> proposed, List<MinedCandidate> candidates, String error) {
        public Set<String> missed() {
            Set<String> m = new TreeSet<>(expected);
            m.removeAll(proposed);
            return m;
        }

        public Set<String> spurious() {
            Set<String> s = new TreeSet<>(proposed);
            s.removeAll(expected);
            return s;
        }
    }

    /** Micro-averaged over every triple of the pages in the report. */
    public record Report(List<PageResult> pages) {
        public int expected() {
            return pages.stream().mapToInt(p -> p.expected().size()).sum();
        }

        public int proposed() {
            return pages.stream().mapToInt(p -> p.proposed().size()).sum();
        }

        public int correct() {
            return pages.stream().mapToInt(p -> p.expected().size() - p.missed().size()).sum();
        }

        public double precision() {
            return proposed() == 0 ? 1.0 : (double) correct() / proposed();
        }

        public double recall() {
            return expected() == 0 ? 1.0 : (double) correct() / expected();
        }

        public Report only(String split) {
            return new Report(pages.stream().filter(p -> p.split().equals(split)).toList());
        }
    }

    private final DocumentExtractor extractor;
    private final CandidateMiner miner;

    public MiningEvaluation(DocumentExtractor extractor, CandidateMiner miner) {
        this.extractor = extractor;
        this.miner = miner;
    }

    /** Runs every labelled page of {@code split} (null: all). */
    public Report run(Path corpus, String split) throws IOException {
        Map<String, String> splits = new LinkedHashMap<>();
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(corpus.resolve("labels.tsv"), StandardCharsets.UTF_8);
        if (lines.isEmpty()) throw new IOException(corpus.resolve("labels.tsv") + " is empty");
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split("\t", -1));
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            String file = field(header, f, "file");
            if (file.isEmpty()) throw new IOException("labels.tsv line " + (n + 1) + ": no file");
            splits.putIfAbsent(file, field(header, f, "split"));
            Set<String> triples = expected.computeIfAbsent(file, k -> new LinkedHashSet<>());
            String company = field(header, f, "company");
            if (!company.isEmpty()) {
                triples.add(triple(company, field(header, f, "category"), field(header, f, "country")));
            }
        }
        List<PageResult> pages = new ArrayList<>();
        for (Map.Entry<String, String> e : splits.entrySet()) {
            if (split != null && !split.equals(e.getValue())) continue;
            pages.add(score(corpus, e.getKey(), e.getValue(), expected.get(e.getKey())));
        }
        return new Report(pages);
    }

    private PageResult score(Path corpus, String file, String split, Set<String> expected) throws IOException {
        Path page = corpus.resolve(file);
        if (!Files.exists(page)) throw new IOException("labels.tsv names " + file + ", which is not in " + corpus);
        Set<String> proposed = new TreeSet<>();
        List<MinedCandidate> candidates = new ArrayList<>();
        String error = null;
        try {
            ExtractedText text = extractor.extract(Files.readAllBytes(page), contentType(file), "http://corpus.invalid/" + file);
            for (MinedCandidate c : miner.mine(new MinableDocument(text.title(), text.text(), text.published(), text.lang()))) {
                proposed.add(triple(c.company(), c.category(), c.country()));
                candidates.add(c);
            }
        } catch (ExtractionException ex) {
            error = ex.getMessage();
        }
        return new PageResult(file, split, expected, proposed, candidates, error);
    }

    /** The triple a candidate is scored as. */
    public static String triple(MinedCandidate c) {
        return triple(c.company(), c.category(), c.country());
    }

    private static String triple(String company, String category, String country) {
        return company + " × " + category + " × " + country.toUpperCase(Locale.ROOT);
    }

    private static String field(List<String> header, String[] values, String name) {
        int i = header.indexOf(name);
        return i < 0 || i >= values.length ? "" : values[i].strip();
    }

    private static String contentType(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".pdf")) return "application/pdf";
        if (f.endsWith(".txt")) return "text/plain; charset=utf-8";
        if (f.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return "text/html";
    }
}
