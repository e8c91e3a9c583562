package org.tracemap.ranker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The names of a candidate's features: the one list a trained model's weights refer to. A name, once used,
 * keeps its meaning; a new measurement is a new name (a model that does not know it gives it no weight).
 *
 * <p>From the miner ({@code CandidateMiner.features}), for the quote's anchor sentence:
 * <ul>
 *   <li>{@code company.distance}, {@code place.distance}: sentences between the anchor and where the company /
 *       place was found (0 = the same sentence); {@code company.inSentence}, {@code place.inSentence}: 1 when 0</li>
 *   <li>{@code place.isCity}: 1 when the place is a city, 0 for a country</li>
 *   <li>{@code cue.project}, {@code cue.notProject}, {@code cue.hedge}: project wording, market/ban wording,
 *       hedged wording ("may", "reportedly", 据传) in the sentence (1 or 0)</li>
 *   <li>{@code category.weak}: the category is marked weak in categories.yaml</li>
 *   <li>{@code sentence.categories}, {@code sentence.companies}, {@code sentence.places}: how many the sentence names</li>
 *   <li>{@code score.rules}: the hand-set rule score (0 to 1)</li>
 *   <li>{@code category.<id>} (e.g. {@code category.telecom-ict-project}): 1 for the candidate's category, absent
 *       otherwise, so a model learns how reliable each category's cues are</li>
 *   <li>{@code cue.reference}, {@code cue.build}: the sentence points back to a company ("it", "the firm"), says
 *       something is built (1 or 0)</li>
 *   <li>{@code sentence.companyGroups}: groups of companies the sentence names ("Huawei and ZTE" is one, untracked
 *       companies count); {@code sentence.countries}: distinct countries of its places</li>
 *   <li>{@code place.fromPage}: 1 when the place came from the paragraph, the title or the page's country</li>
 * </ul>
 * From the source, added by the mine stage ({@link #ofSource}): {@code source.html}, {@code source.pdf} (the
 * archived content type), {@code lang.en}, {@code lang.zh} (the extracted text's language); 1 or 0.
 */
public final class FeatureNames {
    public static final String HEDGE = "cue.hedge";
    public static final String RULE_SCORE = "score.rules";
    public static final String SOURCE_HTML = "source.html";
    public static final String SOURCE_PDF = "source.pdf";
    public static final String LANG_EN = "lang.en";
    public static final String LANG_ZH = "lang.zh";

    private FeatureNames() {}

    /** The source-kind features of a snapshot with this content type whose text is in {@code lang} (either may be null). */
    public static Map<String, Double> ofSource(String contentType, String lang) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        String language = lang == null ? "" : lang.toLowerCase(Locale.ROOT);
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(SOURCE_HTML, type.contains("html") ? 1.0 : 0.0);
        f.put(SOURCE_PDF, type.contains("pdf") ? 1.0 : 0.0);
        f.put(LANG_EN, language.startsWith("en") ? 1.0 : 0.0);
        f.put(LANG_ZH, language.startsWith("zh") ? 1.0 : 0.0);
        return f;
    }
}
