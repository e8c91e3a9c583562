package org.tracemap.catalog;

/** How a snapshot relates to the previous capture of the same URL. */
public enum ChangeKind {
    /** First capture of this URL. */
    NEW,
    /** The payload differs from the previous capture. */
    CHANGED,
    /** The payload is identical to the previous capture; stored as a revisit record. */
    UNCHANGED,
    /** The URL answered 2xx before and now answers 404 or 410. Earlier captures stay replayable. */
    GONE
}
