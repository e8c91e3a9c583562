package org.tracemap.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search index ({@code archive/index/}): one document per snapshot, replaced when the snapshot is
 * indexed again. Searchable within a second of indexing (near-real-time reopen); committed to disk every
 * few seconds and at close. What a crash loses between commits is found again at start-up and re-indexed
 * (see {@code IndexStage.awaitingIndex}); the whole index can be rebuilt from the archive.
 */
public final class LuceneIndex implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(LuceneIndex.class);

    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
    private final ScheduledExecutorService committer;
    private final FacetsConfig facets = IndexFields.facets();

    private final java.util.function.Function<String, org.tracemap.gazetteer.Mentions> tagger;
    private final QueryExpander expander;

    /** An index without company, category and country facets, searched as typed (tools and tests). */
    public LuceneIndex(Path dir) throws IOException {
        this(dir, text -> org.tracemap.gazetteer.Mentions.NONE);
    }

    /** @param tagger what a document's title and text name, for the company, category and country facets */
    public LuceneIndex(Path dir, java.util.function.Function<String, org.tracemap.gazetteer.Mentions> tagger) throws IOException {
        this(dir, tagger, QueryExpander.NONE);
    }

    /** The pipeline's index: facets from what the gazetteer finds in pages, queries naming its entities expanded to all their names. */
    public LuceneIndex(Path dir, org.tracemap.gazetteer.Gazetteer gazetteer) throws IOException {
        this(dir, gazetteer::mentions, new QueryExpander(gazetteer));
    }

    /**
     * @param tagger   what a document's title and text name, for the company, category and country facets
     * @param expander finds the entities a query names, to search them by all their names
     */
    public LuceneIndex(Path dir, java.util.function.Function<String, org.tracemap.gazetteer.Mentions> tagger, QueryExpander expander) throws IOException {
        this.tagger = tagger;
        this.expander = expander;
        directory = FSDirectory.open(dir);
        IndexWriterConfig config = new IndexWriterConfig(IndexFields.analyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setRAMBufferSizeMB(64);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, true, true, null);
        reopener = new ControlledRealTimeReopenThread<>(writer, searchers, 1.0, 0.05);
        reopener.setName("index-reopen");
        reopener.setDaemon(true);
        reopener.start();
        committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "index-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commitQuietly, 5, 5, TimeUnit.SECONDS);
    }

    /** A snapshot's Lucene document, built and tagged, ready for {@link #write}. */
    public record Prepared(String snapshotId, Document document) {}

    /**
     * Adds or replaces the document of this snapshot. The reopen thread makes it searchable within a
     * second; waiting for that here would cap indexing at the reopen rate.
     */
    public void index(IndexedDocument d) throws IOException {
        write(prepare(d));
    }

    /**
     * Builds the snapshot's document and tags it with what the gazetteer finds in it: the part of indexing
     * whose cost depends on the content, safe to run on a worker thread under a time limit (and to
     * interrupt: it touches no file).
     */
    public Prepared prepare(IndexedDocument d) throws IOException {
        Document doc = new Document();
        doc.add(new StringField(IndexFields.ID, d.snapshotId(), Field.Store.YES));
        doc.add(new StoredField(IndexFields.CAPTURE_ID, d.captureId()));
        doc.add(new StringField(IndexFields.URL, d.url(), Field.Store.YES));
        doc.add(new StringField(IndexFields.HOST, d.host(), Field.Store.YES));
        doc.add(new StringField(IndexFields.LANG, d.lang(), Field.Store.YES));
        String type = baseType(d.contentType());
        doc.add(new StringField(IndexFields.TYPE, type, Field.Store.YES));
        doc.add(new StoredField(IndexFields.TIMESTAMP, d.timestamp()));
        String title = d.title() == null ? "" : d.title();
        doc.add(new StoredField(IndexFields.TITLE, title));
        boolean chinese = d.lang().equals("zh");
        String text = d.text() == null ? "" : d.text();
        doc.add(new TextField(IndexFields.TITLE_EN, title, Field.Store.NO));
        doc.add(new TextField(IndexFields.BODY_EN, title, Field.Store.NO)); // the title is part of what a query must match
        doc.add(new TextField(IndexFields.BODY_EN, text, chinese ? Field.Store.NO : Field.Store.YES));
        // The Chinese analyses only find something in text with CJK characters; on purely alphabetic pages
        // smartcn's segmenter was the largest cost of indexing (English terms are matched by the _en fields).
        if (chinese || hasCjk(title) || hasCjk(text)) {
            doc.add(new TextField(IndexFields.TITLE_ZH, title, Field.Store.NO));
            doc.add(new TextField(IndexFields.TITLE_CJK, title, Field.Store.NO));
            doc.add(new TextField(IndexFields.BODY_ZH, title, Field.Store.NO));
            doc.add(new TextField(IndexFields.BODY_ZH, text, chinese ? Field.Store.YES : Field.Store.NO));
            doc.add(new TextField(IndexFields.BODY_CJK, title, Field.Store.NO));
            doc.add(new TextField(IndexFields.BODY_CJK, text, Field.Store.NO));
        }
        java.time.LocalDate day = d.published() != null ? d.published() : d.capturedAt().atZone(ZoneOffset.UTC).toLocalDate();
        doc.add(new LongPoint(IndexFields.DAY, day.toEpochDay()));
        doc.add(new SortedSetDocValuesFacetField(IndexFields.HOST, d.host()));
        doc.add(new SortedSetDocValuesFacetField(IndexFields.LANG, d.lang()));
        doc.add(new SortedSetDocValuesFacetField(IndexFields.TYPE, type));
        doc.add(new SortedSetDocValuesFacetField(IndexFields.YEAR, Integer.toString(day.getYear())));
        org.tracemap.gazetteer.Mentions named = tagger.apply(title + "\n" + text);
        addKeywords(doc, IndexFields.COMPANY, named.companies());
        addKeywords(doc, IndexFields.CATEGORY, named.categories());
        addKeywords(doc, IndexFields.COUNTRY, named.countries());
        return new Prepared(d.snapshotId(), facets.build(doc));
    }

    /**
     * Adds or replaces a prepared document. Never on a thread that may be interrupted: an interrupt during
     * Lucene's file writes closes its channels and with them the index writer.
     */
    public void write(Prepared p) throws IOException {
        writer.updateDocument(new Term(IndexFields.ID, p.snapshotId()), p.document());
    }

    private static void addKeywords(Document doc, String field, java.util.Set<String> values) {
        for (String v : values) {
            doc.add(new StringField(field, v, Field.Store.NO));
            doc.add(new SortedSetDocValuesFacetField(field, v));
        }
    }

    /** True when the snapshot has a document (committed or not). */
    public boolean contains(String snapshotId) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher s = searchers.acquire();
        try {
            return s.count(new TermQuery(new Term(IndexFields.ID, snapshotId))) > 0;
        } finally {
            searchers.release(s);
        }
    }

    /** Runs a search on the latest reader. */
    public SearchResult search(SearchQuery query) throws IOException {
        searchers.maybeRefreshBlocking(); // cheap when nothing changed; makes a search see every document indexed before it
        IndexSearcher s = searchers.acquire();
        try {
            return new IndexSearch(s, facets, expander).run(query);
        } finally {
            searchers.release(s);
        }
    }

    /**
     * Searches the last committed state of an index without opening a writer: for commands that run beside
     * a server (which holds the writer's lock). Sees documents up to the server's last commit.
     */
    public static SearchResult searchCommitted(Path dir, SearchQuery query) throws IOException {
        return searchCommitted(dir, query, QueryExpander.NONE);
    }

    /** As {@link #searchCommitted(Path, SearchQuery)}, with queries naming the gazetteer's entities expanded. */
    public static SearchResult searchCommitted(Path dir, SearchQuery query, QueryExpander expander) throws IOException {
        try (FSDirectory d = FSDirectory.open(dir)) {
            if (!org.apache.lucene.index.DirectoryReader.indexExists(d)) return new SearchResult(0, java.util.List.of(), java.util.Map.of());
            try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(d)) {
                return new IndexSearch(new IndexSearcher(reader), IndexFields.facets(), expander).run(query);
            }
        }
    }

    /** Drops every document (before a rebuild). */
    public void clear() throws IOException {
        writer.deleteAll();
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    public void commit() throws IOException {
        if (writer.hasUncommittedChanges()) writer.commit();
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            log.error("index commit failed; uncommitted documents are re-indexed at next start", e);
        }
    }

    static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(s.charAt(i));
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) return true;
        }
        return false;
    }

    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) return "unknown";
        return contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        // Not shutdownNow: interrupting a commit in its fsync closes Lucene's file channel and invalidates the
        // write lock ("FileLock invalidated by an external force"), and then this close fails too.
        committer.shutdown();
        try {
            committer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reopener.close();
        try {
            searchers.close();
            writer.commit();
        } finally {
            writer.close();
            directory.close();
        }
    }
}
