package org.tracemap.mine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracemap.gazetteer.Category;
import org.tracemap.gazetteer.Company;
import org.tracemap.gazetteer.Place;

/**
 * What one sentence (or the title) names, each name once however often the sentence repeats it: a sentence
 * naming Nairobi 100,000 times holds one {@link NamedPlace}, not 100,000 matches.
 *
 * @param categories   the categories the sentence cues, in order of first cue
 * @param rawPlaces    the place names as written, before deciding which place each means
 * @param places       the places they were resolved to (see {@code CandidateMiner.resolvePlaces}); empty until then
 * @param owners       for each resolved place, the categories whose cue is nearest to one of its occurrences
 * @param firstCue     where in the sentence its first category cue starts, or -1
 * @param year         the first year the sentence states, or null
 * @param mainlandOnly the sentence names places, all of them in mainland China (which is not proposed)
 * @param actors       who holds which cue when the sentence names more than one company
 */
record Findings(SentenceSplitter.Sentence sentence, Set<Company> companies, List<Category> categories, int firstCue,
                List<NamedPlace> rawPlaces, List<Place> places, Map<Place, Set<Category>> owners, Integer year, boolean project,
                boolean notProject, boolean mainlandOnly, Cues cues, Actors actors) {

    /**
     * A place name as the sentence writes it: the offset of its first occurrence, and the category each of its
     * occurrences belongs to: the cue named closest before it, or with none before, closest after ("data centres
     * in Kenya and a 5G network in Thailand": Kenya to data centres, Thailand to 5G).
     */
    record NamedPlace(String phrase, List<Place> values, int start, Set<Category> owners) {}

    /**
     * Which context wordings a sentence has.
     *
     * @param hedge the sentence hedges: a guess, a rumour or an intention, not a fact
     * @param guess it hedges about which of two or more companies it was ("likely Huawei or ZTE")
     * @param domestic it places its project in mainland China ("domestically", "国内") without naming a place there
     * @param referenceMany its reference points back to every company of the earlier sentence ("the two companies")
     */
    record Cues(boolean reference, boolean build, boolean scopeOnly, boolean hedge, boolean guess, boolean domestic, boolean referenceMany) {}

    /**
     * The companies a sentence names as actors, in groups ("Huawei and ZTE" is one group), and the categories whose
     * cue each one holds in the grammar of the sentence: the group named nearest before the cue, or the one the cue
     * is "by"/"with" ("a data centre built by Huawei"), else the nearest after. The first group is the sentence's
     * subject as far as a later "it" is concerned; {@code firstAt} is where it starts (-1 with no company).
     */
    record Actors(int groups, Map<Company, Set<Category>> held, Set<Company> first, int firstAt) {
        static final Actors NONE = new Actors(0, Map.of(), Set.of(), -1);

        /** Whether the company may be given the category: always when the sentence has one group of companies. */
        boolean holds(Company company, Category category) {
            return groups < 2 || held.getOrDefault(company, Set.of()).contains(category);
        }
    }

    Findings withPlaces(List<Place> resolved, Map<Place, Set<Category>> resolvedOwners, boolean onlyMainland) {
        return new Findings(sentence, companies, categories, firstCue, rawPlaces, resolved, resolvedOwners, year, project, notProject,
                onlyMainland, cues, actors);
    }
}
