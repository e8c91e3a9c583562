package org.tracemap.mine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tracemap.gazetteer.Category;
import org.tracemap.gazetteer.Company;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Wording;
import org.tracemap.gazetteer.PhraseMatcher;
import org.tracemap.gazetteer.Place;
import org.tracemap.limits.Interruption;

/**
 * Proposes data points from a document's main text. A sentence with a category cue ("safe city",
 * "数据中心") is the anchor; the company and the place come from the same sentence when it names them,
 * else from the sentences just around it, else from the title. Each candidate keeps the anchoring
 * sentence as its quote.
 *
 * <p>What keeps noise out: company names inside other names are not places ("China Mobile" is not
 * China); a company right after "over", "instead of" or "取代" is a rival, not the actor; a sentence about
 * share prices, user numbers or bans, with no project wording, proposes nothing; places in mainland China
 * are dropped unless configured; a city whose name is also an everyday word needs its country nearby.
 * A score (see {@link #score}) ranks what is left.
 *
 * <p>Pure and deterministic: the same document always gives the same candidates, in the same order. Bounded:
 * work in proportion to the text, at most {@code tracemap.mine.max-candidates} candidates per document (the
 * best-scoring, with a note saying how many there were), and it stops when its thread is interrupted.
 */
public final class CandidateMiner {
    /** How many sentences before and after the anchor may supply the company or the place. */
    private static final int BEFORE = 2;
    private static final int AFTER = 1;
    private static final String MAINLAND = "CN";

    private final Gazetteer gazetteer;
    private final SentenceReader reader;
    private final MineSettings settings;

    public CandidateMiner(Gazetteer gazetteer, MineSettings settings) {
        this.gazetteer = gazetteer;
        this.reader = new SentenceReader(gazetteer);
        this.settings = settings;
    }

    /** What mining one document gave: its candidates, and notes on limits it reached (empty when none). */
    public record Result(List<MinedCandidate> candidates, List<String> notes) {}

    /** The document's candidates (see {@link #mineWithNotes} for the notes on limits reached). */
    public List<MinedCandidate> mine(MinableDocument doc) {
        return mineWithNotes(doc).candidates();
    }

    public Result mineWithNotes(MinableDocument doc) {
        String text = Footnotes.blank(doc.text() == null ? "" : doc.text());
        // Every candidate needs a company named somewhere in the page (sentence, neighbours, title or award
        // line): a page that names none is done after one pass of one matcher.
        if (!gazetteer.companyNames().foundIn(text) && (doc.title() == null || !gazetteer.companyNames().foundIn(doc.title()))) {
            return new Result(List.of(), List.of());
        }
        List<SentenceSplitter.Sentence> sentences = SentenceSplitter.split(text);
        boolean cloudPage = namesACloudCompany(text);
        List<Findings> found = new ArrayList<>(sentences.size());
        for (SentenceSplitter.Sentence s : sentences) {
            Interruption.check();
            found.add(reader.read(s, cloudPage));
        }
        Findings title = doc.title() == null || doc.title().isBlank() ? null
                : reader.read(new SentenceSplitter.Sentence(0, 0, doc.title()));

        // Countries the document names outright decide which "Hyderabad" or "Valencia" is meant.
        Set<String> documentCountries = new LinkedHashSet<>();
        for (Findings f : found) documentCountries.addAll(countriesNamed(f));
        if (title != null) documentCountries.addAll(countriesNamed(title));
        List<Findings> resolved = new ArrayList<>(found.size());
        for (Findings f : found) resolved.add(resolvePlaces(f, documentCountries));
        Findings resolvedTitle = title == null ? null : resolvePlaces(title, documentCountries);

        Set<Company> awardees = awardees(resolved);
        int[] paragraphs = paragraphs(text, sentences);
        Place pageCountry = pageCountry(resolved, resolvedTitle);
        Subject[] subjects = subjects(resolved);
        Proposals proposals = new Proposals(settings.maxCandidates());
        for (int i = 0; i < resolved.size(); i++) {
            Interruption.check();
            Findings anchor = resolved.get(i);
            if (anchor.categories().isEmpty()) continue;
            if (anchor.notProject() && !anchor.project()) continue;
            if (anchor.cues().scopeOnly()) continue;
            if (anchor.cues().guess()) continue; // "it seems likely that the vendor is Huawei or ZTE" names no one
            List<Located<Company>> companies = companiesFor(resolved, subjects, i, resolvedTitle, awardees);
            if (companies.isEmpty()) continue;
            List<Located<Place>> places = placesFor(resolved, i, resolvedTitle, paragraphs, pageCountry);
            if (places.isEmpty()) continue;
            propose(anchor, companies, places, yearFor(resolved, i, doc), proposals);
        }
        return proposals.capped(withoutParts(withoutCountryDuplicates(proposals.best())));
    }

