package dev.placenotify.planner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

class EucKrTextTest {
    private static final Charset EUC_KR = Charset.forName("EUC-KR");

    @Test
    void keepsHangulAsciiAndKsSymbols() {
        String text = "[화성점] 김민수님, 10월 22일(수) 15:30 예약 ★※…";
        assertThat(EucKrText.sanitize(text)).isEqualTo(text);
        assertThat(EucKrText.byteLength(text)).isEqualTo(text.getBytes(EUC_KR).length);
    }

    @Test
    void removesEmojiWithoutLeavingGaps() {
        assertThat(EucKrText.sanitize("예약 확정 🎉 감사합니다 😀👍🏽")).isEqualTo("예약 확정 감사합니다");
        assertThat(EucKrText.sanitize("가족👨‍👩‍👧‍👦 방문 ❤️")).isEqualTo("가족 방문");
        assertThat(EucKrText.sanitize("😀")).isEmpty();
    }

    @Test
    void spellsHangulMissingFromKsX1001WithJamo() {
        assertThat(EucKrText.sanitize("김똠순")).isEqualTo("김ㄸㅗㅁ순");
        assertThat(EucKrText.isEncodable(EucKrText.sanitize("햏펲뷁"))).isTrue();
    }

    @Test
    void foldsAccentsAndLookAlikes() {
        assertThat(EucKrText.sanitize("Café – ₩5,000")).isEqualTo("Cafe - ￦5,000");
        assertThat(EucKrText.sanitize("Cafe\u0301")).isEqualTo("Cafe"); // decomposed accent
        assertThat(EucKrText.sanitize("ﬁne")).isEqualTo("fine");
    }

    @Test
    void normalisesBlanksAndControls() {
        assertThat(EucKrText.sanitize("a\u00a0\u00a0b\tc\u200bd\r\ne\u0007")).isEqualTo("a b cd\ne");
        assertThat(EucKrText.sanitize("  줄1  \r\n  줄2 ")).isEqualTo("줄1\n줄2");
        assertThat(EucKrText.sanitize(null)).isEmpty();
    }

    @Test
    void decomposedHangulIsComposed() {
        String decomposed = java.text.Normalizer.normalize("한글", java.text.Normalizer.Form.NFD);
        assertThat(EucKrText.sanitize(decomposed)).isEqualTo("한글");
    }

    @Test
    void truncatesBetweenCharacters() {
        assertThat(EucKrText.truncate("가나다", 5)).isEqualTo("가나");
        assertThat(EucKrText.truncate("가나다", 6)).isEqualTo("가나다");
        assertThat(EucKrText.truncate("a가나", 2)).isEqualTo("a");
        assertThat(EucKrText.truncate("a가나", 3)).isEqualTo("a가");
        assertThat(EucKrText.truncate("abc", 0)).isEmpty();
    }

    @Test
    void measuringUnencodableTextIsAnError() {
        assertThatThrownBy(() -> EucKrText.byteLength("😀")).isInstanceOf(IllegalArgumentException.class);
        assertThat(EucKrText.isEncodable("😀")).isFalse();
        assertThat(EucKrText.isEncodable("가a")).isTrue();
    }
}
