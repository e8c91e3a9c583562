package org.tracemap.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
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
import java.util.stream.StreamSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
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

    /**
     * The registry name of the {@link ClientAddresses} every bridge resolves client addresses with (trusted
     * proxies); without one bound, the connection's peer is the client.
     */
    public static final String CLIENT_ADDRESSES = "clientAddresses";

    private final Function<ApiRequest, ApiResponse> resource;
    private final Set<String> pathParams;
    private final ObjectMapper json;
    private volatile ClientAddresses clients;

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
            response = resource.apply(toRequest(in, clients(exchange)));
        } catch (ApiException e) {
            response = ApiResponse.error(e);
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

    private ClientAddresses clients(Exchange exchange) {
        ClientAddresses c = clients;
        if (c == null) {
            c = exchange.getContext().getRegistry().lookupByNameAndType(CLIENT_ADDRESSES, ClientAddresses.class);
            clients = c = c == null ? ClientAddresses.none() : c;
        }
        return c;
    }

    private ApiRequest toRequest(Message in, ClientAddresses clients) {
        Map<String, String> headers = new HashMap<>();
        Map<String, String> params = new HashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (v == null) return;
            // A repeated header arrives as a list; RFC 9110 lets its values be joined with commas.
            String value = v instanceof Iterable<?> all ? String.join(", ", StreamSupport.stream(all.spliterator(), false)
                    .map(String::valueOf).toList()) : v.toString();
            if (pathParams.contains(k)) params.put(k, value);
            headers.put(k.toLowerCase(Locale.ROOT), value);
        });
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        byte[] body = in.getBody(byte[].class);
        // The socket's peer (set by the server, not a request header); forwarded headers count only from trusted proxies.
        String client = clients.resolve(hostOf(in.getHeader("CamelVertxPlatformHttpRemoteAddress", String.class)), headers.get("x-forwarded-for"));
        return new ApiRequest(in.getHeader(Exchange.HTTP_METHOD, "GET", String.class), uri == null ? "" : uri,
                parseQuery(query), headers, params, body == null ? new byte[0] : body, client);
    }

    /**
     * Makes the HTTP server's own answers JSON {@code {"error"}} like every other error: no route for the path
     * (404), a method the route does not take (405), a body over the server's limit (413), and failures
     * outside any resource (400, 500). The server's defaults are HTML or empty bodies.
     */
    public static void answerServerErrorsAsJson(CamelContext camel, ObjectMapper json, long maxBodyBytes) {
        // One per HTTP server (registered under a name made from its port); none when this process serves no HTTP.
        for (var platform : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            // The routes live on a sub-router; answers for requests no route takes come from the server's main router.
            Handler<HttpServerRequest> top = platform.getServer().getServer().requestHandler();
            answerErrorsAsJson(top instanceof Router main ? main : platform, json, maxBodyBytes);
        }
    }

    private static void answerErrorsAsJson(Router router, ObjectMapper json, long maxBodyBytes) {
        Map<Integer, Function<RoutingContext, String>> messages = Map.of(
                400, ctx -> "bad request: " + (ctx.failure() == null ? "the server could not read it" : ctx.failure().getMessage()),
                404, ctx -> "no such resource: " + ctx.request().path(),
                405, ctx -> ctx.request().method() + " is not allowed on " + ctx.request().path(),
                413, ctx -> "request body is larger than " + maxBodyBytes + " bytes",
                500, ctx -> "internal error");
        messages.forEach((status, message) -> router.errorHandler(status, ctx -> {
            if (status == 500 && ctx.failure() != null) log.error("request {} failed in the HTTP server", ctx.request().path(), ctx.failure());
            if (ctx.response().ended() || ctx.response().headWritten()) return;
            byte[] body;
            try {
                body = json.writeValueAsBytes(Map.of("error", message.apply(ctx)));
            } catch (IOException e) {
                body = "{\"error\":\"internal error\"}".getBytes(StandardCharsets.UTF_8);
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(body));
        }));
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

    /**
     * The query string's parameters, percent-decoded as UTF-8. Characters a client sent unencoded (curl sends
     * {@code ?q=智慧城市} as raw UTF-8 bytes) are read as UTF-8 too: the HTTP server hands the request line over
     * one character per byte (ISO-8859-1), see {@link #rawBytesAsUtf8}.
     */
    static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) return out;
        for (String pair : rawBytesAsUtf8(query).split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    /**
     * {@code raw} read again as UTF-8 when it is what a request line of UTF-8 bytes becomes when each byte is
     * taken for a character (Netty reads the request line as ISO-8859-1): only characters up to U+00FF, some
     * above U+007F, and those bytes valid UTF-8. Anything else (plain ASCII, percent-encoded, already decoded
     * text, or bytes that are not UTF-8) is returned as it is.
     */
    static String rawBytesAsUtf8(String raw) {
        boolean high = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c > 0xFF) return raw;
            if (c > 0x7F) high = true;
        }
        if (!high) return raw;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            return raw;
        }
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
