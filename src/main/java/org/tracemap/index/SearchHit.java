package org.tracemap.index;

import java.util.List;

/** One search result: where it came from, and highlighted passages of its main text. */
public record SearchHit(String snapshotId, String captureId, String url, String title, String timestamp, String lang,
                        List<String> snippets, float score) {}
