package org.tracemap.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.MessageVersion;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.Warcinfo;
import org.tracemap.catalog.Capture;
import org.tracemap.catalog.CaptureStatus;
import org.tracemap.catalog.CaptureStore;
import org.tracemap.catalog.Catalog;
import org.tracemap.catalog.ChangeKind;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;
import org.tracemap.fetch.FetchedCapture;

class WarcArchiverTest {
    private static final Instant T1 = Instant.parse("2026-01-20T08:30:00Z");
    private static final Instant T2 = Instant.parse("2026-02-03T10:00:00Z");

    @TempDir
    Path dir;

    private ArchiveLayout layout;
    private CaptureStore captures;
    private SnapshotStore snapshots;
    private CdxjIndex cdxj;
    private RollingWarcWriter writer;
    private WarcArchiver archiver;

    @BeforeEach
    void setUp() throws IOException {
        open(1L << 30);
    }

    private void open(long maxSize) throws IOException {
        layout = new ArchiveLayout(dir.resolve("archive"));
        layout.create();
        Catalog catalog = Catalog.open(layout.root());
        ObjectMapper json = new ObjectMapper();
        captures = new CaptureStore(catalog, Clock.fixed(T1, ZoneOffset.UTC), json);
        snapshots = new SnapshotStore(catalog);
        cdxj = new CdxjIndex(layout, json);
        writer = new RollingWarcWriter(layout, "TEST", maxSize, Clock.fixed(T1, ZoneOffset.UTC), name -> {
            try {
                cdxj.seal(name);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        archiver = new WarcArchiver(writer, cdxj, snapshots, captures, java.time.Duration.ofSeconds(30), java.time.Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws IOException {
        writer.close();
    }

    private Snapshot archive(FetchedCapture fetched) {
        captures.insert(fetched.request().captureId(), fetched.request().url().url(), fetched.request().url().surt(),
                Map.of(), null, "tester");
        return archiver.archive(fetched);
    }

    @Test
    void archivedCaptureReadsBackWithJwarcAsRequestResponseAndMetadata() throws IOException {
        FetchedCapture fetched = TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "https://www.huawei.com/en/news/lab", 200, "text/html", "<p>Huawei opens an R&amp;D lab in Paris.</p>"));
        Snapshot snapshot = archive(fetched);
        writer.close();

        List<WarcRecord> records = readAll(layout.finishedWarcs().get(0));
        assertThat(records).extracting(WarcRecord::type).containsExactly("warcinfo", "request", "response", "metadata");
        assertThat(records).allSatisfy(r -> assertThat(r.version()).isEqualTo(MessageVersion.WARC_1_1));
        assertThat(records.subList(1, 4)).allSatisfy(r -> assertThat(r.date()).isEqualTo(T1));
        WarcResponse response = (WarcResponse) records.get(2);
        assertThat(response.id().toString()).isEqualTo("urn:uuid:" + snapshot.id());
        assertThat(response.target()).isEqualTo("https://www.huawei.com/en/news/lab");
        assertThat(response.headers().first("WARC-Payload-Digest")).contains(snapshot.payloadDigest());
        assertThat(response.headers().first("WARC-IP-Address")).contains("93.184.216.34");
        assertThat(((WarcRequest) records.get(1)).concurrentTo()).contains(response.id());
        assertThat(((WarcMetadata) records.get(3)).concurrentTo()).contains(response.id());
        assertThat(((Warcinfo) records.get(0)).fields().first("format")).contains("WARC File Format 1.1");
        assertThat(snapshot.change()).isEqualTo(ChangeKind.NEW);
        assertThat(snapshot.timestamp()).isEqualTo("20260120083000");
        assertThat(captures.find(fetched.request().captureId())).get().extracting(Capture::status).isEqualTo(CaptureStatus.ARCHIVED);
        assertThat(Files.list(layout.spool())).as("spooled bodies are deleted once archived").isEmpty();
    }

    @Test
    void archivedBodyIsByteExactAndDigestsVerify() throws IOException {
        byte[] body = new byte[200_000];
        new java.util.Random(7).nextBytes(body);
        archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/tender.pdf", 200, "application/pdf", body, null)));
        writer.close();
        List<WarcVerifier.Problem> problems = new ArrayList<>();
        new WarcVerifier(layout).verify(layout.finishedWarcs().get(0), problems);
        assertThat(problems).isEmpty();
        try (WarcReader reader = new WarcReader(layout.finishedWarcs().get(0))) {
            WarcResponse r = reader.records().filter(x -> x instanceof WarcResponse).map(x -> (WarcResponse) x).findFirst().orElseThrow();
            assertThat(r.http().status()).isEqualTo(200);
            assertThat(r.http().body().stream().readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void unchangedRecaptureIsStoredAsRevisit() throws IOException {
        Snapshot first = archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/a", 200, "text/html", "same page")));
        Snapshot second = archive(TestCaptures.capture(T2, TestCaptures.response(layout.spool(), "http://example.com/a", 200, "text/html", "same page")));
        Snapshot third = archive(TestCaptures.capture(T2.plusSeconds(60), TestCaptures.response(layout.spool(), "http://example.com/a", 200, "text/html", "same page")));
        writer.close();

        assertThat(second.change()).isEqualTo(ChangeKind.UNCHANGED);
        assertThat(second.recordType()).isEqualTo("revisit");
        assertThat(second.refersTo()).isEqualTo(first.id());
        assertThat(third.refersTo()).as("a revisit of a revisit points at the original response").isEqualTo(first.id());
        WarcRevisit revisit = (WarcRevisit) readAll(layout.finishedWarcs().get(0)).stream()
                .filter(r -> r instanceof WarcRevisit).findFirst().orElseThrow();
        assertThat(revisit.profile()).isEqualTo(WarcRevisit.IDENTICAL_PAYLOAD_DIGEST_1_1);
        assertThat(revisit.refersTo()).hasValue(java.net.URI.create("urn:uuid:" + first.id()));
        assertThat(revisit.refersToTargetURI()).hasValue(java.net.URI.create("http://example.com/a"));
        assertThat(revisit.refersToDate()).hasValue(T1);
        assertThat(revisit.http().status()).isEqualTo(200);
    }

    @Test
    void changedPayloadIsChangedAndA404AfterA200IsGone() throws IOException {
        archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/a", 200, "text/html", "v1")));
        Snapshot changed = archive(TestCaptures.capture(T2, TestCaptures.response(layout.spool(), "http://example.com/a", 200, "text/html", "v2")));
        Snapshot gone = archive(TestCaptures.capture(T2.plusSeconds(5), TestCaptures.response(layout.spool(), "http://example.com/a", 404, "text/html", "not found")));
        assertThat(changed.change()).isEqualTo(ChangeKind.CHANGED);
        assertThat(changed.recordType()).isEqualTo("response");
        assertThat(gone.change()).isEqualTo(ChangeKind.GONE);
        assertThat(gone.httpStatus()).isEqualTo(404);
        assertThat(snapshots.forUrl(changed.surt(), changed.url())).extracting(Snapshot::change)
                .containsExactly(ChangeKind.GONE, ChangeKind.CHANGED, ChangeKind.NEW);
    }

    @Test
    void redirectChainArchivesEveryHopAndPointsTheCaptureAtTheLast() throws IOException {
        FetchedCapture fetched = TestCaptures.capture(T1,
                TestCaptures.response(layout.spool(), "http://example.com/old", 301, "text/html", new byte[0], "/new"),
                TestCaptures.response(layout.spool(), "http://example.com/new", 200, "text/html", "moved here".getBytes(StandardCharsets.UTF_8), null));
        Snapshot last = archive(fetched);
        assertThat(last.url()).isEqualTo("http://example.com/new");
        assertThat(last.hop()).isEqualTo(1);
        assertThat(cdxj.lookup("com,example)/old")).extracting(CdxjEntry::status).containsExactly(301);
        assertThat(cdxj.lookup("com,example)/new")).extracting(CdxjEntry::status).containsExactly(200);
        assertThat(captures.find(fetched.request().captureId()).orElseThrow().snapshotId()).isEqualTo(last.id());
    }

    @Test
    void fileIsOpenWhileWrittenThenRotatesAtTheSizeLimit() throws IOException {
        writer.close();
        open(1); // every capture passes the limit, so each closes its file
        archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/1", 200, "text/plain", "one")));
        archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/2", 200, "text/plain", "two")));
        assertThat(layout.openWarcs()).isEmpty();
        assertThat(layout.finishedWarcs()).hasSize(2);
        assertThat(Files.list(layout.cdxj()).filter(p -> p.toString().endsWith(".cdxj"))).hasSize(2);

        writer.close();
        open(1L << 30);
        archive(TestCaptures.capture(T1, TestCaptures.response(layout.spool(), "http://example.com/3", 200, "text/plain", "three")));
        assertThat(layout.openWarcs()).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".warc.gz.open"));
        assertThat(cdxj.lookup("com,example)/3")).as("the open file's captures are found before it is sealed").hasSize(1);
    }

    @Test
    void sealedCdxjEqualsTheIndexRebuiltFromTheWarcAndPointsAtTheRecords() throws IOException {
        for (int i = 0; i < 20; i++) {
            archive(TestCaptures.capture(T1.plusSeconds(i), TestCaptures.response(layout.spool(), "http://example.com/p/" + (i * 7 % 20), 200, "text/html", "page " + i)));
        }
        writer.close();
        Path warc = layout.finishedWarcs().get(0);
        Path sealed = layout.cdxj().resolve(warc.getFileName() + ".cdxj");
        String live = Files.readString(sealed);
        cdxj.rebuild(warc);
        assertThat(Files.readString(sealed)).isEqualTo(live);
        List<String> lines = live.lines().toList();
        assertThat(lines).hasSize(20).isSorted();
        for (String line : lines) {
            CdxjEntry e = cdxj.parse(line);
            try (WarcReader reader = new WarcReader(warc)) {
                reader.position(e.offset());
                WarcRecord record = reader.next().orElseThrow();
                assertThat(((WarcResponse) record).target()).isEqualTo(e.url());
            }
        }
    }

    private static List<WarcRecord> readAll(Path warc) throws IOException {
        List<WarcRecord> records = new ArrayList<>();
        try (WarcReader reader = new WarcReader(warc)) {
            for (WarcRecord r : reader) {
                // Parse what the tests look at before the body is consumed; jwarc keeps the parsed forms.
                if (r instanceof WarcResponse response) response.http();
                if (r instanceof WarcRevisit revisit) revisit.http();
                if (r instanceof Warcinfo info) info.fields();
                r.body().consume();
                records.add(r);
            }
        }
        return records;
    }
}
