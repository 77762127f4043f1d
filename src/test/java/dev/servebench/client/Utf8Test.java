package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {
    private static final CharsetDecoder STRICT = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    @Test
    void agreesWithTheJdkDecoderOnEveryOneAndTwoByteSequenceAndEveryLeadWithAnyContinuations() {
        for (int a = 0; a < 256; a++) {
            check(new byte[] {(byte) a});
            for (int b = 0; b < 256; b++) {
                check(new byte[] {(byte) a, (byte) b});
                // The second byte decides overlong, surrogate and range cases; vary it over everything.
                check(new byte[] {(byte) a, (byte) b, (byte) 0x80});
                check(new byte[] {(byte) a, (byte) b, (byte) 0xBF, (byte) 0x80});
                check(new byte[] {(byte) a, (byte) b, (byte) 0x80, 'x'});
                check(new byte[] {(byte) a, (byte) b, 'x', (byte) 0x80});
            }
        }
    }

    @Test
    void acceptsRealTextAndSeesBadBytesPastTheAsciiWords() {
        byte[] text = "{\"content\":\"héllo € 😀 \"}".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(text, 0, text.length)).isTrue();
        byte[] late = "0123456789abcdef0123\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(late, 0, late.length)).isTrue();
        assertThat(Utf8.isWellFormed(late, 0, late.length - 1)).isFalse(); // cut inside "é"
    }

    private static void check(byte[] bytes) {
        boolean jdk;
        try {
            STRICT.reset().decode(ByteBuffer.wrap(bytes));
            jdk = true;
        } catch (CharacterCodingException e) {
            jdk = false;
        }
        assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).as("%s", java.util.HexFormat.ofDelimiter(" ").formatHex(bytes))
                .isEqualTo(jdk);
    }
}
