package org.tracemap.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlNormalizerTest {
    private final UrlNormalizer normalizer = new UrlNormalizer();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "HTTP://Example.COM/a/b?x=1#frag | http://example.com/a/b?x=1",
            "https://example.com:443/ | https://example.com/",
            "http://example.com:80 | http://example.com/",
            "http://example.com:8080/p | http://example.com:8080/p",
            "  https://www.huawei.com/en/news  | https://www.huawei.com/en/news",
            "http://example.com./x | http://example.com/x",
            "http://bücher.example/straße | http://xn--bcher-kva.example/stra%C3%9Fe",
            "http://华为.com/新闻 | http://xn--siqq7j.com/%E6%96%B0%E9%97%BB",
            "http://example.com/a%c3%9f?q=%20&b=ü | http://example.com/a%C3%9F?q=%20&b=%C3%BC",
            "http://example.com/100%/x | http://example.com/100%25/x",
            "http://example.com/a b | http://example.com/a%20b",
            "http://2130706433/ | http://127.0.0.1/",
            "http://0x7f.1/ | http://127.0.0.1/",
            "http://0177.0.0.1/ | http://127.0.0.1/",
            "http://[::1]:8080/ | http://[::1]:8080/",
    })
    void normalisesToOneCanonicalForm(String raw, String expected) {
        assertThat(normalizer.normalize(raw).url()).isEqualTo(expected);
    }

    @Test
    void surtKeyIsReversedHostThenPath() {
        assertThat(normalizer.normalize("https://www.Example.com/News?b=2&a=1").surt()).isEqualTo("com,example)/news?a=1&b=2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ftp://example.com/file | only http and https",
            "javascript:alert(1) | only http and https",
            "file:///etc/passwd | only http and https",
            "example.com/page | no scheme",
            "http:///path | no host",
            "http://user:pw@example.com/ | user name or password",
            "http://example.com:99999/ | invalid port",
            "http://exa mple.com/ | invalid host",
            "http://256.1.1.1/ | malformed IPv4",
    })
    void rejectsWithAMessageNamingTheProblem(String raw, String message) {
        assertThatThrownBy(() -> normalizer.normalize(raw))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("url");
    }

    @Test
    void rejectsBlankAndOverlongUrls() {
        assertThatThrownBy(() -> normalizer.normalize("  ")).hasMessageContaining("required");
        assertThatThrownBy(() -> normalizer.normalize("http://example.com/" + "a".repeat(2048)))
                .hasMessageContaining("longer than 2048");
    }

    @Test
    void resolvesRelativeRedirectTargets() {
        NormalizedUrl base = normalizer.normalize("http://example.com/a/b.html");
        assertThat(normalizer.resolve(base, "../c.html#x").url()).isEqualTo("http://example.com/c.html");
        assertThat(normalizer.resolve(base, "//other.example/").url()).isEqualTo("http://other.example/");
    }
}
