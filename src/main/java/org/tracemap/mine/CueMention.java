package org.tracemap.mine;

import java.util.List;
import org.tracemap.gazetteer.Category;

/** A category cue where a sentence writes it, with the categories it stands for (the first owns places). */
record CueMention(int start, int end, List<Category> values) {}