    /** Every company × category × place the anchor sentence supports, scored. */
    private void propose(Findings anchor, List<Located<Company>> companies, List<Located<Place>> places, Integer year, Proposals out) {
        Proposals.Quote quote = null;
        boolean placesHere = places.get(0).distance() == 0;
        for (Category category : categoriesOf(anchor, placesHere)) {
            for (Located<Company> company : companies) {
                for (Located<Place> place : places) {
                    // The form of a deal (an office, training) counts only when its sentence names the place and
                    // names or points back to the company.
                    if (category.weak() && (company.distance() > BEFORE || place.distance() > 0)) continue;
                    // "CETC, which runs joint labs in Sweden, and Hikvision": the labs are not Hikvision's.
                    if (company.distance() == 0 && !anchor.actors().holds(company.value(), category)) continue;
                    if (place.distance() == 0 && !nearestCue(anchor, place.value(), category, placesHere)) continue;
                    double score = score(anchor, company.distance(), place.distance(), category, place.value());
                    if (score < settings.minScore()) continue;
                    if (quote == null) quote = out.quote(anchor);
                    Place p = place.value();
                    out.add(new MinedCandidate(company.value().id(), category.id(), p.country(), p.city(), year, quote.text(),
                            quote.start(), quote.end(), score, p.lat(), p.lon(), p.isCity() ? "city" : "country",
                            features(anchor, company.distance(), place.distance(), category, p)));
                }
            }
        }
    }

    /** Whether the text names a company's cloud unit ("Huawei Cloud", "阿里云"). */
    private boolean namesACloudCompany(String text) {
        boolean[] cloud = {false};
        gazetteer.companyNames().scanNormalised(PhraseMatcher.normalise(text), (start, end, phrase, values) -> {
            if (SentenceReader.isCloudName(phrase)) cloud[0] = true;
        });
        return cloud[0];
    }

    /** Whether a name is written in Chinese characters. */
    private static final class PhraseMatcherHan {
        static boolean isHan(String s) {
            return !s.isEmpty() && s.codePoints().allMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
        }
    }

    private Set<String> countriesNamed(Findings f) {
        Set<String> out = new LinkedHashSet<>();
        for (Findings.NamedPlace m : f.rawPlaces()) {
            for (Place p : m.values()) if (!p.isCity()) out.add(p.country());
        }
        return out;
    }

    /**
     * Decides which place each name means, and drops mainland China unless asked for. A name means the same
     * place at each of its occurrences in a sentence, so the place collects the cue owners of all of them.
     */
    private Findings resolvePlaces(Findings f, Set<String> documentCountries) {
        Set<String> sentenceCountries = countriesNamed(f);
        List<Place> places = new ArrayList<>();
        Map<Place, Set<Category>> owners = new LinkedHashMap<>();
        boolean sawMainland = false;
        // "Back home, China Mobile opened a campus in Hohhot, larger than anything planned for Colombo": a sentence that
        // says it is at home and names a mainland place is about the mainland; its foreign places are comparisons.
        boolean atHome = f.cues().domestic() && f.rawPlaces().stream()
                .anyMatch(m -> m.values().stream().allMatch(p -> p.country().equals(MAINLAND)));
        for (Findings.NamedPlace m : f.rawPlaces()) {
            Place p = resolve(m, sentenceCountries, documentCountries);
            if (p == null) continue;
            if ((p.country().equals(MAINLAND) || atHome) && !settings.includeMainlandChina()) {
                sawMainland = true;
                continue;
            }
            owners.computeIfAbsent(p, x -> new LinkedHashSet<>()).addAll(m.owners());
            if (!places.contains(p)) places.add(p);
        }
        return f.withPlaces(places, owners, sawMainland && places.isEmpty());
    }

