package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Red-team items 5 and 6: the UI cannot be framed, and only files under /ui/ run as its scripts. */
class UiPolicyTest {
    private static ApiRequest withHost(String host) {
        return new ApiRequest("GET", "/ui/", Map.of(), host == null ? Map.of() : Map.of("host", host), Map.of(), new byte[0], "127.0.0.1");
    }

    private static Optional<String> directive(String csp, String name) {
        return Arrays.stream(csp.split(";")).map(String::strip).filter(d -> d.startsWith(name + " ")).findFirst();
    }

    @Test
    void scriptsAndStylesComeOnlyFromTheUiPathOfTheOriginTheBrowserUsed() {
        String csp = new UiPolicy("", "127.0.0.1:8080").csp(withHost("Archive.Example.org:8443"));

        assertThat(directive(csp, "script-src")).contains("script-src archive.example.org:8443/ui/");
        assertThat(directive(csp, "style-src")).contains("style-src archive.example.org:8443/ui/");
        assertThat(directive(csp, "frame-src")).contains("frame-src archive.example.org:8443/replay/");
        assertThat(directive(csp, "default-src")).contains("default-src 'none'");
        assertThat(directive(csp, "frame-ancestors")).contains("frame-ancestors 'none'");
        assertThat(csp).as("'self' would include /replay/").doesNotContain("script-src 'self'").doesNotContain("style-src 'self'");
    }

    @Test
    void theConfiguredPublicUrlWinsOverTheHostHeader() {
        String csp = new UiPolicy("https://tracemap.example.org/", "127.0.0.1:8080").csp(withHost("127.0.0.1:8080"));

        assertThat(directive(csp, "script-src")).contains("script-src tracemap.example.org/ui/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example; script-src *", "a b", "[::1]:8080", "", "x'; default-src *"})
    void aHostHeaderThatIsNotAPlainHostFallsBackToTheListeningAddress(String host) {
        String csp = new UiPolicy("", "127.0.0.1:8080").csp(withHost(host));

        assertThat(directive(csp, "script-src")).contains("script-src 127.0.0.1:8080/ui/");
        assertThat(csp.split(";")).hasSize(12);
    }

    @Test
    void noHostHeaderFallsBackToTheListeningAddress() {
        assertThat(new UiPolicy("", "127.0.0.1:8080").csp(withHost(null))).contains("script-src 127.0.0.1:8080/ui/");
    }

    @Test
    void aPublicUrlWithoutAPlainHostIsRefusedAtStart() {
        assertThatThrownBy(() -> new UiPolicy("not a url at all", "127.0.0.1:8080")).hasMessageContaining("tracemap.server.public-url");
    }

    @Test
    void withoutATileServerImagesComeOnlyFromThisServer() {
        String csp = new UiPolicy("", "127.0.0.1:8080", MapTiles.of("", "")).csp(withHost("127.0.0.1:8080"));

        assertThat(directive(csp, "img-src")).contains("img-src 127.0.0.1:8080/ui/ data:");
        assertThat(csp).doesNotContain("openstreetmap").doesNotContain("https:");
    }

    @Test
    void aConfiguredTileServerIsTheOnlyOtherImageOrigin() {
        MapTiles tiles = MapTiles.of("https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png", "© OpenStreetMap contributors");
        String csp = new UiPolicy("", "127.0.0.1:8080", tiles).csp(withHost("127.0.0.1:8080"));

        assertThat(directive(csp, "img-src")).contains("img-src 127.0.0.1:8080/ui/ data: https://*.tiles.example.org");
        assertThat(directive(csp, "connect-src").orElseThrow()).as("tiles are images, never fetched by script").doesNotContain("example.org");
        assertThat(csp.split(";")).hasSize(12);
    }

    @Test
    void aTileServerWithAPortKeepsIt() {
        MapTiles tiles = MapTiles.of("http://tiles.internal:8081/{z}/{x}/{y}.png", "Internal tiles");

        assertThat(tiles.origin()).contains("http://tiles.internal:8081");
        assertThat(tiles.url()).contains("http://tiles.internal:8081/{z}/{x}/{y}.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tiles.example.org/{z}/{x}.png", "ftp://tiles.example.org/{z}/{x}/{y}.png", "tiles.example.org/{z}/{x}/{y}.png",
            "https://tiles.example.org; script-src */{z}/{x}/{y}.png", "https://*.example.org/{z}/{x}/{y}.png", "https://[::1]/{z}/{x}/{y}.png",
            "https://a.example.org/{z}/{x}/{y}.png; img-src *"})
    void aTileUrlThatIsNotATemplateOnAPlainHostIsRefusedAtStart(String url) {
        assertThatThrownBy(() -> MapTiles.of(url, "credit")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tracemap.ui.map.tile-url");
    }

    @Test
    void aTileServerNeedsItsCredit() {
        assertThatThrownBy(() -> MapTiles.of("https://tiles.example.org/{z}/{x}/{y}.png", " "))
                .hasMessageContaining("tracemap.ui.map.tile-attribution");
    }
}
