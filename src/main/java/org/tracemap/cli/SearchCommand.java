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
import org.tracemap.index.PassagePart;
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

    @Option(names = "--year", description = "published (or, for pages without a date, captured) in this year")
    Integer year;

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
        SearchResult result = LuceneIndex.searchCommitted(dir, new SearchQuery(query, lang, null, null, from, to, limit, company, category, country, 0, year), expander);
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
            for (var passage : h.passages()) System.out.println("  … " + plain(passage));
        }
        return 0;
    }

    /** A passage for the terminal: the page's own characters, the matches in brackets. */
    static String plain(java.util.List<PassagePart> passage) {
        StringBuilder out = new StringBuilder();
        for (PassagePart part : passage) out.append(part.hit() ? "[" + part.text() + "]" : part.text());
        return out.toString();
    }
}
