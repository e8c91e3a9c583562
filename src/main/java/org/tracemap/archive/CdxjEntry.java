package org.tracemap.archive;

/** One CDXJ line: {@code SURT timestamp {"url", "mime", "status", "digest", "length", "offset", "filename"}}. */
public record CdxjEntry(String surt, String timestamp, String url, String mime, int status, String digest,
                        long length, long offset, String filename) {
    public static final String REVISIT_MIME = "warc/revisit";

    public boolean isRevisit() {
        return REVISIT_MIME.equals(mime);
    }
}
