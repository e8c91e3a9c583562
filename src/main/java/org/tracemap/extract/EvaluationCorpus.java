package org.tracemap.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The pages a main-text evaluation runs on, read from one of two layouts:
 * <ul>
 *   <li>labelled: {@code NAME.html} (or a document), {@code NAME.json} (url, contentType, title, published,
 *       lang, split) and the expected text {@code NAME.txt} — our own sets;</li>
 *   <li>readability: one folder per page with {@code source.html}, {@code expected.html} (Mozilla Readability's
 *       output: a reference, not hand-checked truth) and {@code expected-metadata.json} — real pages nobody here
 *       wrote. A third of them, chosen by a hash of the folder's name, is held out from tuning.</li>
 * </ul>
 */
public final class EvaluationCorpus {
    /**
     * One page and what its extraction should give; a null title, date or language means "not labelled"
     * (the readability set does not say), except that {@code datePresent} tells a labelled "no date".
     */
    public record Page(String name, String split, byte[] document, String contentType, String url, String expectedText,
                       String title, LocalDate published, boolean dateLabelled, String lang) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvaluationCorpus() {}

    /** Reads every page of {@code dir}, in name order; {@code split} "dev", "heldout" or null for all. */
    public static List<Page> read(Path dir, String split) throws IOException {
        List<Page> pages = isReadabilityLayout(dir) ? readability(dir) : labelled(dir);
        return split == null ? pages : pages.stream().filter(p -> p.split().equals(split)).toList();
    }

    static boolean isReadabilityLayout(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> Files.isRegularFile(p.resolve("source.html")));
        }
    }

    private static List<Page> labelled(Path dir) throws IOException {
        List<Path> labels;
        try (Stream<Path> files = Files.list(dir)) {
            labels = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Page> pages = new ArrayList<>();
        for (Path label : labels) {
            String name = label.getFileName().toString().replaceFirst("\\.json$", "");
            Path doc = findDocument(dir, name);
            Path expected = dir.resolve(name + ".txt");
            if (doc == null || !Files.exists(expected)) continue;
            JsonNode meta = JSON.readTree(label.toFile());
            String published = text(meta, "published");
            pages.add(new Page(name, meta.path("split").asText("dev"), Files.readAllBytes(doc), text(meta, "contentType"),
                    meta.path("url").asText(doc.toUri().toString()), Files.readString(expected, StandardCharsets.UTF_8),
                    text(meta, "title"), published == null ? null : LocalDate.parse(published), true, text(meta, "lang")));
        }
        return pages;
    }

    private static List<Page> readability(Path dir) throws IOException {
        List<Path> folders;
        try (Stream<Path> entries = Files.list(dir)) {
            folders = entries.filter(p -> Files.isRegularFile(p.resolve("source.html")) && Files.isRegularFile(p.resolve("expected.html")))
                    .sorted().toList();
        }
        List<Page> pages = new ArrayList<>();
        for (Path folder : folders) {
            String name = folder.getFileName().toString();
            JsonNode meta = Files.exists(folder.resolve("expected-metadata.json"))
                    ? JSON.readTree(folder.resolve("expected-metadata.json").toFile()) : JSON.createObjectNode();
            LocalDate published = day(text(meta, "publishedTime"));
            pages.add(new Page(name, splitOf(name), Files.readAllBytes(folder.resolve("source.html")), "text/html",
                    "http://fakehost/test/page.html", textOf(Files.readString(folder.resolve("expected.html"), StandardCharsets.UTF_8)),
                    text(meta, "title"), published, published != null, text(meta, "lang")));
        }
        return pages;
    }

    /** Held out: the third of the pages whose name hashes to 0 mod 3 (stable, and blind to what the page holds). */
    static String splitOf(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 3 == 0 ? "heldout" : "dev";
    }

    /** The text of an expected-output HTML fragment: its blocks as paragraphs. */
    static String textOf(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        return doc.body().wholeText().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" *\\n[ \\n]*", "\n").strip();
    }

    /** The day of an ISO date or date-time ("2018-04-05T06:00", "2018-04-05"), or null. */
    static LocalDate day(String value) {
        if (value == null || value.length() < 10) return null;
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) && !node.get(field).asText().isBlank() ? node.get(field).asText() : null;
    }

    private static Path findDocument(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith(name + ".") && !f.endsWith(".json") && !f.endsWith(".txt");
            }).findFirst().orElse(null);
        }
    }
}
