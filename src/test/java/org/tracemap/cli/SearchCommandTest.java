package org.tracemap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tracemap.index.IndexedDocument;
import org.tracemap.index.LuceneIndex;

/** {@code tracemap search}: the terminal gets plain text, the highlights in brackets; {@code --json} is the API's answer. */
class SearchCommandTest {
    @TempDir
    Path archive;

    @Test
    void snippetsArePrintedAsPlainTextWithTheHighlightsInBrackets() throws Exception {
        try (LuceneIndex index = new LuceneIndex(archive.resolve("index"))) {
            index.index(new IndexedDocument("s1", "c1", "https://news.example.org/a", "news.example.org", "Kenya's network",
                    "Kenya's operator & its partners said \"the <b>second</b> phase\" covers 4G/5G sites in Kenya.", "en",
                    Instant.parse("2026-01-01T00:00:00Z"), "20260101000000", null, "text/html"));
            index.commit();
        }
        String text = search("Kenya");
        assertThat(text).contains("[Kenya's] operator & its partners said \"the <b>second</b> phase\" covers 4G/5G sites in [Kenya].")
                .doesNotContain("&#x27;", "&amp;", "&quot;", "&lt;", "&#x2F;", "<mark>");
        assertThat(search("Kenya", "--json")).as("JSON as the API gives it: escaped HTML").contains("&#x27;s", "<mark>Kenya</mark>");
    }

    private String search(String... args) throws Exception {
        PrintStream was = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 3];
            all[0] = "search";
            all[1] = "--archive";
            all[2] = archive.toString();
            System.arraycopy(args, 0, all, 3, args.length);
            assertThat(TracemapCommand.commandLine().execute(all)).isZero();
        } finally {
            System.setOut(was);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
