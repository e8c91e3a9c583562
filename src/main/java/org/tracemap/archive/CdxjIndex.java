package org.tracemap.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.netpreserve.jwarc.WarcCaptureRecord;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.cdx.CdxFormat;
import org.netpreserve.jwarc.cdx.CdxWriter;

/**
 * The CDXJ index that replay looks captures up in. Each finished WARC file has a sorted
 * {@code cdxj/NAME.cdxj} (pywb's format, written by jwarc) searched by binary search; the lines of the
 * file still being written are held in memory and sealed to disk when it closes. Everything here can be
 * rebuilt from the WARC files ({@link #rebuildMissing}).
 */
public final class CdxjIndex {
    private final ArchiveLayout layout;
    private final ObjectMapper json;
    private final ConcurrentHashMap<String, ConcurrentSkipListSet<String>> unsealed = new ConcurrentHashMap<>();

    public CdxjIndex(ArchiveLayout layout, ObjectMapper json) {
        this.layout = layout;
        this.json = json;
    }

    /** Indexes the response or revisit record just written at {@code offset} in {@code fileName} (still open). */
    public CdxjEntry add(String fileName, long offset, long length) throws IOException {
        Path path = locate(fileName);
        try (WarcReader reader = new WarcReader(Files.newByteChannel(path))) {
            reader.position(offset);
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no record at " + fileName + ":" + offset));
            String line = CdxFormat.CDXJ.format((WarcCaptureRecord) record, fileName, offset, length);
            unsealed.computeIfAbsent(fileName, f -> new ConcurrentSkipListSet<>()).add(line);
            return parse(line);
        }
    }

    /** Writes the sorted CDXJ of a WARC file that has just been closed. */
    public void seal(String fileName) throws IOException {
        ConcurrentSkipListSet<String> lines = unsealed.get(fileName);
        if (lines == null) {
            rebuild(layout.warc(fileName));
            return;
        }
        writeSorted(fileName, new ArrayList<>(lines));
        unsealed.remove(fileName);
    }

    /** Builds the CDXJ of every finished WARC file that has none (after a crash, an import, or a deleted index). */
    public int rebuildMissing() throws IOException {
        int built = 0;
        for (Path warc : layout.finishedWarcs()) {
            if (!Files.exists(cdxjFor(warc.getFileName().toString()))) {
                rebuild(warc);
                built++;
            }
        }
        return built;
    }

    /** Re-indexes one WARC file from its records, with jwarc's CDX writer. */
    public void rebuild(Path warc) throws IOException {
        StringWriter out = new StringWriter();
        try (CdxWriter writer = new CdxWriter(out)) {
            writer.setFormat(CdxFormat.CDXJ);
            writer.setRecordFilter(r -> r instanceof WarcResponse || r instanceof WarcRevisit);
            writer.process(List.of(warc), false);
        }
        List<String> lines = out.toString().lines().filter(l -> !l.isBlank() && !l.startsWith("!")).toList();
        writeSorted(warc.getFileName().toString(), lines);
    }