    private Place resolve(Findings.NamedPlace m, Set<String> sentenceCountries, Set<String> documentCountries) {
        for (Place p : m.values()) if (!p.isCity()) return p; // a country's name means the country
        // Two-character Chinese names are often parts of other words (松山 in 松山湖): they need their country named too.
        boolean hanShort = m.phrase().length() <= 2 && PhraseMatcherHan.isHan(m.phrase());
        boolean ambiguous = gazetteer.isAmbiguousName(m.phrase()) || hanShort;
        Place inSentence = null, inDocument = null, largest = null;
        for (Place p : m.values()) {
            if (sentenceCountries.contains(p.country()) && (inSentence == null || p.population() > inSentence.population())) inSentence = p;
            if (documentCountries.contains(p.country()) && (inDocument == null || p.population() > inDocument.population())) inDocument = p;
            if (largest == null || p.population() > largest.population()) largest = p;
        }
        if (inSentence != null) return inSentence;
        if (inDocument != null) return inDocument;
        if (hanShort) {
            // In Chinese text a short name is most often the Chinese city (南京): keep it, so mainland places are seen as such.
            for (Place p : m.values()) if (p.country().equals(MAINLAND)) return p;
        }
        return ambiguous ? null : largest;
    }

    private record Located<T>(T value, int distance) {}

    /**
     * Distance 0: the anchor sentence names the company. Otherwise the anchor must point back to it ("the
     * company", "its", "双方"): then the subject of the nearest of the two sentences before (1–2), which may itself
     * have pointed back ("Huawei arrived in 2011. The firm won contracts. It also opened…"), else the title (3).
     * Without a pointer, a sentence about Nokia's contracts would inherit the Huawei of the sentence before; a
     * sentence whose subject is a company we do not track ("Nokia won it") ends the search.
     */
    private List<Located<Company>> companiesFor(List<Findings> all, Subject[] subjects, int i, Findings title, Set<Company> awardees) {
        if (!all.get(i).companies().isEmpty()) return located(all.get(i).companies(), 0);
        // A tender's project sentences rarely name the winner: the award line does.
        if (!awardees.isEmpty()) return located(awardees, 3);
        if (!all.get(i).cues().reference()) return List.of();
        // "WuXi Biologics, which operates plants in Ireland, and WuXi XDC are separately listed; their boards…": a
        // sentence about a company we do not track does not borrow one of ours
        if (all.get(i).actors().groups() > 0 && all.get(i).actors().first().isEmpty() && startsWithOther(all.get(i))) return List.of();
        for (int d = 1; d <= BEFORE && i - d >= 0; d++) {
            Subject s = subjects[i - d];
            if (s.other()) return List.of();
            if (s.all().isEmpty()) continue;
            // "It also opened a training centre": it is the subject of the sentence that named the companies.
            return located(all.get(i).cues().referenceMany() ? s.all() : s.first(), d);
        }
        if (title != null && !title.companies().isEmpty()) return located(title.companies(), 3);
        return List.of();
    }

    /** Whether the sentence's first company name, in its first third, is one we do not track: its subject. */
    private static boolean startsWithOther(Findings f) {
        return f.actors().firstAt() >= 0 && f.actors().firstAt() < f.sentence().text().length() / 3;
    }

    /**
     * Who a sentence is about, for the sentences after it: the companies it names (the first group is its subject),
     * or those of the sentence it points back to; {@link #OTHER} when its actor is a company we do not track.
     */
    private record Subject(Set<Company> all, Set<Company> first, boolean other) {
        static final Subject NONE = new Subject(Set.of(), Set.of(), false);
        static final Subject OTHER = new Subject(Set.of(), Set.of(), true);
    }

    private static Subject[] subjects(List<Findings> all) {
        Subject[] out = new Subject[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Findings f = all.get(i);
            if (!f.companies().isEmpty()) {
                out[i] = new Subject(f.companies(), f.actors().first().isEmpty() ? f.companies() : f.actors().first(), false);
            } else if (f.cues().reference() && (out[i] = pointedTo(out, i)) != null) {
                // chained: "The firm won contracts" is about the company the sentence before was about
            } else {
                out[i] = f.actors().groups() > 0 ? Subject.OTHER : Subject.NONE;
            }
        }
        return out;
    }

