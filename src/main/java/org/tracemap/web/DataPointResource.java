package org.tracemap.web;

import java.util.List;
import java.util.Map;
import org.tracemap.catalog.DataPointStore;
import org.tracemap.review.DatasetExport;

/**
 * {@code GET /api/datapoints?format=json|csv|geojson}: the approved dataset, each point with its sources.
 * Public when {@code tracemap.dataset.public} is true (the published map reads it); else any token.
 */
public final class DataPointResource {
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
        List<DataPointStore.DataPoint> all = datapoints.all();
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

    Map<String, Object> view(DataPointStore.DataPoint p) {
        return export.view(p);
    }
}
