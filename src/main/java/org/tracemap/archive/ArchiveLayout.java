package org.tracemap.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things live in the archive folder: {@code warcs/}, {@code cdxj/}, {@code tmp/} and {@code catalog.db}. */
public record ArchiveLayout(Path root) {
    public static final String OPEN_SUFFIX = ".open";

    public Path warcs() {
        return root.resolve("warcs");
    }

    public Path cdxj() {
        return root.resolve("cdxj");
    }

    /** The Lucene search index: derived data, rebuilt from the WARCs when lost. */
    public Path index() {
        return root.resolve("index");
    }

    /** Spooled response bodies waiting to be archived; safe to empty when nothing is running. */
    public Path spool() {
        return root.resolve("tmp");
    }

    /** The per-install key behind API token lookups (catalog.TokenStore): beside the catalogue, never in it. */
    public Path tokenKey() {
        return root.resolve("token.key");
    }

    public void create() throws IOException {
        Files.createDirectories(warcs());
        Files.createDirectories(cdxj());
        Files.createDirectories(spool());
    }

    /** Finished WARC files (not the one being written; imported ones too, compressed or not), in name order. */
    public List<Path> finishedWarcs() throws IOException {
        List<Path> all = new java.util.ArrayList<>(list(warcs(), ".warc.gz"));
        all.addAll(list(warcs(), ".warc"));
        all.sort(null);
        return all;
    }

    public List<Path> openWarcs() throws IOException {
        return list(warcs(), ".warc.gz" + OPEN_SUFFIX);
    }

    public Path warc(String fileName) {
        return warcs().resolve(fileName);
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
