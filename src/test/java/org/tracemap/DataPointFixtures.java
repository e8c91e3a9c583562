package org.tracemap;

import java.util.List;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.catalog.DataPointStore.DataPoint;
import org.tracemap.catalog.DataPointStore.Source;

/**
 * Approved data points written straight into a server's catalogue, for tests of what reads the dataset (the
 * map, the export filters) that need no capture-mine-review round first. Three points: Huawei's Nairobi safe
 * city (2014, Kenya), ZTE's 5G in Addis Ababa (2019, Ethiopia) and Huawei's Dubai data centre (2016, UAE).
 */
public final class DataPointFixtures {
    private DataPointFixtures() {}

    public static final List<DataPoint> THREE = List.of(
            point("huawei", "smart-city-public-security", "Nairobi safe city", "KE", "Nairobi", -1.29, 36.82, 2014,
                    new Source("https://news.example.org/nairobi", "Huawei to build Nairobi safe city", "Example News", "20150303120000", null, null,
                            "Kenya's Ministry of Interior signed a contract with Huawei in 2014 to build a safe city system in Nairobi.")),
            point("zte", "5g", "Addis Ababa 5G trial", "ET", "Addis Ababa", 9.03, 38.74, 2019,
                    new Source("https://news.example.org/addis", "ZTE and Ethio Telecom trial 5G", null, "20190601090000", null, null,
                            "ZTE and Ethio Telecom launched a 5G trial network in Addis Ababa in 2019.")),
            point("huawei", "data-centre", "Dubai data centre", "AE", "Dubai", 25.2, 55.27, 2016,
                    new Source("https://news.example.org/dubai", "Huawei cloud region in Dubai", null, "20161010000000", null, null,
                            "Huawei opened a data centre in Dubai in 2016.")));

    private static DataPoint point(String company, String category, String label, String country, String city, double lat, double lon, int year,
                                   Source source) {
        return new DataPoint(0, 1, company, category, null, label, country, city, null, lat, lon, "city", year, null,
                label + ": seeded for a test.", List.of(), "test", null, null, List.of(source));
    }

    /** Inserts the points as approved, with their sources. */
    public static void seed(Tracemap tracemap, List<DataPoint> points) {
        DataPointStore store = tracemap.datapoints();
        tracemap.catalog().write(c -> {
            for (DataPoint p : points) {
                long id = store.insertWithin(c, p);
                store.addSourcesWithin(c, id, p.sources());
            }
            return null;
        });
    }
}
