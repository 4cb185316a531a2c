package dev.drover.daemon.hub;

/** Where a run of bytes can be cut without splitting a UTF-8 sequence. */
final class Utf8Boundary {

    private Utf8Boundary() {
    }

    /**
     * The length of the longest prefix of {@code bytes[0, length)} that does not end inside a UTF-8
     * sequence: {@code length} minus the 1 to 3 bytes of a trailing incomplete sequence, if any.
     * Bytes that cannot be UTF-8 are never held back.
     */
    static int completePrefix(byte[] bytes, int length) {
        int continuation = 0;
        for (int i = length - 1; i >= 0 && i >= length - 4; i--) {
            int b = bytes[i] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continuation++;
                continue;
            }
            int need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
            return continuation < need ? i : length;
        }
        return length;
    }
}
