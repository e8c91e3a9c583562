package org.tracemap.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tracemap.gazetteer.PlaceFinder.Suggestion;

/** The place picker's search over the bundled gazetteer: names in English and Chinese, variants, codes, ranking, limits. */
class PlaceFinderTest {
    private static final PlaceFinder PLACES = new PlaceFinder(GazetteerLoader.bundled());

    @Test
    void englishPrefixFindsTheCountryFirst() {
        Suggestion first = PLACES.find("Serb", 10).get(0);
        assertThat(first.kind()).isEqualTo("country");
        assertThat(first.country()).isEqualTo("RS");
        assertThat(first.countryName()).isEqualTo("Serbia");
        assertThat(first.countryNameZh()).isEqualTo("塞尔维亚");
        assertThat(first.city()).isNull();
        assertThat(first.label()).isEqualTo("Serbia");
        assertThat(first.lat()).isEqualTo(44.0);
        assertThat(first.lon()).isEqualTo(21.0);
    }

    @Test
    void chineseCountryNameFindsSerbia() {
        assertThat(PLACES.find("塞尔维亚", 10)).first().extracting(Suggestion::country, Suggestion::kind).containsExactly("RS", "country");
    }

    @Test
    void cityFoundByItsEnglishOrChineseNameCarriesItsCountry() {
        for (String typed : List.of("Belgrade", "belgrade", "贝尔格莱德")) {
            Suggestion first = PLACES.find(typed, 5).get(0);
            assertThat(first.kind()).as(typed).isEqualTo("city");
            assertThat(first.city()).isEqualTo("Belgrade");
            assertThat(first.cityZh()).isEqualTo("贝尔格莱德");
            assertThat(first.country()).isEqualTo("RS");
            assertThat(first.label()).isEqualTo("Belgrade, Serbia");
            assertThat(first.lat()).isBetween(44.7, 44.9);
        }
    }

    @Test
    void isoCodeAndVariantsFindTheirCountry() {
        assertThat(PLACES.find("rs", 10).get(0).country()).isEqualTo("RS");
        assertThat(PLACES.find("KE", 10).get(0).countryName()).isEqualTo("Kenya");
        assertThat(PLACES.find("UAE", 10).get(0).country()).isEqualTo("AE");
        assertThat(PLACES.find("阿联酋", 10).get(0).country()).isEqualTo("AE");
        assertThat(PLACES.find("Wien", 10).get(0).city()).isEqualTo("Vienna"); // another name of a city
    }

    @Test
    void accentsAndSpacesDoNotMatter() {
        assertThat(PLACES.find("  sao   paulo ", 3)).extracting(Suggestion::city).contains("São Paulo");
    }

    @Test
    void exactBeatsPrefixBeatsSubstringAndCountriesComeBeforeCitiesOfEqualMatch() {
        // "Kuwait" is a country and Kuwait City a city starting with it: the exact country first.
        List<Suggestion> kuwait = PLACES.find("Kuwait", 10);
        assertThat(kuwait.get(0).kind()).isEqualTo("country");
        // "Guinea": the exact country before the countries that merely contain the word (Equatorial Guinea, Guinea-Bissau).
        List<Suggestion> guinea = PLACES.find("Guinea", 10);
        assertThat(guinea.get(0).country()).isEqualTo("GN");
        int bissau = indexOf(guinea, "GW");
        int equatorial = indexOf(guinea, "GQ");
        assertThat(bissau).isPositive(); // prefix
        assertThat(equatorial).isGreaterThan(bissau); // substring after prefix
    }

    @Test
    void largerCitiesComeFirstAmongEqualMatches() {
        List<Suggestion> cities = PLACES.find("San ", 50).stream().filter(s -> s.kind().equals("city")).toList();
        assertThat(cities).hasSizeGreaterThan(5);
        // Same match level (prefix) all along, so the order is by population: check it against the gazetteer.
        Gazetteer g = GazetteerLoader.bundled();
        List<Long> populations = cities.stream().map(s -> g.city(s.country(), s.city()).orElseThrow().population()).toList();
        assertThat(populations).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void limitAndBlankTextAreRespected() {
        assertThat(PLACES.find("a", 7)).hasSize(7);
        assertThat(PLACES.find("a", 50)).hasSize(50);
        assertThat(PLACES.find("   ", 10)).isEmpty();
        assertThat(PLACES.find("Serb", 0)).isEmpty();
        assertThat(PLACES.find("no such place anywhere", 10)).isEmpty();
    }

    private static int indexOf(List<Suggestion> list, String iso2) {
        for (int i = 0; i < list.size(); i++) if (list.get(i).kind().equals("country") && list.get(i).country().equals(iso2)) return i;
        return -1;
    }
}
