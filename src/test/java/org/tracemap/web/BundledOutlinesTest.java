package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The country outlines the map draws when no tile server is configured. Leaflet draws on a plane: a ring whose
 * longitude jumps from 180 to -180 is drawn as an edge across the whole map (the horizontal stripes the map
 * used to show), so no edge may span more than 180° (tools/map/split_antimeridian.py cuts them).
 */
class BundledOutlinesTest {
    private static JsonNode world;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = BundledOutlinesTest.class.getClassLoader().getResourceAsStream("web/world-110m.geojson")) {
            assertThat(in).as("web/world-110m.geojson on the classpath").isNotNull();
            world = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void noEdgeCrossesTheAntimeridian() {
        List<String> crossing = new ArrayList<>();
        for (JsonNode feature : world.get("features")) {
            for (JsonNode ring : rings(feature)) {
                for (int i = 1; i < ring.size(); i++) {
                    double from = ring.get(i - 1).get(0).asDouble();
                    double to = ring.get(i).get(0).asDouble();
                    if (Math.abs(from - to) > 180) crossing.add(feature.at("/properties/name").asText() + " " + ring.get(i - 1) + " -> " + ring.get(i));
                }
            }
        }
        assertThat(crossing).isEmpty();
    }

    @Test
    void everyRingIsClosedAndOnTheMap() {
        for (JsonNode feature : world.get("features")) {
            for (JsonNode ring : rings(feature)) {
                assertThat(ring.get(0)).as(feature.at("/properties/name").asText()).isEqualTo(ring.get(ring.size() - 1));
                for (JsonNode point : ring) {
                    assertThat(point.get(0).asDouble()).isBetween(-180.0, 180.0);
                    assertThat(point.get(1).asDouble()).isBetween(-90.0, 90.0);
                }
            }
        }
    }

    @Test
    void countriesAcrossTheAntimeridianKeepBothSides() {
        for (String name : List.of("Russia", "Fiji")) {
            JsonNode feature = feature(name);
            boolean east = false;
            boolean west = false;
            for (JsonNode ring : rings(feature)) {
                for (JsonNode point : ring) {
                    east |= point.get(0).asDouble() > 170;
                    west |= point.get(0).asDouble() < -170 && point.get(0).asDouble() > -180; // Chukotka, Fiji's eastern isles
                }
            }
            assertThat(east && west).as(name + " has land on both sides of 180°").isTrue();
        }
    }

    private static JsonNode feature(String name) {
        for (JsonNode feature : world.get("features")) {
            if (feature.at("/properties/name").asText().equals(name)) return feature;
        }
        throw new AssertionError("no feature named " + name);
    }

    private static List<JsonNode> rings(JsonNode feature) {
        JsonNode geometry = feature.get("geometry");
        List<JsonNode> out = new ArrayList<>();
        if (geometry == null || geometry.isNull()) return out;
        JsonNode coordinates = geometry.get("coordinates");
        if (geometry.get("type").asText().equals("Polygon")) {
            coordinates.forEach(out::add);
        } else {
            coordinates.forEach(polygon -> polygon.forEach(out::add));
        }
        return out;
    }
}
