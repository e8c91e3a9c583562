package org.tracemap.crawl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.tracemap.catalog.CrawlStore;
import org.tracemap.intake.AddressGuard;
import org.tracemap.intake.InvalidInputException;
import org.tracemap.intake.UrlNormalizer;

/**
 * The crawl definitions: YAML files in {@code config/crawls/} (read at start, they win over the same name
 * defined through the API) and those posted to {@code /api/crawls}, all kept in the catalogue. Seeds,
 * sitemaps and feeds that point at loopback or private addresses are refused when the definition is made
 * (unless private fetching is allowed); what the crawl discovers later goes through intake, which refuses
 * the same.
 */
public final class Crawls {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final CrawlStore store;
    private final ObjectMapper json;
    private final AddressGuard guard;
    private final UrlNormalizer normalizer = new UrlNormalizer();

    public Crawls(CrawlStore store, ObjectMapper json, AddressGuard guard) {
        this.store = store;
        this.json = json;
        this.guard = guard;
    }

    /** Reads every {@code *.yaml} in {@code dir}; the message of a bad file names it and the field. */
    public int loadFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files) {
            CrawlDefinition d;
            try {
                d = YAML.readValue(f.toFile(), CrawlDefinition.class);
            } catch (IOException e) {
                throw new IOException(f + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
            try {
                define(d.validated(), "FILE");
            } catch (InvalidInputException e) {
                throw new IOException(f + ": " + e.field() + ": " + e.getMessage(), e);
            }
        }
        return files.size();
    }

    public CrawlDefinition define(CrawlDefinition d, String source) {
        d.validated();
        refusePrivateTargets("seeds", d.seeds());
        refusePrivateTargets("sitemaps", d.sitemaps());
        refusePrivateTargets("feeds", d.feeds());
        try {
            store.saveDefinition(d.name(), json.writeValueAsString(d), source);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store crawl " + d.name() + ": " + e.getMessage(), e);
        }
        return d;
    }

    private void refusePrivateTargets(String field, List<String> urls) {
        for (int i = 0; i < urls.size(); i++) {
            try {
                guard.checkLiteralHost(normalizer.normalize(urls.get(i)).host());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(field + "[" + i + "]", field + "[" + i + "]: " + e.getMessage());
            }
        }
    }

    public Optional<CrawlDefinition> get(String name) {
        return store.definition(name).map(this::parse);
    }

    public List<CrawlDefinition> all() {
        List<CrawlDefinition> out = new ArrayList<>();
        for (CrawlStore.StoredCrawl c : store.definitions()) out.add(parse(c));
        return out;
    }

    private CrawlDefinition parse(CrawlStore.StoredCrawl c) {
        try {
            return json.readValue(c.definition(), CrawlDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored crawl " + c.name() + " is not readable: " + e.getMessage(), e);
        }
    }
}
