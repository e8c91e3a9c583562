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
 * Scores the miner against a labelled corpus (format in {@code src/test/resources/mine/corpus/README.md}):
 * each page goes through the real extract stage and the miner, and its proposals are compared with the
 * labelled data points as (company, category, country) triples. A label may accept several categories
 * ({@code 5g|telecom-ict-project}) when the text is genuinely ambiguous; it is matched once, and a second
 * proposal for the same fact under another of its categories counts as spurious (a reviewer must merge it).
 * Precision is the share of proposals a label backs, recall the share of labels proposed. City and year are
 * not scored: a reviewer fixes those in seconds, a missed data point is never seen.
 */
public final class MiningEvaluation {
    /** A labelled data point: the categories it accepts, preferred first. */
    public record Label(String company, List<String> categories, String country) {
        boolean accepts(String company, String category, String country) {
            return this.company.equals(company) && categories.contains(category) && this.country.equalsIgnoreCase(country);
        }

        @Override
        public String toString() {
            return triple(company, String.join("|", categories), country);
        }
    }

    /** One page's outcome: its labels, the triples the miner proposed, and any extraction error. */
    public record PageResult(String file, String split, List<Label> labels, Set<String> proposed, List<MinedCandidate> candidates, String error,
                             Map<Label, String> matches) {
        PageResult(String file, String split, List<Label> labels, Set<String> proposed, List<MinedCandidate> candidates, String error) {
            this(file, split, labels, proposed, candidates, error, Map.copyOf(match(labels, candidates)));
        }

        /** Labels and proposals paired one to one: preferred categories first, then the alternatives. */
        private static Map<Label, String> match(List<Label> labels, List<MinedCandidate> candidates) {
            Map<Label, String> matched = new LinkedHashMap<>();
            for (boolean preferredOnly : new boolean[] {true, false}) {
                for (MinedCandidate c : candidates) {
                    String t = triple(c);
                    if (matched.containsValue(t)) continue;
                    for (Label l : labels) {
                        if (!matched.containsKey(l) && l.accepts(c.company(), c.category(), c.country())
                                && (!preferredOnly || l.categories().get(0).equals(c.category()))) {
                            matched.put(l, t);
                            break;
                        }
                    }
                }
            }
            return matched;
        }

        public int correct() {
            return matches.size();
        }

        public Set<String> missed() {
            Map<Label, String> m = matches;
            Set<String> missed = new TreeSet<>();
            for (Label l : labels) if (!m.containsKey(l)) missed.add(l.toString());
            return missed;
        }

        public Set<String> spurious() {
            Set<String> s = new TreeSet<>(proposed);
            s.removeAll(matches.values());
            return s;
        }

        /** The looser reading: page × company × country, whatever the category. */
        Set<String> expectedPairs() {
            Set<String> pairs = new TreeSet<>();
            for (Label l : labels) pairs.add(l.company() + " × " + l.country().toUpperCase(Locale.ROOT));
            return pairs;
        }

        Set<String> proposedPairs() {
            Set<String> pairs = new TreeSet<>();
            for (MinedCandidate c : candidates) pairs.add(c.company() + " × " + c.country().toUpperCase(Locale.ROOT));
            return pairs;
        }
    }

    /** Micro-averaged over every data point of the pages in the report. */
    public record Report(List<PageResult> pages) {
        public int expected() {
            return pages.stream().mapToInt(p -> p.labels().size()).sum();
        }

        public int proposed() {
            return pages.stream().mapToInt(p -> p.proposed().size()).sum();
        }

        public int correct() {
            return pages.stream().mapToInt(PageResult::correct).sum();
        }

        public double precision() {
            return proposed() == 0 ? 1.0 : (double) correct() / proposed();
        }

        public double recall() {
            return expected() == 0 ? 1.0 : (double) correct() / expected();
        }

        /** Precision counting company × country pairs only (the category ignored). */
        public double pairPrecision() {
            int proposed = 0, correct = 0;
            for (PageResult p : pages) {
                Set<String> expected = p.expectedPairs();
                for (String pair : p.proposedPairs()) {
                    proposed++;
                    if (expected.contains(pair)) correct++;
                }
            }
            return proposed == 0 ? 1.0 : (double) correct / proposed;
        }

        /** Recall counting company × country pairs only (the category ignored). */
        public double pairRecall() {
            int expected = 0, correct = 0;
            for (PageResult p : pages) {
                Set<String> proposed = p.proposedPairs();
                for (String pair : p.expectedPairs()) {
                    expected++;
                    if (proposed.contains(pair)) correct++;
                }
            }
            return expected == 0 ? 1.0 : (double) correct / expected;
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
        Map<String, List<Label>> labels = new LinkedHashMap<>();
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
            List<Label> page = labels.computeIfAbsent(file, k -> new ArrayList<>());
            String company = field(header, f, "company");
            if (company.isEmpty()) continue;
            Set<String> categories = new LinkedHashSet<>();
            for (String c : field(header, f, "category").split("\\|")) if (!c.isBlank()) categories.add(c.strip());
            String country = field(header, f, "country");
            if (categories.isEmpty() || country.isEmpty()) throw new IOException("labels.tsv line " + (n + 1) + ": a company needs a category and a country");
            page.add(new Label(company, List.copyOf(categories), country.toUpperCase(Locale.ROOT)));
        }
        List<PageResult> pages = new ArrayList<>();
        for (Map.Entry<String, String> e : splits.entrySet()) {
            if (split != null && !split.equals(e.getValue())) continue;
            pages.add(score(corpus, e.getKey(), e.getValue(), labels.get(e.getKey())));
        }
        return new Report(pages);
    }

    private PageResult score(Path corpus, String file, String split, List<Label> labels) throws IOException {
        Path page = corpus.resolve(file);
        if (!Files.exists(page)) throw new IOException("labels.tsv names " + file + ", which is not in " + corpus);
        Set<String> proposed = new TreeSet<>();
        List<MinedCandidate> candidates = new ArrayList<>();
        String error = null;
        try {
            ExtractedText text = extractor.extract(Files.readAllBytes(page), contentType(file), "http://corpus.invalid/" + file);
            for (MinedCandidate c : miner.mine(new MinableDocument(text.title(), text.text(), text.published(), text.lang()))) {
                proposed.add(triple(c));
                candidates.add(c);
            }
        } catch (ExtractionException ex) {
            error = ex.getMessage();
        }
        return new PageResult(file, split, List.copyOf(labels), proposed, List.copyOf(candidates), error);
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
