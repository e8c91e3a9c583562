package org.tracemap.index;

import java.util.List;

/**
 * One search result: where it came from, and highlighted passages of its main text in two forms — {@code snippets},
 * escaped HTML with {@code <mark>} around matches (for clients that insert HTML), and {@code passages}, the same
 * passages as plain-text parts with the matches flagged (for clients that build the text themselves).
 */
public record SearchHit(String snapshotId, String captureId, String url, String title, String timestamp, String lang,
                        List<String> snippets, List<List<PassagePart>> passages, float score) {}
