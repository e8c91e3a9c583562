package org.tracemap.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on every spelling of a non-public address; literals only, so no DNS is consulted. */
class AddressGuardTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();
    private final AddressGuard guard = new AddressGuard(false);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://localhost/", "http://LOCALHOST:8080/", "http://app.localhost/",
            "http://127.0.0.1/", "http://127.0.0.2/", "http://127.1/", "http://2130706433/", "http://0x7f000001/",
            "http://0177.0.0.1/", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/", "http://[::]/", "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://224.0.0.1/", "http://[64:ff9b::a00:1]/", "http://198.18.0.1/",
    })
    void refusesNonPublicTargetsAtIntake(String url) {
        NormalizedUrl normalized = normalizer.normalize(url);
        assertThatThrownBy(() -> guard.checkLiteralHost(normalized.host()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be captured");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://8.8.8.8/", "http://93.184.216.34/", "http://[2606:4700::1111]/", "http://example.com/"})
    void acceptsPublicTargets(String url) {
        NormalizedUrl normalized = normalizer.normalize(url);
        assertThatCode(() -> guard.checkLiteralHost(normalized.host())).doesNotThrowAnyException();
    }

    @Test
    void resolvedAddressCheckNamesTheHostAddressAndRange() throws Exception {
        assertThatThrownBy(() -> guard.check("evil.example", InetAddress.getByName("10.1.2.3")))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessageContaining("evil.example resolves to 10.1.2.3, a private address");
        assertThat(AddressGuard.whyForbidden(InetAddress.getByName("100.100.1.1"))).contains("carrier-grade NAT");
        assertThat(AddressGuard.whyForbidden(InetAddress.getByName("1.1.1.1"))).isNull();
    }

    @Test
    void allowPrivateLiftsTheGuardForTests() throws Exception {
        AddressGuard open = new AddressGuard(true);
        assertThatCode(() -> open.checkLiteralHost("127.0.0.1")).doesNotThrowAnyException();
        assertThatCode(() -> open.check("localhost", InetAddress.getByName("127.0.0.1"))).doesNotThrowAnyException();
    }
}
