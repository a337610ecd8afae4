package dev.placenotify.testsupport.sim;

import java.nio.charset.Charset;

/**
 * SENS counts lengths in EUC-KR bytes (Hangul 2, ASCII 1) and cannot carry characters outside it.
 * Strict EUC-KR (KS X 1001): emoji and the Hangul syllables only CP949 adds are rejected too.
 */
final class EucKr {
    private static final Charset CHARSET = Charset.forName("EUC-KR");

    private EucKr() {}

    static boolean canEncode(String text) {
        // Encoders keep state: one per call keeps this safe across worker threads.
        return CHARSET.newEncoder().canEncode(text);
    }

    static int byteLength(String text) {
        return text.getBytes(CHARSET).length;
    }
}
