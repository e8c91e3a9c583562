package org.tracemap.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte scan that tells UTF-8 agrees with the JDK's strict decoder, on text and on random bytes. */
class CharsetResolverTest {
    @Test
    void validUtf8IsRecognisedInEveryLength() {
        for (String s : new String[] {"", "plain ASCII", "café", "华为技术有限公司", "emoji 😀 and 𠀀", "\u07ff\u0800\uffff"}) {
            assertThat(CharsetResolver.isValidUtf8(s.getBytes(StandardCharsets.UTF_8))).as(s).isTrue();
        }
    }

    @Test
    void theScanAgreesWithTheStrictDecoderOnRandomBytes() {
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(12)];
            random.nextBytes(b);
            assertThat(CharsetResolver.isValidUtf8(b)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(strict(b));
        }
        byte[] gbk = "华为技术".getBytes(Charset.forName("GBK"));
        assertThat(CharsetResolver.isValidUtf8(gbk)).isFalse();
        assertThat(CharsetResolver.isValidUtf8(new byte[] {(byte) 0xc0, (byte) 0x80})).as("overlong NUL").isFalse();
        assertThat(CharsetResolver.isValidUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).as("a surrogate").isFalse();
    }

    @Test
    void aLegacyDeclarationOnBytesThatAreUtf8IsOverruledButNotOnBytesThatAreNot() throws Exception {
        String page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>"
                + "华为与肯尼亚签署智慧城市合作备忘录，双方将在平安城市、数据中心和宽带网络等领域开展合作。</p></body></html>";
        assertThat(CharsetResolver.resolve(page.getBytes(StandardCharsets.UTF_8), "text/html")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharsetResolver.resolve(page.getBytes(Charset.forName("GB18030")), "text/html")).isEqualTo(Charset.forName("GB18030"));
        assertThat(CharsetResolver.resolve("<p>plain ascii</p>".getBytes(StandardCharsets.US_ASCII), "text/html; charset=gbk"))
                .as("nothing to go on: the declaration stands").isEqualTo(Charset.forName("GB18030"));
    }

    private static boolean strict(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
