package org.tracemap.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client address per request: forwarded headers count only when a trusted proxy sent them. */
class ClientAddressesTest {
    @Test
    void withoutTrustedProxiesForwardedHeadersAreIgnored() {
        ClientAddresses none = ClientAddresses.none();
        assertThat(none.resolve("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.trusting(List.of()).resolve("127.0.0.1", "198.51.100.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void aTrustedProxysForwardedClientIsTheNearestUntrustedHop() {
        ClientAddresses proxies = ClientAddresses.trusting(List.of("127.0.0.1", "10.0.0.0/8", "::1"));
        assertThat(proxies.resolve("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        // The client claimed 1.1.1.1 itself; the proxies appended what they saw, right to left.
        assertThat(proxies.resolve("127.0.0.1", "1.1.1.1, 198.51.100.1, 10.2.3.4")).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("::1", "[2001:db8::5]:4711")).isEqualTo("2001:db8::5");
        assertThat(proxies.resolve("127.0.0.1", "198.51.100.1:5555")).isEqualTo("198.51.100.1");
        assertThat(proxies.resolve("127.0.0.1", null)).isEqualTo("127.0.0.1");
        // Not from a proxy: the header is whatever the client wrote.
        assertThat(proxies.resolve("203.0.113.7", "10.9.9.9")).isEqualTo("203.0.113.7");
    }

    @Test
    void garbageAndNamesInForwardedHeadersAreNeverResolved() {
        ClientAddresses proxies = ClientAddresses.trusting(List.of("127.0.0.1"));
        assertThat(proxies.resolve("127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
        assertThat(proxies.resolve("127.0.0.1", "zz:1")).isEqualTo("127.0.0.1");
        assertThat(proxies.resolve("127.0.0.1", "999.1.1.1")).isEqualTo("127.0.0.1");
        assertThat(proxies.resolve("127.0.0.1", "198.51.100.1, unknown")).isEqualTo("127.0.0.1");
    }

    @Test
    void trustedProxiesMustBeAddressesOrBlocks() {
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("proxy.internal"))).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> ClientAddresses.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
    }
}
