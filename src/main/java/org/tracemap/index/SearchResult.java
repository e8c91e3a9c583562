package org.tracemap.index;

import java.util.List;
import java.util.Map;

/** The hits of a search, the total number of matching documents, and facet counts over all of them. */
public record SearchResult(long total, List<SearchHit> hits, Map<String, Map<String, Integer>> facets) {}
