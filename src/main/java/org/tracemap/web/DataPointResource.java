package org.tracemap.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.review.DataPointFilter;
import org.tracemap.review.DatasetExport;

/**
 * {@code GET /api/datapoints?format=json|csv|geojson&company=&category=&country=&yearFrom=&yearTo=}: the approved
 * dataset, each point with its sources; the optional filters (see {@link DataPointFilter}) let the map export
 * what it shows. Public when {@code tracemap.dataset.public} is true (the published map reads it); else any token.
 */
public final class DataPointResource {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private final DataPointStore datapoints;
    private final DatasetExport export;
    private final Authenticator auth;
    private final boolean isPublic;

    public DataPointResource(DataPointStore datapoints, DatasetExport export, Authenticator auth, boolean isPublic) {
        this.datapoints = datapoints;
        this.export = export;
        this.auth = auth;
        this.isPublic = isPublic;
    }

    public ApiResponse list(ApiRequest request) {
        if (!isPublic) auth.require(request, Role.Permission.READ);
        DatasetExport.Format format;
        try {
            format = DatasetExport.Format.parse(request.queryParam("format").orElse("json"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), "format");
        }
        DataPointFilter filter = filterOf(request);
        List<DataPointStore.DataPoint> all = datapoints.all().stream().filter(filter).toList();
        String disposition = "inline; filename=\"tracemap-datapoints." + format.extension() + "\"";
        return switch (format) {
            case JSON -> ApiResponse.json(200, export.json(all));
            case CSV -> new ApiResponse(200, List.of(Map.entry("Content-Type", format.contentType()),
                    Map.entry("Content-Disposition", disposition.replace("inline", "attachment"))), export.csv(all));
            case GEOJSON -> new ApiResponse(200, List.of(Map.entry("Content-Type", format.contentType()),
                    Map.entry("Content-Disposition", disposition)), export.geojson(all));
        };
    }

    /** One data point as the API shows it, if it exists. */
    java.util.Optional<Map<String, Object>> find(long id) {
        return datapoints.find(id).map(export::view);
    }

    static DataPointFilter filterOf(ApiRequest request) {
        String company = matching(request, "company", ID, "a company id such as huawei");
        String category = matching(request, "category", ID, "a category id such as data-centre");
        String country = matching(request, "country", COUNTRY, "an ISO 3166 alpha-2 code such as KE");
        Integer from = request.queryParam("yearFrom").filter(s -> !s.isBlank()).isPresent()
                ? CandidateResource.intParam(request, "yearFrom", 0, 1000, 9999) : null;
        Integer to = request.queryParam("yearTo").filter(s -> !s.isBlank()).isPresent()
                ? CandidateResource.intParam(request, "yearTo", 0, 1000, 9999) : null;
        try {
            return new DataPointFilter(company, category, country, from, to);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), "yearFrom");
        }
    }

    /** The parameter's value, null when absent or empty (the form's "any"); a 400 naming it when malformed. */
    private static String matching(ApiRequest request, String name, Pattern pattern, String expected) {
        Optional<String> raw = request.queryParam(name).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) return null;
        if (!pattern.matcher(raw.get()).matches()) throw new ApiException(400, name + " must be " + expected, name);
        return raw.get();
    }

    Map<String, Object> view(DataPointStore.DataPoint p) {
        return export.view(p);
    }
}
