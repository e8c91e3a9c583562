package org.tracemap.gazetteer;

/**
 * A country (city empty) or a city, with the coordinate a data point at that precision is mapped to.
 *
 * @param country    ISO 3166-1 alpha-2
 * @param city       English city name; empty for a country
 * @param population 0 for countries; ranks cities that share a name
 */
public record Place(String country, String city, double lat, double lon, long population) {
    public boolean isCity() {
        return !city.isEmpty();
    }
}
