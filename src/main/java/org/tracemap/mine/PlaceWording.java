package org.tracemap.mine;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tracemap.gazetteer.Gazetteer;
import org.tracemap.gazetteer.Wording;
import org.tracemap.gazetteer.PhraseMatcher;
import org.tracemap.gazetteer.Place;

/**
 * When a place a sentence names is not where its project is: a country that helps, lends or sanctions, an
 * organisation's home ("a Luxembourg-based group"), a city inside a longer name ("Faria Lima", "Cairo Road",
 * "San Salvador-de-Jujuy"). The wording around countries is data (context.yaml {@code notLocationBefore},
 * {@code notLocationAfter}); the shape of names is here.
 */
final class PlaceWording {
    private final Gazetteer gazetteer;

    PlaceWording(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** Whether the place named at [start, end) of the sentence is not a location of what the sentence reports. */
    boolean notTheLocation(String t, int start, int end, List<Place> values, List<CompanyMention> mentions) {
        if (actsOnOthers(t, start, end, values)) return true;     // "with help from Russia", "the US sanctioned"
        // "the Shenzhen-based vendor", "a Singapore-based analyst" are from there, which does not place anything there;
        // "the Hong Kong-headquartered arm" of one of ours is an office, and stays a place
        Matcher home = HOME_OF.matcher(t).region(end, t.length());
        if (home.lookingAt() && (values.stream().allMatch(p -> p.country().equals("CN"))
                || !OUR_UNIT.matcher(t).region(home.end(), t.length()).lookingAt())) return true;
        if (PART_OF_A_NAME.matcher(t).region(end, t.length()).lookingAt()) return true; // "San Salvador-de-Jujuy"
        if (afterAName(t, start, values, mentions)) return true;  // "Faria Lima" is a street in São Paulo, not Lima
        return STREET.matcher(t).region(end, t.length()).lookingAt() && values.stream().allMatch(Place::isCity); // "Cairo Road"
    }

    /** After a place's name: it is an organisation's home ("a Luxembourg-based group"), not where a project is. */
    private static final Pattern HOME_OF = Pattern.compile("[-\u2010\u2011 ](based|headquartered|listed)\\b");
    /** Words that may stand capitalised before a city's name without making it part of another name. */
    private static final Set<String> BEFORE_A_CITY = Set.of("north", "south", "east", "west", "central", "greater", "downtown", "metro",
            "metropolitan", "old", "inner", "outer", "northern", "southern", "eastern", "western", "in", "at", "near", "from", "to", "and",
            "the", "of", "outside", "across", "around", "between", "with", "for", "by", "on", "while", "since", "as", "but", "both");

    /**
     * A city's name right after a capitalised word that is not one of {@link #BEFORE_A_CITY} is the end of a longer name
     * ("Faria Lima", "Avenida Paulista"): not that city. Countries are never read this way ("Huawei Kenya" is Kenya).
     */
    private static boolean afterAName(String t, int start, List<Place> values, List<CompanyMention> mentions) {
        for (Place p : values) if (!p.isCity()) return false;
        int e = start;
        if (e < 2 || t.charAt(e - 1) != ' ') return false;
        int b = e - 1;
        while (b > 0 && Character.isLetter(t.charAt(b - 1))) b--;
        if (b == e - 1 || !Character.isUpperCase(t.charAt(b))) return false;
        if (b == 0) return false; // the sentence's first word is capitalised anyway
        String word = t.substring(b, e - 1).toLowerCase(java.util.Locale.ROOT);
        for (CompanyMention m : mentions) if (m.start() <= b && m.end() >= e - 1) return false; // "Alibaba Cloud Kuala Lumpur"
        return !BEFORE_A_CITY.contains(word);
    }

    /** After a city's name: a street, so the city names the street ("Cairo Road" in Lusaka, "Nairobi Avenue"). */
    private static final Pattern STREET = Pattern.compile("\\s+(?:Road|Street|St\\.|Avenue|Ave\\.|Boulevard|Highway|Lane|Drive|Way|Square|Gate|Terrace|Crescent|路|大道|大街)\\b");

    /** After "X-based": the words that make X the seat of a unit of a company ("overseas arm", "subsidiary"). */
    private static final Pattern OUR_UNIT = Pattern.compile("(?:\\s+[\\p{L}-]+){0,2}?\\s+(?:arm|unit|subsidiary|office|division|branch|entity|affiliate)\\b",
            Pattern.CASE_INSENSITIVE);

    /** After a place's name: a hyphen and more name, so the place is only part of a longer one. */
    private static final Pattern PART_OF_A_NAME = Pattern.compile("[-\u2010\u2011][\\p{Lu}\\p{IsHan}]");

    /** What may stand between "help from" and a country in a list of countries: other names, commas, "and". */
    private static final Pattern LIST_OF_NAMES = Pattern.compile("[\\p{L}\\s,、，'’.-]{0,40}");

    /**
     * A country right after "with help from", "financed by" (or in a list right after it), or right before
     * "helped", "sanctioned": it acts on a project elsewhere, it is not where the project is. Only countries:
     * a city is where something is.
     */
    private boolean actsOnOthers(String sentence, int start, int end, List<Place> values) {
        boolean country = false;
        for (Place p : values) if (!p.isCity()) country = true;
        if (!country) return false;
        String before = sentence.substring(Math.max(0, start - 60), start);
        for (PhraseMatcher.Match<Boolean> m : gazetteer.wording(Wording.NOT_LOCATION_BEFORE).find(before)) {
            String between = before.substring(m.end());
            if (LIST_OF_NAMES.matcher(between).matches() && between.split("\\s+").length <= 6) return true;
        }
        String after = sentence.substring(end, Math.min(sentence.length(), end + 30));
        for (PhraseMatcher.Match<Boolean> m : gazetteer.wording(Wording.NOT_LOCATION_AFTER).find(after)) {
            String between = after.substring(0, m.start()).strip();
            // "the US sanctioned", "Iran, which has helped": only a few words between the name and the verb.
            if (between.isEmpty() || between.matches("(?i)(and [\\p{L} ]{1,20}|,? which|,? who|have|has|had|also|,)")) return true;
        }
        return false;
    }
}
