package org.tracemap.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tracemap.catalog.CatalogException;
import org.tracemap.intake.InvalidInputException;

/**
 * The one place where HTTP meets Camel: turns the platform-http exchange into an {@link ApiRequest}, calls
 * a resource, and writes its {@link ApiResponse} back. Bad input becomes a 400 naming the field; anything
 * unexpected becomes a logged 500 — never a swallowed exception.
 */
public final class HttpBridge implements Processor {
    private static final Logger log = LoggerFactory.getLogger(HttpBridge.class);

    private final Function<ApiRequest, ApiResponse> resource;
    private final Set<String> pathParams;
    private final ObjectMapper json;

    public HttpBridge(Function<ApiRequest, ApiResponse> resource, ObjectMapper json, String... pathParams) {
        this.resource = resource;
        this.json = json;
        this.pathParams = Set.of(pathParams);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        ApiResponse response;
        try {
            response = resource.apply(toRequest(in));
        } catch (ApiException e) {
            response = ApiResponse.error(e.status(), e.getMessage(), e.field());
        } catch (InvalidInputException e) {
            response = ApiResponse.error(400, e.getMessage(), e.field());
        } catch (CatalogException e) {
            log.error("catalogue failure on {}", in.getHeader(Exchange.HTTP_URI), e);
            response = ApiResponse.error(503, "the catalogue is unavailable: " + e.getMessage(), null);
        } catch (RuntimeException e) {
            log.error("request {} failed", in.getHeader(Exchange.HTTP_URI), e);
            response = ApiResponse.error(500, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
        write(exchange.getMessage(), response);
    }

    private ApiRequest toRequest(Message in) {
        Map<String, String> headers = new HashMap<>();
        Map<String, String> params = new HashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (v == null) return;
            if (pathParams.contains(k)) params.put(k, v.toString());
            headers.put(k.toLowerCase(Locale.ROOT), v.toString());
        });
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        byte[] body = in.getBody(byte[].class);
        String client = hostOf(in.getHeader("CamelVertxPlatformHttpRemoteAddress", String.class));
        return new ApiRequest(in.getHeader(Exchange.HTTP_METHOD, "GET", String.class), uri == null ? "" : uri,
                parseQuery(query), headers, params, body == null ? new byte[0] : body, client);
    }

    /** The address without its port: "127.0.0.1:5123" and "[::1]:5123" give 127.0.0.1 and ::1. */
    static String hostOf(String socketAddress) {
        if (socketAddress == null) return null;
        String a = socketAddress.strip();
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close > 0 ? a.substring(1, close) : a;
        }
        int colon = a.lastIndexOf(':');
        return colon > 0 && a.indexOf(':') == colon ? a.substring(0, colon) : a;
    }

    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private void write(Message out, ApiResponse response) throws Exception {
        // Drop every request header so none leaks into the answer.
        out.getHeaders().clear();
        ResponseHeaders headers = ResponseHeaders.of(response.headers());
        headers.asMessageHeaders().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(Exchange.CONTENT_TYPE)) out.setHeader(name, value);
        });
        String contentType = headers.first(Exchange.CONTENT_TYPE);
        if (contentType != null) out.setHeader(Exchange.CONTENT_TYPE, contentType);
        // Control headers last: no resource header can reach them (ResponseHeaders refuses Camel's names).
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        Object body = response.body();
        if (body == null || body instanceof InputStream || body instanceof byte[] || body instanceof String) {
            out.setBody(body);
        } else {
            out.setBody(json.writeValueAsBytes(body));
        }
    }

    /**
     * The platform-http header filter for our routes ({@code camel.component.platform-http.headerFilterStrategy}):
     * Camel's HTTP default, except that Cache-Control reaches the client. The default drops it on the way out,
     * so the UI's {@code no-cache} never left the server. Camel's own names and the framing headers Vert.x
     * writes itself (Content-Length, Transfer-Encoding, Connection) stay filtered.
     */
    public static final class HeaderFilter extends HttpHeaderFilterStrategy {
        @Override
        protected void initialize() {
            super.initialize();
            getOutFilter().remove("cache-control");
        }
    }
}
