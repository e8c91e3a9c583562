package org.tracemap.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP request as the resources see it: no Camel types. Header names are lower-case. */
public record ApiRequest(String method, String rawUri, Map<String, List<String>> query, Map<String, String> headers,
                         Map<String, String> pathParams, byte[] body, String clientAddress) {

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) throw new ApiException(400, "missing path parameter " + name, name);
        return value;
    }
}
