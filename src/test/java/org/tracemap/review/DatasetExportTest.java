package org.tracemap.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tracemap.Goldens;
import org.tracemap.catalog.DataPointStore.DataPoint;
import org.tracemap.catalog.DataPointStore.Source;
import org.tracemap.gazetteer.GazetteerLoader;

/** The three export formats, against golden files, and parsed back the way spreadsheets and GIS tools read them. */
class DatasetExportTest {
    private static final List<DataPoint> POINTS = List.of(
            new DataPoint(1, 2, "huawei", "smart-city-public-security", null, "Nairobi Safe City", "KE", "Nairobi", null, -1.28333, 36.81667,
                    "city", 2014, null, "1,800 cameras, \"command centre\"", List.of("surveillance", "police"), "alice", "2026-01-01T00:00:00Z",
                    "2026-01-02T00:00:00Z", List.of(
                            new Source("https://news.example.com/nairobi.html", "Huawei to build Nairobi safe city", "news.example.com",
                                    "20150303120000", "s1", "c1", "Kenya's Ministry of Interior signed a contract with Huawei in 2014."),
                            new Source("https://www.tenders.go.ke/award.pdf", "Award notice", "tenders.go.ke", "20150401080000", "s2", "c2",
                                    "=SUM(A1:A9) contract awarded to Huawei Technologies"))),
            new DataPoint(2, 1, "alibaba", "data-centre", null, "阿里云迪拜数据中心", "AE", "Dubai", null, 25.07725, 55.30927, "city", 2016, null,
                    null, List.of(), "bob", "2026-01-03T00:00:00Z", "2026-01-03T00:00:00Z", List.of(
                            new Source("https://www.example.cn/dubai.html", "阿里云在迪拜开设数据中心", "example.cn", "20160505000000", "s3", "c3",
                                    "2016年，阿里云宣布在阿联酋迪拜开设中东地区首个数据中心。"))));

    private final DatasetExport export = new DatasetExport(GazetteerLoader.bundled(), "http://archive.example.org/");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void csvMatchesGoldenAndParsesBackWithChineseIntact() throws Exception {
        String csv = export.csv(POINTS);
        Goldens.assertMatches("export/datapoints.csv", csv);
        assertThat(csv).startsWith("\uFEFF").contains("\r\n");
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(new StringReader(csv.substring(1)), CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = p.getRecords();
        }
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("description")).isEqualTo("1,800 cameras, \"command centre\"");
        assertThat(rows.get(0).get("sourceQuotes").split("\n")).hasSize(2);
        assertThat(rows.get(0).get("sourceQuotes").split("\n")[1]).startsWith("=SUM"); // inside the cell, not at its start
        assertThat(rows.get(0).get("countryName")).isEqualTo("Kenya");
        assertThat(rows.get(1).get("label")).isEqualTo("阿里云迪拜数据中心");
        assertThat(rows.get(1).get("sourceReplayUrls")).isEqualTo("http://archive.example.org/replay/20160505000000/https://www.example.cn/dubai.html");
    }

    @Test
    void formulaLikeCellsAreNeutralised() {
        assertThat(DatasetExport.safe("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(DatasetExport.safe("+1")).isEqualTo("'+1");
        assertThat(DatasetExport.safe("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(DatasetExport.safe("Nairobi")).isEqualTo("Nairobi");
    }

    @Test
    void geojsonMatchesGoldenAndIsAFeatureCollectionOfLonLatPoints() throws Exception {
        String geo = json.writerWithDefaultPrettyPrinter().writeValueAsString(export.geojson(POINTS));
        Goldens.assertMatches("export/datapoints.geojson", geo + "\n");
        JsonNode fc = json.readTree(geo);
        assertThat(fc.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(fc.path("features")).hasSize(2);
        for (JsonNode f : fc.path("features")) {
            assertThat(f.path("type").asText()).isEqualTo("Feature");
            assertThat(f.path("geometry").path("type").asText()).isEqualTo("Point");
            JsonNode c = f.path("geometry").path("coordinates");
            assertThat(c).hasSize(2);
            assertThat(c.get(0).asDouble()).isBetween(-180.0, 180.0);
            assertThat(c.get(1).asDouble()).isBetween(-90.0, 90.0);
            assertThat(f.path("properties").path("lat").isMissingNode()).isTrue(); // coordinates live in the geometry only
        }
        JsonNode nairobi = fc.path("features").get(0);
        assertThat(nairobi.path("geometry").path("coordinates").get(0).asDouble()).isEqualTo(36.81667);
        assertThat(nairobi.path("properties").path("sources").get(1).path("replayUrl").asText())
                .isEqualTo("http://archive.example.org/replay/20150401080000/https://www.tenders.go.ke/award.pdf");
    }

    @Test
    void jsonListsEveryPointWithItsSources() {
        var out = export.json(POINTS);
        assertThat(out.get("total")).isEqualTo(2);
        @SuppressWarnings("unchecked") var items = (List<java.util.Map<String, Object>>) out.get("items");
        assertThat(items.get(0)).containsEntry("id", "1").containsEntry("precision", "city");
        assertThat((List<?>) items.get(0).get("sources")).hasSize(2);
    }

    @Test
    void aPageCitedTwiceIsPublishedOnceWithItsQuote() throws Exception {
        // As a merge of a public submission into a point mined from the same page left it before review kept one source per URL.
        DataPoint twice = new DataPoint(3, 3, "huawei", "5g", null, null, "KE", "", null, 0.0236, 37.9062, "country", 2020, null, null,
                List.of(), "alice", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", List.of(
                        new Source("https://news.example/5g.html", "5G", "news.example", "20200101000000", "s9", "c9", null),
                        new Source("https://news.example/5g.html", "5G", "news.example", "20200101000000", "s9", "c9", "Huawei launched 5G in Kenya."),
                        new Source("https://other.example/5g.html", "5G too", "other.example", "20200102000000", "s8", "c8", "Safaricom and Huawei 5G.")));

        JsonNode view = json.valueToTree(export.json(List.of(twice)));
        JsonNode sources = view.path("items").get(0).path("sources");
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).path("url").asText()).isEqualTo("https://news.example/5g.html");
        assertThat(sources.get(0).path("quote").asText()).isEqualTo("Huawei launched 5G in Kenya.");

        CSVRecord row;
        try (CSVParser p = CSVParser.parse(new StringReader(export.csv(List.of(twice)).substring(1)),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            row = p.getRecords().get(0);
        }
        assertThat(row.get("sourceCount")).isEqualTo("2");
        assertThat(row.get("sourceUrls").split("\n")).containsExactly("https://news.example/5g.html", "https://other.example/5g.html");
        assertThat(row.get("sourceQuotes").split("\n")).containsExactly("Huawei launched 5G in Kenya.", "Safaricom and Huawei 5G.");

        JsonNode geo = json.valueToTree(export.geojson(List.of(twice)));
        assertThat(geo.path("features").get(0).path("properties").path("sourceCount").asInt()).isEqualTo(2);
    }
}