    private static Subject pointedTo(Subject[] subjects, int i) {
        for (int d = 1; d <= BEFORE && i - d >= 0; d++) {
            Subject s = subjects[i - d];
            if (s.other()) return null;
            if (!s.all().isEmpty()) return s;
        }
        return null;
    }

    /**
     * Distance 0: the anchor sentence names the place. Else the sentence after or the two before (1–2), else an
     * earlier sentence of the same paragraph, the title, or the country the page is about (3): "It won contracts
     * with the state mobile operator" in a case study of Ecuador is in Ecuador. A sentence about a project at home
     * (a mainland place, "domestically") borrows nothing.
     */
    private List<Located<Place>> placesFor(List<Findings> all, int i, Findings title, int[] paragraphs, Place pageCountry) {
        Findings anchor = all.get(i);
        if (!anchor.places().isEmpty()) return located(anchor.places(), 0);
        if (anchor.mainlandOnly() || anchor.cues().domestic()) return List.of(); // a project in Shenzhen is not overseas presence
        // A rumour's places are not lent: "据传中兴将在哈拉雷建厂。该中心是中兴在东非的第二个培训中心" is not in Harare.
        for (int d = 1; d <= Math.max(BEFORE, AFTER); d++) {
            if (d <= AFTER && i + d < all.size() && lends(all.get(i + d))) return located(all.get(i + d).places(), d);
            if (d <= BEFORE && i - d >= 0 && lends(all.get(i - d))) return located(all.get(i - d).places(), d);
        }
        for (int j = i - BEFORE - 1; j >= 0 && paragraphs[j] == paragraphs[i]; j--) {
            if (lends(all.get(j))) return located(all.get(j).places(), 3);
        }
        if (title != null && !title.places().isEmpty()) return located(title.places(), 3);
        if (pageCountry != null) return List.of(new Located<>(pageCountry, 3));
        return List.of();
    }

    private static boolean lends(Findings f) {
        return !f.places().isEmpty() && !f.cues().hedge();
    }

    /** Each sentence's paragraph: a line break between two sentences starts a new one. */
    private static int[] paragraphs(String text, List<SentenceSplitter.Sentence> sentences) {
        int[] out = new int[sentences.size()];
        int paragraph = 0;
        for (int i = 1; i < sentences.size(); i++) {
            int newline = text.indexOf('\n', sentences.get(i - 1).end());
            if (newline >= 0 && newline < sentences.get(i).start()) paragraph++;
            out[i] = paragraph;
        }
        return out;
    }

