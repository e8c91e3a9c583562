package org.tracemap.gazetteer;

import java.util.Set;

/**
 * What a document names, for search facets: company ids, category ids (from their cues) and countries
 * (ISO alpha-2, named outright or through one of their cities). Mentions, not claims: the mine stage
 * decides what is a project.
 */
public record Mentions(Set<String> companies, Set<String> categories, Set<String> countries) {
    public static final Mentions NONE = new Mentions(Set.of(), Set.of(), Set.of());
}
