package dev.placenotify.planner.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TextAndNumberPropertiesTest {
    private static final Charset EUC_KR = Charset.forName("EUC-KR");

    @Property
    void sanitisedTextIsEncodableMeasuredLikeTheCharsetAndStable(@ForAll("anyText") String text) {
        String clean = EucKrText.sanitize(text);
        assertThat(EucKrText.isEncodable(clean)).isTrue();
        assertThat(EUC_KR.newEncoder().canEncode(clean)).isTrue();
        assertThat(EucKrText.byteLength(clean)).isEqualTo(clean.getBytes(EUC_KR).length);
        assertThat(EucKrText.sanitize(clean)).isEqualTo(clean);
    }

    @Property
    void truncationIsTheLongestFittingPrefix(@ForAll("anyText") String text, @ForAll @IntRange(max = 300) int max) {
        String clean = EucKrText.sanitize(text);
        String cut = EucKrText.truncate(clean, max);
        assertThat(clean).startsWith(cut);
        assertThat(EucKrText.byteLength(cut)).isLessThanOrEqualTo(max);
        if (cut.length() < clean.length()) {
            String oneMore = clean.substring(0, cut.length() + Character.charCount(clean.codePointAt(cut.length())));
            assertThat(EucKrText.byteLength(oneMore)).isGreaterThan(max);
        }
    }

    @Property
    void mobileNumbersAreRecognisedHoweverWritten(@ForAll("mobiles") String digits, @ForAll("styles") Style style) {
        assertThat(KoreanMobileNumber.parse(style.write(digits))).isEqualTo(new KoreanMobileNumber.Mobile(digits));
    }

    @Property
    void parsingNeverFailsAndOnlyYieldsMobileDigits(@ForAll("phoneLike") String raw) {
        switch (KoreanMobileNumber.parse(raw)) {
            case KoreanMobileNumber.Mobile m -> assertThat(m.digits()).matches("010\\d{8}|01[16789]\\d{7,8}");
            case KoreanMobileNumber.NotMobile n -> {
                assertThat(n.reason()).isNotBlank();
                String digits = raw.replaceAll("\\D", "");
                if (digits.length() >= 8) {
                    assertThat(n.reason()).doesNotContain(digits);
                }
            }
        }
    }

    enum Style {
        PLAIN, DASHES, SPACES, DOTS, PARENS, PLUS82, PLUS82_DASHES, PLUS82_WITH_ZERO, BARE82, ZERO_ZERO_82;

        String write(String d) {
            String head = d.substring(0, 3);
            String mid = d.substring(3, d.length() - 4);
            String tail = d.substring(d.length() - 4);
            String rest = d.substring(1);
            return switch (this) {
                case PLAIN -> d;
                case DASHES -> head + "-" + mid + "-" + tail;
                case SPACES -> " " + head + " " + mid + " " + tail + " ";
                case DOTS -> head + "." + mid + "." + tail;
                case PARENS -> "(" + head + ") " + mid + " " + tail;
                case PLUS82 -> "+82" + rest;
                case PLUS82_DASHES -> "+82 " + head.substring(1) + "-" + mid + "-" + tail;
                case PLUS82_WITH_ZERO -> "+82 " + head + " " + mid + " " + tail;
                case BARE82 -> "82-" + head.substring(1) + "-" + mid + "-" + tail;
                case ZERO_ZERO_82 -> "0082 " + rest;
            };
        }
    }

    @Provide
    Arbitrary<Style> styles() {
        return Arbitraries.of(Style.class);
    }

    @Provide
    Arbitrary<String> mobiles() {
        Arbitrary<String> ten = Combinators.combine(Arbitraries.of("011", "016", "017", "018", "019"),
                Arbitraries.strings().numeric().ofLength(7)).as(String::concat);
        Arbitrary<String> eleven = Combinators.combine(Arbitraries.of("010", "011", "016", "017", "018", "019"),
                Arbitraries.strings().numeric().ofLength(8)).as(String::concat);
        return Arbitraries.oneOf(ten, eleven);
    }

    @Provide
    Arbitrary<String> phoneLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789+-() .").ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(20),
                Combinators.combine(Arbitraries.of("02", "031", "070", "080", "0507", "+1", "+82", "82", "010", "011"),
                        Arbitraries.strings().withChars("0123456789- ").ofMaxLength(12)).as(String::concat));
    }

    /** Hangul (also outside KS X 1001), ASCII, symbols, emoji and odd code points. */
    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0xAC00, 0xD7A3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x2FFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x200D, 0xFE0F, 0x00A0, 0x3000, 0x2028, 0x0D, 0x0A, 0x09, 0x1100, 0x1161,
                        0x11A8, 0x0301, 0x212B, 0xFB01, 0x20A9, 0x2013)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(cp -> !(cp >= 0xD800 && cp <= 0xDFFF))));
        return codePoints.list().ofMaxSize(60).map(TextAndNumberPropertiesTest::fromCodePoints);
    }

    private static String fromCodePoints(List<Integer> cps) {
        StringBuilder sb = new StringBuilder();
        cps.forEach(sb::appendCodePoint);
        return sb.toString();
    }
}