    /**
     * The country a page is about, when one stands out: named in at least {@link #PAGE_COUNTRY_MIN} sentences and in
     * at least twice as many as any other (a country case study). Null otherwise: a page about many countries gives
     * none, and a sentence without a place there is not placed.
     */
    private static Place pageCountry(List<Findings> all, Findings title) {
        Map<String, Integer> sentencesNaming = new LinkedHashMap<>();
        Map<String, Place> country = new LinkedHashMap<>();
        for (Findings f : all) {
            Set<String> here = new LinkedHashSet<>();
            for (Place p : f.places()) {
                here.add(p.country());
                if (!p.isCity()) country.putIfAbsent(p.country(), p);
            }
            for (String c : here) sentencesNaming.merge(c, 1, Integer::sum);
        }
        String best = null;
        int first = 0, second = 0;
        for (Map.Entry<String, Integer> e : sentencesNaming.entrySet()) {
            if (e.getValue() > first) {
                second = first;
                first = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        if (best == null || first < PAGE_COUNTRY_MIN || first < 2 * second) return null;
        return country.get(best); // null when the page names only its cities: then the cities' sentences place themselves
    }

    private static final int PAGE_COUNTRY_MIN = 3;

    /**
     * The winners a tender names: companies in an award line ("Successful Bidder", "中标人") or in the
     * three lines after it, up to the list of losing bidders.
     */
    private Set<Company> awardees(List<Findings> all) {
        Set<Company> out = new LinkedHashSet<>();
        for (int i = 0; i < all.size(); i++) {
            String t = all.get(i).sentence().text();
            if (!gazetteer.wording(Wording.AWARD).foundIn(t) || gazetteer.wording(Wording.NOT_AWARD).foundIn(t)) continue;
            for (int j = i; j < Math.min(all.size(), i + 4); j++) {
                Findings f = all.get(j);
                if (j > i && gazetteer.wording(Wording.NOT_AWARD).foundIn(f.sentence().text())) break;
                out.addAll(f.companies());
                if (!f.companies().isEmpty()) break;
            }
        }
        return out;
    }

    private static <T> List<Located<T>> located(Iterable<T> values, int distance) {
        List<Located<T>> out = new ArrayList<>();
        for (T v : values) out.add(new Located<>(v, distance));
        return out;
    }

    private static Integer yearFor(List<Findings> all, int i, MinableDocument doc) {
        if (all.get(i).year() != null) return all.get(i).year();
        if (i > 0 && all.get(i - 1).year() != null) return all.get(i - 1).year();
        return doc.published() == null ? null : doc.published().getYear();
    }

    /**
     * In "data centres in Kenya and a 5G network in Thailand" each place belongs to the cue named closest
     * before it (or, with none before, closest after): Kenya to data centres, Thailand to 5G.
     */
    private static boolean nearestCue(Findings anchor, Place place, Category category, boolean placesHere) {
        List<Category> shown = categoriesOf(anchor, placesHere);
        if (shown.size() < 2) return true;
        // With places in the sentence (the only case this is asked) the categories shown are all those the sentence
        // cues, so the cue nearest each occurrence of a place could be settled while the sentence was read.
        assert shown.equals(anchor.categories()) : "cue owners were settled over every cue of the sentence";
        for (Category owner : anchor.owners().getOrDefault(place, Set.of())) {
            // "a safe city surveillance system in Nairobi": Nairobi belongs to the safe city that the cameras are part of.
            if (owner.equals(category) || owner.partOf().contains(category.id())) return true;
        }
        return false;
    }

    /**
     * A weak category (training, an office) yields to a project category named in the same sentence unless
     * the sentence names places (then {@link #nearestCue} decides); an MoU outranks the topics it covers ("a 5G cooperation MoU") unless the sentence says something is built.
     */
    private static List<Category> categoriesOf(Findings anchor, boolean placesHere) {
        for (Category c : anchor.categories()) {
            // ... but an agreement with a university or on joint research is that partnership ("签署合作协议，双方开展联合研究")
            if (c.id().equals(Category.MOU) && !anchor.cues().build() && anchor.categories().stream().noneMatch(CandidateMiner::isPartnership)) {
                return List.of(c);
            }
        }
        // With places in the sentence, each place goes to its nearest cue, weak or not ("a training centre in
        // Addis Ababa where engineers learn 5G"); without, a project category outranks the form of a deal.
        if (placesHere) return anchor.categories();
        List<Category> strong = anchor.categories().stream().filter(c -> !c.weak()).toList();
        return strong.isEmpty() ? anchor.categories() : strong;
    }

    private static boolean isPartnership(Category c) {
        return c.id().equals("university-partnership") || c.id().equals("research-partnership");
    }

    /**
     * 0.3 to start; up to +0.25 each for a company and a place in the anchor sentence itself (less the
     * further away they were found); +0.15 for project wording; +0.05 for a city; −0.35 for market,
     * user-number or ban wording; −0.4 for hedged wording (a rumour or an intention: below the default minimum,
     * so it is proposed only where an operator lowers {@code tracemap.mine.min-score}); −0.05 for a weak category;
     * −0.15 when the sentence names places in three or more countries.
     */
    static double score(Findings anchor, int companyDistance, int placeDistance, Category category, Place place) {
        double s = 0.3;
        s += proximity(companyDistance);
        s += proximity(placeDistance);
        if (anchor.project()) s += 0.15;
        if (anchor.notProject()) s -= 0.35;
        if (anchor.cues().hedge()) s -= 0.4; // below the default minimum however well placed: a rumour is not a data point
        if (category.weak()) s -= 0.05;
        if (place.isCity()) s += 0.05;
        // A sentence naming places in three or more countries is mostly a list, a comparison or background: on the dev
        // sets 4 of 31 such proposals were right.
        if (anchor.places().stream().map(Place::country).distinct().count() >= CROWDED_PLACES) s -= 0.15;
        return Math.max(0, Math.min(1, Math.round(s * 100) / 100.0));
    }

    /**
     * The parts of a candidate's evidence, by name, for a ranker that learns from reviewers' decisions. Names
     * are stable (a trained model refers to them); a new feature is a new name.
     */
    static Map<String, Double> features(Findings anchor, int companyDistance, int placeDistance, Category category, Place place) {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("company.distance", (double) companyDistance);
        f.put("company.inSentence", companyDistance == 0 ? 1.0 : 0.0);
        f.put("place.distance", (double) placeDistance);
        f.put("place.inSentence", placeDistance == 0 ? 1.0 : 0.0);
        f.put("place.isCity", place.isCity() ? 1.0 : 0.0);
        f.put("cue.project", anchor.project() ? 1.0 : 0.0);
        f.put("cue.notProject", anchor.notProject() ? 1.0 : 0.0);
        f.put("cue.hedge", anchor.cues().hedge() ? 1.0 : 0.0);
        f.put("category.weak", category.weak() ? 1.0 : 0.0);
        f.put("sentence.categories", (double) anchor.categories().size());
        f.put("sentence.companies", (double) anchor.companies().size());
        f.put("sentence.places", (double) anchor.places().size());
        f.put("score.rules", score(anchor, companyDistance, placeDistance, category, place));
        // what a learned ranker needs beyond the rule score: how reliable each category's cues are, and how the
        // company and the place were found (added with issue 11's prose work)
        f.put("category." + category.id(), 1.0);
        f.put("cue.reference", anchor.cues().reference() ? 1.0 : 0.0);
        f.put("cue.build", anchor.cues().build() ? 1.0 : 0.0);
        f.put("sentence.companyGroups", (double) anchor.actors().groups());
        f.put("sentence.countries", (double) anchor.places().stream().map(Place::country).distinct().count());
        f.put("place.fromPage", placeDistance >= 3 ? 1.0 : 0.0);
        return f;
    }

    private static final int CROWDED_PLACES = 3;

    private static double proximity(int distance) {
        return switch (distance) {
            case 0 -> 0.25;
            case 1 -> 0.15;
            case 2 -> 0.1;
            case 3 -> 0.1;
            default -> 0.0;
        };
    }

    /**
     * A category proposed for a company and country drops the categories that are usually its parts (partOf) when
     * they are quoted near it and score no better: the cameras of a safe-city project are the project, but a case
     * study's training programme three paragraphs after its safe city is a fact of its own.
     */
    private List<MinedCandidate> withoutParts(List<MinedCandidate> all) {
        Map<String, List<MinedCandidate>> byKey = new java.util.HashMap<>();
        for (MinedCandidate c : all) byKey.computeIfAbsent(c.company() + "|" + c.country() + "|" + c.category(), k -> new ArrayList<>()).add(c);
        List<MinedCandidate> out = new ArrayList<>();
        for (MinedCandidate c : all) {
            Category category = gazetteer.category(c.category()).orElseThrow();
            boolean part = false;
            for (String whole : category.partOf()) {
                for (MinedCandidate w : byKey.getOrDefault(c.company() + "|" + c.country() + "|" + whole, List.of())) {
                    if (Math.abs(w.quoteStart() - c.quoteStart()) <= PART_REACH && w.score() >= c.score()) part = true;
                }
            }
            if (!part) out.add(c);
        }
        return out;
    }

    /** How near (in characters) a part's quote must be to its whole's to be taken as part of it. */
    private static final int PART_REACH = 1200;

    /** A country-level candidate adds nothing when the same document gave the same one with its city. */
    private static List<MinedCandidate> withoutCountryDuplicates(java.util.Collection<MinedCandidate> all) {
        Set<String> withCity = new java.util.HashSet<>();
        for (MinedCandidate c : all) if (!c.city().isEmpty()) withCity.add(c.company() + "|" + c.category() + "|" + c.country());
        List<MinedCandidate> out = new ArrayList<>();
        for (MinedCandidate c : all) {
            if (c.city().isEmpty() && withCity.contains(c.company() + "|" + c.category() + "|" + c.country())) continue;
            out.add(c);
        }
        return out;
    }
}
