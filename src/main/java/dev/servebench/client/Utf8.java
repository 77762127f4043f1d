package dev.servebench.client;

/**
 * Checks that bytes are well-formed UTF-8 exactly as the JDK's decoder sees it (Unicode table 3-7:
 * no overlong forms, no surrogates, nothing above U+10FFFF). Needed because Jackson's UTF-8 reader
 * accepts some ill-formed sequences the JDK would replace with U+FFFD, and the two must agree for
 * the byte path to read a chunk the way the decoded-text path does.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isWellFormed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        // Nearly every chunk is ASCII, which a scan eight bytes at a time tells cheaply.
        return Bytes.isAscii(bytes, offset, end) || multiByteWellFormed(bytes, offset, end);
    }

    private static boolean multiByteWellFormed(byte[] bytes, int i, int end) {
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min = 0x80;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                extra = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                extra = 2;
                min = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                max = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
            } else if (b >= 0xF0 && b <= 0xF4) {
                extra = 3;
                min = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                max = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
            } else {
                return false; // a continuation byte first, C0/C1 (overlong), or F5..FF
            }
            if (end - i <= extra) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= extra; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }
}
