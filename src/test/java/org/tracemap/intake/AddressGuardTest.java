package org.tracemap.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on every spelling of a non-public address; literals only, so no DNS is consulted. */
class AddressGuardTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final AddressGuard guard = new AddressGuard(false);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // Every loopback spelling: names, the numeric forms browsers accept, IPv6 and IPv4 inside IPv6.
            "http://localhost/", "http://LOCALHOST:8080/", "http://LOCALHOST./", "http://app.localhost/", "http://a.b.localhost./",
            "http://localhost.localdomain/", "http://ip6-localhost/",
            "http://127.0.0.1/", "http://127.0.0.2/", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
            "http://017700000001/", "http://0177.0.0.1/", "http://0x7f.1/", "http://0/", "http://0.0.0.0/",
            "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
            "http://[::ffff:0:127.0.0.1]/", "http://[0:0:0:0:0:ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://[::]/",
            "http://[64:ff9b::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::1]/",
            "http://[2001:0:7f00:1::1]/", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
            // Private, link-local, CGNAT, ULA, multicast and the rest of the special-purpose registries.
            "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[fec0::1]/", "http://224.0.0.1/",
            "http://[ff02::1]/", "http://[64:ff9b::a00:1]/", "http://[::ffff:10.0.0.1]/", "http://[2002:a9fe:a9fe::]/",
            "http://198.18.0.1/", "http://198.19.255.255/", "http://192.0.2.1/", "http://198.51.100.7/", "http://203.0.113.9/",
            "http://192.0.0.1/", "http://192.0.0.170/", "http://192.88.99.1/", "http://240.0.0.1/", "http://255.255.255.255/",
            "http://0.1.2.3/", "http://[2001:db8::1]/", "http://[3fff::1]/", "http://[3fff:fff::1]/", "http://[100::1]/",
            "http://[100:0:0:1::1]/", "http://[64:ff9b:1::808:808]/", "http://[2001:2::1]/", "http://[2001:10::1]/",
            "http://[2001::1]/", "http://[5f00::1]/", "http://[::ffff:0:8.8.8.8]/", "http://[::8.8.8.8]/",
            "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", // RFC 4380's example: its client is 192.0.2.45
            "http://[4000::1]/",
    })
    void refusesNonPublicTargetsAtIntake(String url) {
        NormalizedUrl normalized = normalizer.normalize(url);
        assertThatThrownBy(() -> guard.checkLiteralHost(normalized.host()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be captured")
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("url");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://8.8.8.8/", "http://93.184.216.34/", "http://[2606:4700::1111]/", "http://example.com/",
            "http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/", "http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/",
            "http://[2001:4860:4860::8888]/", "http://192.0.0.9/", "http://[2001:1::1]/", "http://[2620:4f:8000::1]/",
            "http://192.31.196.1/", "http://198.20.0.1/", "http://223.255.255.255/", "http://localhost.example.com/"})
    void acceptsPublicTargets(String url) {
        NormalizedUrl normalized = normalizer.normalize(url);
        assertThatCode(() -> guard.checkLiteralHost(normalized.host())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1 | loopback", "::1 | loopback", "0.0.0.0 | unspecified", "192.0.2.1 | documentation", "2001:db8::1 | documentation",
            "198.18.0.1 | benchmarking", "255.255.255.255 | broadcast", "240.1.2.3 | reserved", "192.0.0.8 | IETF protocol assignment",
            "100::1 | discard-only", "::ffff:0:127.0.0.1 | IPv4-translated", "64:ff9b::7f00:1 | NAT64 form of a loopback",
            "2002:c000:201::1 | 6to4 form of a documentation", "2001:0:4136:e378:8000:63bf:3fff:fdd2 | Teredo form of a documentation",
            "239.1.1.1 | multicast", "ff05::2 | multicast", "fc00::5 | unique-local",
    })
    void namesTheRegistryBlockAnAddressIsIn(String literal, String kind) throws Exception {
        assertThat(AddressGuard.whyForbidden(InetAddress.getByName(literal))).startsWith(kind);
    }

    @Test
    void resolvedAddressCheckNamesTheHostAddressAndRange() throws Exception {
        assertThatThrownBy(() -> guard.check("evil.example", InetAddress.getByName("10.1.2.3")))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessageContaining("evil.example resolves to 10.1.2.3, a private address (10.0.0.0/8)");
        assertThatThrownBy(() -> guard.check("[::ffff:0:127.0.0.1]", InetAddress.getByName("::ffff:0:127.0.0.1")))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessageContaining("an IPv4-translated address (::ffff:0:0:0/96)");
        assertThat(AddressGuard.whyForbidden(InetAddress.getByName("100.100.1.1"))).contains("carrier-grade NAT");
        assertThat(AddressGuard.whyForbidden(InetAddress.getByName("1.1.1.1"))).isNull();
    }

    @Test
    void intakeRefusesMalformedNumericHostsRatherThanLookingThemUp() {
        assertThatThrownBy(() -> normalizer.normalize("http://1.2.3.4.5/")).hasMessageContaining("malformed IPv4");
        assertThatThrownBy(() -> guard.checkLiteralHost("1.2.3.456")).hasMessageContaining("malformed IPv4");
    }

    @Test
    void allowPrivateLiftsTheGuardForTests() throws Exception {
        AddressGuard open = new AddressGuard(true);
        assertThatCode(() -> open.checkLiteralHost("127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> open.check("localhost", InetAddress.getByName("127.0.0.1"))).doesNotThrowAnyException();
    }

    @Test
    void exemptHostNamesPassButOtherSpellingsOfTheSameAddressDoNot() throws Exception {
        AddressGuard exempt = new AddressGuard(false, List.of("Mirror.Internal", "localhost"));
        assertThatCode(() -> exempt.checkLiteralHost("localhost")).doesNotThrowAnyException();
        assertThatCode(() -> exempt.check("mirror.internal", InetAddress.getByName("10.0.0.5"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> exempt.checkLiteralHost("127.0.0.1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> exempt.checkLiteralHost("app.localhost")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> exempt.check("127.0.0.1", InetAddress.getByName("127.0.0.1"))).isInstanceOf(ForbiddenAddressException.class);
    }
}