    /** Every entry of one finished WARC file's CDXJ, in file order of the index; rebuilt from the WARC when missing. */
    public List<CdxjEntry> entriesOf(String warcName) throws IOException {
        Path index = cdxjFor(warcName);
        if (!Files.exists(index)) rebuild(layout.warc(warcName));
        List<CdxjEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) entries.add(parse(line));
        }
        return entries;
    }

    /** Every indexed capture whose SURT key is exactly {@code surt}, in timestamp order. */
    public List<CdxjEntry> lookup(String surt) throws IOException {
        String key = surt + " ";
        List<CdxjEntry> found = new ArrayList<>();
        if (Files.isDirectory(layout.cdxj())) {
            try (var files = Files.list(layout.cdxj())) {
                for (Path file : files.filter(p -> p.toString().endsWith(".cdxj")).toList()) {
                    for (String line : SortedLines.withPrefix(file, key)) found.add(parse(line));
                }
            }
        }
        for (ConcurrentSkipListSet<String> lines : unsealed.values()) {
            for (String line : lines.subSet(key, key + Character.MAX_VALUE)) found.add(parse(line));
        }
        found.sort(Comparator.comparing(CdxjEntry::timestamp));
        return found;
    }

    /** The capture of {@code surt} nearest to {@code timestamp} (14 digits or a prefix of them). */
    public Optional<CdxjEntry> nearest(String surt, String timestamp) throws IOException {
        long target = Long.parseLong((timestamp + "00000000000000").substring(0, 14));
        return lookup(surt).stream().min(Comparator.comparingLong(e -> Math.abs(Long.parseLong(e.timestamp()) - target)));
    }

    /** The full response whose payload a revisit stands for: same URL key, same digest, not itself a revisit. */
    public Optional<CdxjEntry> original(CdxjEntry revisit) throws IOException {
        return lookup(revisit.surt()).stream()
                .filter(e -> !e.isRevisit() && e.digest().equals(revisit.digest()))
                .min(Comparator.comparingLong(e -> Math.abs(Long.parseLong(e.timestamp()) - Long.parseLong(revisit.timestamp()))));
    }

    /** The path of a WARC file by final name, whether or not it is still being written. */
    public Path locate(String fileName) {
        Path closed = layout.warc(fileName);
        return Files.exists(closed) ? closed : layout.warc(fileName + ArchiveLayout.OPEN_SUFFIX);
    }

    private Path cdxjFor(String warcName) {
        return layout.cdxj().resolve(warcName + ".cdxj");
    }

    private void writeSorted(String warcName, List<String> lines) throws IOException {
        List<String> sorted = new ArrayList<>(lines);
        sorted.sort(Comparator.naturalOrder()); // UTF-16 order equals byte order for these ASCII keys
        Files.createDirectories(layout.cdxj());
        Path tmp = layout.cdxj().resolve(warcName + ".cdxj.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (String line : sorted) w.write(line + "\n");
        }
        Files.move(tmp, cdxjFor(warcName), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    CdxjEntry parse(String line) throws IOException {
        int s1 = line.indexOf(' ');
        int s2 = line.indexOf(' ', s1 + 1);
        if (s1 < 0 || s2 < 0) throw new IOException("malformed CDXJ line: " + line);
        JsonNode j = json.readTree(line.substring(s2 + 1));
        return new CdxjEntry(line.substring(0, s1), line.substring(s1 + 1, s2), j.path("url").asText(), j.path("mime").asText(),
                j.path("status").asInt(), j.path("digest").asText(), j.path("length").asLong(), j.path("offset").asLong(),
                j.path("filename").asText());
    }

    /** Binary search over a sorted text file (the way pywb searches CDXJ). */
    static final class SortedLines {
        private SortedLines() {}

        static List<String> withPrefix(Path file, String prefix) throws IOException {
            List<String> out = new ArrayList<>();
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long lo = 0;
                long hi = raf.length();
                // Invariant: the first whole line after position lo sorts before the prefix (or lo is 0).
                while (hi - lo > 1) {
                    long mid = (lo + hi) >>> 1;
                    raf.seek(mid);
                    raf.readLine(); // skip to the next line start
                    String line = readUtf8Line(raf);
                    if (line == null || line.compareTo(prefix) >= 0) hi = mid;
                    else lo = mid;
                }
                raf.seek(lo);
                if (lo > 0) raf.readLine();
                String line;
                while ((line = readUtf8Line(raf)) != null) {
                    if (line.startsWith(prefix)) out.add(line);
                    else if (line.compareTo(prefix) > 0) break;
                }
            }
            return out;
        }

        private static String readUtf8Line(RandomAccessFile raf) throws IOException {
            String latin1 = raf.readLine();
            return latin1 == null ? null : new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
