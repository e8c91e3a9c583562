package org.tracemap.gazetteer;

import java.util.List;

/**
 * A kind of overseas presence and the phrases that signal it. A weak category describes the form of a
 * deal (an MoU, a training course) and yields to a project category named in the same sentence.
 */
public record Category(String id, String label, List<String> cues, boolean weak) {}
