package org.tracemap.archive;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.tracemap.catalog.Snapshot;
import org.tracemap.catalog.SnapshotStore;

/** Reads the archived payload (entity body) of a snapshot back from its WARC file; a revisit reads its original. */
public final class SnapshotPayloads {
    private final CdxjIndex cdxj;
    private final SnapshotStore snapshots;

    public SnapshotPayloads(CdxjIndex cdxj, SnapshotStore snapshots) {
        this.cdxj = cdxj;
        this.snapshots = snapshots;
    }

    /**
     * The payload with its content-coding (gzip, deflate) undone, at most {@code limit} bytes: what a
     * browser would hand to the page. The archive keeps the coded bytes.
     */
    public byte[] readDecoded(Snapshot snapshot, int limit) throws IOException {
        return read(snapshot, limit, true);
    }

    /** The payload bytes exactly as archived, at most {@code limit} of them. */
    public byte[] read(Snapshot snapshot, int limit) throws IOException {
        return read(snapshot, limit, false);
    }

    private byte[] read(Snapshot snapshot, int limit, boolean decode) throws IOException {
        Snapshot source = snapshot;
        if (snapshot.isRevisit()) {
            Optional<Snapshot> original = snapshots.find(snapshot.refersTo());
            if (original.isEmpty()) throw new IOException("revisit " + snapshot.id() + " refers to unknown snapshot " + snapshot.refersTo());
            source = original.get();
        }
        try (WarcReader reader = new WarcReader(cdxj.locate(source.warcFile()))) {
            reader.position(source.warcOffset());
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no record at " + snapshot.warcFile() + ":" + snapshot.warcOffset()));
            if (!(record instanceof WarcResponse response)) {
                throw new IOException("record at " + snapshot.warcFile() + ":" + snapshot.warcOffset() + " is a " + record.type() + ", not a response");
            }
            InputStream raw = response.http().body().stream();
            if (!decode) return raw.readNBytes(limit);
            return ContentCoding.readDecoded(raw, response.http().headers().first("Content-Encoding").orElse(null), limit);
        }
    }

}
