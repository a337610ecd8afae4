package dev.placenotify.planner.core;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;
import java.util.BitSet;

/**
 * Text as SENS can carry it: EUC-KR (KS X 1001), where ASCII takes one byte and every other
 * encodable character two. {@link #sanitize} makes any string encodable; {@link #byteLength} and
 * {@link #truncate} measure and cut sanitised text without ever splitting a character.
 *
 * <p>Sanitising, per character: line breaks become {@code \n}; every kind of blank (tab, NBSP, …)
 * becomes a space; other control and format characters (zero-width joiner, …) are removed; encodable
 * characters are kept; a few look-alikes are replaced (dashes → {@code -}, {@code ₩} → {@code ￦});
 * a modern Hangul syllable missing from KS X 1001 (e.g. {@code 똠}) is spelled with compatibility jamo
 * ({@code ㄸㅗㅁ}) so a name stays readable; any other character is replaced by its compatibility
 * decomposition without accents ({@code é} → {@code e}) when that is encodable, else removed (emoji).
 * Runs of spaces are then collapsed and lines trimmed, so a removed emoji leaves no gap.
 */
public final class EucKrText {
    private EucKrText() {}

    public static final Charset CHARSET = Charset.forName("EUC-KR");
    /** Longest SMS content. */
    public static final int SMS_MAX_BYTES = 90;
    /** Longest LMS content. */
    public static final int LMS_MAX_BYTES = 2000;
    /** Longest LMS subject. */
    public static final int SUBJECT_MAX_BYTES = 40;

    /** Encodable BMP characters; EUC-KR has nothing outside the BMP. */
    private static final BitSet ENCODABLE = new BitSet(0x10000);

    static {
        CharsetEncoder encoder = CHARSET.newEncoder();
        for (int c = 0; c < 0x10000; c++) {
            if (!Character.isSurrogate((char) c) && encoder.canEncode((char) c)) {
                ENCODABLE.set(c);
            }
        }
    }

    private static final String CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private static final String JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private static final String[] JONGSEONG = {"", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ",
            "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"};

    /** Whether every character of {@code text} is encodable (null counts as empty). */
    public static boolean isEncodable(String text) {
        if (text == null) {
            return true;
        }
        return text.codePoints().allMatch(EucKrText::isEncodable);
    }

    private static boolean isEncodable(int codePoint) {
        return codePoint < 0x10000 && ENCODABLE.get(codePoint);
    }

    /** Bytes {@code text} takes in EUC-KR; every character must be encodable. */
    public static int byteLength(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            bytes += bytesOf(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int bytesOf(int codePoint) {
        if (!isEncodable(codePoint)) {
            throw new IllegalArgumentException("character U+" + Integer.toHexString(codePoint).toUpperCase()
                    + " is not encodable in EUC-KR; sanitize first");
        }
        return codePoint < 0x80 ? 1 : 2;
    }

    /** The longest prefix of {@code text} (encodable) that fits in {@code maxBytes}, cut between characters. */
    public static String truncate(String text, int maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int size = bytesOf(cp);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    /** {@code text} made encodable as described in the class comment; null becomes empty. */
    public static String sanitize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> appendSanitized(out, cp));
        return tidySpaces(out.toString());
    }

    private static void appendSanitized(StringBuilder out, int cp) {
        if (cp == '\n' || cp == 0x2028 || cp == 0x2029 || cp == 0x85) {
            out.append('\n');
        } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            out.append(' ');
        } else if (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT) {
            // dropped: invisible on a phone, or worse
        } else if (isEncodable(cp)) {
            out.appendCodePoint(cp);
        } else if (cp >= 0x2010 && cp <= 0x2014 || cp == 0x2212) {
            out.append('-');
        } else if (cp == 0x20A9) {
            out.append('￦');
        } else if (cp >= 0xAC00 && cp <= 0xD7A3) {
            int index = cp - 0xAC00;
            out.append(CHOSEONG.charAt(index / (21 * 28)))
                    .append(JUNGSEONG.charAt(index % (21 * 28) / 28))
                    .append(JONGSEONG[index % 28]);
        } else {
            Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD).codePoints()
                    .filter(c -> isEncodable(c) && !isMark(c) && Character.getType(c) != Character.CONTROL)
                    .forEach(out::appendCodePoint);
        }
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String tidySpaces(String s) {
        return s.replaceAll(" {2,}", " ").replaceAll(" ?\n ?", "\n").strip();
    }
}
