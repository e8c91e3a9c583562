package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Red-team item 3 at the bridge: headers a resource answers with (a replay's come from an archived site) are
 * HTTP headers only; they can never set Camel's control headers, and our security headers replace theirs.
 */
class HttpBridgeTest {
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void tearDown() throws Exception {
        camel.close();
    }

    private Message answer(Function<ApiRequest, ApiResponse> resource) throws Exception {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getIn().setHeader(Exchange.HTTP_URI, "/replay/2026/http://example.org/");
        exchange.getIn().setHeader("X-Frame-Options", "from the request: must not leak into the answer");
        new HttpBridge(resource, new ObjectMapper()).process(exchange);
        return exchange.getMessage();
    }

    @Test
    void aResourceHeaderNamedLikeACamelControlHeaderIsRefusedAndTheStatusStands() throws Exception {
        Message out = answer(request -> new ApiResponse(200, List.of(Map.entry("CamelHttpResponseCode", "299"),
                Map.entry("camelHttpUri", "/api/tokens"), Map.entry("org.apache.camel.Anything", "x"), Map.entry("Content-Type", "text/plain")), "ok"));

        assertThat(out.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(out.getHeaders()).containsOnlyKeys(Exchange.HTTP_RESPONSE_CODE, "Content-Type", "X-Content-Type-Options",
                "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy");
    }

    @Test
    void ourSecurityHeadersReplaceAResourcesValuesInsteadOfJoiningThem() throws Exception {
        Message out = answer(request -> new ApiResponse(200, List.of(Map.entry("x-content-type-options", "sniff"),
                Map.entry("Content-Type", "text/plain")), "ok"));

        assertThat(out.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aHeaderGivenTwiceIsTwoHeaderLinesNotOneJoinedValue() throws Exception {
        Message out = answer(request -> new ApiResponse(200, List.of(Map.entry("X-Archive-Orig-Vary", "Accept"),
                Map.entry("x-archive-orig-vary", "Cookie")), "ok"));

        assertThat(out.getHeader("X-Archive-Orig-Vary")).isEqualTo(List.of("Accept", "Cookie"));
    }

    @Test
    void aHeaderThatCannotBeWrittenIsLeftOutRatherThanFailingTheAnswer() throws Exception {
        Message out = answer(request -> new ApiResponse(200, List.of(Map.entry("X-Split", "a\r\nSet-Cookie: x=1"),
                Map.entry("Bad Name", "v"), Map.entry("X-Fine", "v")), "ok"));

        assertThat(out.getHeaders()).doesNotContainKeys("X-Split", "Bad Name").containsEntry("X-Fine", "v");
        assertThat(out.getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
    }

    @Test
    void jsonAnswersCarryNosniffAndAPolicyThatForbidsFramingAndLoading() throws Exception {
        Message out = answer(request -> ApiResponse.json(200, Map.of("items", List.of())));

        assertThat(out.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(out.getHeader("Content-Security-Policy", String.class)).contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(out.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void aResourcesOwnPolicyIsKept() throws Exception {
        Message out = answer(request -> new ApiResponse(200, List.of(Map.entry("Content-Security-Policy", "sandbox; default-src 'self'"),
                Map.entry("X-Frame-Options", "SAMEORIGIN")), "ok"));

        assertThat(out.getHeader("Content-Security-Policy")).isEqualTo("sandbox; default-src 'self'");
        assertThat(out.getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    }

    @Test
    void queryParametersSentAsRawUtf8BytesAreReadAsUtf8AndPercentEncodingStillWorks() {
        String raw = new String("q=智慧城市+华为&lang=zh".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(HttpBridge.parseQuery(raw)).containsEntry("q", List.of("智慧城市 华为")).containsEntry("lang", List.of("zh"));
        assertThat(HttpBridge.parseQuery("q=%E5%8D%8E%E4%B8%BA%20x")).containsEntry("q", List.of("华为 x"));
        String mixed = new String("q=华为%20津巴布韦".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(HttpBridge.parseQuery(mixed)).containsEntry("q", List.of("华为 津巴布韦"));
        assertThat(HttpBridge.parseQuery("q=caf\u00e9")).as("not UTF-8 bytes: left as they came").containsEntry("q", List.of("caf\u00e9"));
        assertThat(HttpBridge.parseQuery("q=华为")).as("already text").containsEntry("q", List.of("华为"));
    }
}
