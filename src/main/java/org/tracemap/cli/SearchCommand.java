package org.tracemap.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tracemap.archive.ArchiveLayout;
import org.tracemap.config.TracemapConfig;
import org.tracemap.gazetteer.GazetteerLoader;
import org.tracemap.index.LuceneIndex;
import org.tracemap.index.QueryExpander;
import org.tracemap.index.SearchHit;
import org.tracemap.index.SearchQuery;
import org.tracemap.index.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracemap search QUERY [--json]}: full-text search of the archive's index (English and Chinese). */
@Command(name = "search", description = "Search the archived text (English and Chinese).")
final class SearchCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    HelpOption help;

    @Mixin
    ArchiveOptions archive;

    @Parameters(paramLabel = "QUERY", arity = "1", description = "words or a Lucene query, e.g. 'smart city' or '智慧城市'")
    String query;

    @Option(names = "--json", description = "print the result as JSON (as GET /api/search does)")
    boolean json;

    @Option(names = "--lang", description = "only documents in this language (en, zh, ...)")
    String lang;

    @Option(names = "--from", description = "published (or captured) on or after this date (yyyy-MM-dd)")
    LocalDate from;

    @Option(names = "--to", description = "published (or captured) on or before this date (yyyy-MM-dd)")
    LocalDate to;

    @Option(names = "--company", description = "only pages naming this company (gazetteer id, e.g. huawei)")
    String company;

    @Option(names = "--category", description = "only pages with this category's cues (e.g. data-centre)")
    String category;

    @Option(names = "--country", description = "only pages naming this country (ISO alpha-2, e.g. KE)")
    String country;

    @Option(names = "--limit", description = "how many hits (default 20)")
    int limit = 20;

    @Override
    public Integer call() throws Exception {
        TracemapConfig config = archive.config(Map.of());
        Path dir = new ArchiveLayout(Path.of(config.string("tracemap.archive.dir"))).index();
        QueryExpander expander = new QueryExpander(GazetteerLoader.load(config.path("tracemap.mine.gazetteer-dir"))); // as the server searches
        SearchResult result = LuceneIndex.searchCommitted(dir, new SearchQuery(query, lang, null, null, from, to, limit, company, category, country), expander);
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("total", result.total());
            out.put("hits", result.hits());
            out.put("facets", result.facets());
            System.out.println(new ObjectMapper().writeValueAsString(out));
            return 0;
        }
        System.out.println(result.total() + " matching documents");
        for (SearchHit h : result.hits()) {
            System.out.println();
            System.out.println(h.title() + "  [" + h.lang() + ", " + h.timestamp() + "]");
            System.out.println("  " + h.url());
            for (String s : h.snippets()) System.out.println("  … " + plain(s));
        }
        return 0;
    }

    /**
     * A snippet for the terminal: the highlight tags as brackets and the page's own characters as they are.
     * Snippets come HTML-escaped (the API's are shown in a browser, and pages are hostile), so the entities the
     * highlighter writes ({@code &amp; &lt; &gt; &quot; &#x27; &#x2F;}, numeric ones in general) are turned back.
     */
    static String plain(String snippet) {
        String s = snippet.replace("<mark>", "[").replace("</mark>", "]");
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int semi = c == '&' ? s.indexOf(';', i) : -1;
            String decoded = semi > i && semi - i <= 10 ? entity(s.substring(i + 1, semi)) : null;
            if (decoded == null) {
                out.append(c);
            } else {
                out.append(decoded);
                i = semi;
            }
        }
        return out.toString();
    }

    private static String entity(String name) {
        switch (name) {
            case "amp": return "&";
            case "lt": return "<";
            case "gt": return ">";
            case "quot": return "\"";
            case "apos": return "'";
            default:
                try {
                    int cp = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16)
                            : name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1;
                    return Character.isValidCodePoint(cp) ? Character.toString(cp) : null;
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }
}
