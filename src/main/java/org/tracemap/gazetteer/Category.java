package org.tracemap.gazetteer;

import java.util.List;

/**
 * A kind of overseas presence and the phrases that signal it. A weak category describes the form of a
 * deal (an MoU, a training course) and yields to a project category named in the same sentence.
 * {@code partOf} lists categories this one is usually a component of (see categories.yaml).
 */
public record Category(String id, String label, List<String> cues, boolean weak, List<String> partOf) {
    public static final String MOU = "mou-agreement";
}
