package org.tracemap.gazetteer;

/**
 * A country (city empty) or a city, with the coordinate a data point at that precision is mapped to.
 *
 * @param country    ISO 3166-1 alpha-2
 * @param city       English city name; empty for a country
 * @param population 0 for countries; ranks cities that share a name
 */
public record Place(String country, String city, double lat, double lon, long population) {
    /** What a phrase of places/not-places.txt stands for: no place ("Indian Ocean" is not India). */
    public static final Place NONE = new Place("", "", 0, 0, 0);

    public boolean isNone() {
        return country.isEmpty();
    }

    public boolean isCity() {
        return !city.isEmpty();
    }
}
