package dev.servebench.client;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class BytesTest {

    @Test
    void findsTheFirstLineEndAtEveryPositionInAndAfterTheEightByteWords() {
        for (byte end : new byte[] {'\n', '\r'}) {
            for (int length = 0; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    byte[] bytes = filler(length);
                    bytes[at] = end;
                    if (at + 2 < length) {
                        bytes[at + 2] = '\n'; // a later line end must not win
                    }
                    assertThat(Bytes.indexOfLineEnd(bytes, 0, length)).as("length %d, at %d", length, at).isEqualTo(at);
                }
                assertThat(Bytes.indexOfLineEnd(filler(length), 0, length)).isEqualTo(-1);
            }
        }
    }

    @Test
    void bytesNextToLineEndsAreNotTakenForThem() {
        // 0x0B/0x0C/0x0E are one off LF or CR; 0x8A and 0x8D differ only in the high bit.
        byte[] near = {0x0B, 0x0C, 0x0E, (byte) 0x8A, (byte) 0x8D, 0x09, 0x00, (byte) 0xFF, 0x0B, 0x0C, 0x0E, 0x1A};
        assertThat(Bytes.indexOfLineEnd(near, 0, near.length)).isEqualTo(-1);
    }

    @Test
    void honoursTheRangeItIsGiven() {
        byte[] bytes = "\nabcdefghijklmnop\nq".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Bytes.indexOfLineEnd(bytes, 1, 17)).isEqualTo(-1);
        assertThat(Bytes.indexOfLineEnd(bytes, 1, 18)).isEqualTo(17);
        assertThat(Bytes.indexOfLineEnd(bytes, 0, 18)).isZero();
    }

    @Test
    void asciiCheckSeesAHighBitAtEveryPositionButOnlyInsideTheRange() {
        for (int length = 0; length <= 24; length++) {
            assertThat(Bytes.isAscii(filler(length), 0, length)).isTrue();
            for (int at = 0; at < length; at++) {
                byte[] bytes = filler(length);
                bytes[at] = (byte) 0x80;
                assertThat(Bytes.isAscii(bytes, 0, length)).as("length %d, at %d", length, at).isFalse();
                assertThat(Bytes.isAscii(bytes, at + 1, length)).isTrue();
            }
        }
    }

    private static byte[] filler(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 'a');
        return bytes;
    }
}
