package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void masksPhoneNumbersInEveryUsualSpelling() {
        assertThat(SafeText.of("call 010-1234-5678 or 01098765432 or 010.1111.2222 or 02 345 6789", 200))
                .isEqualTo("call 010-****-5678 or 010-****-5432 or 010-****-2222 or 02-****-6789");
        assertThat(SafeText.of("+82 10-1234-5678", 200)).isEqualTo("+82-10-****-5678");
        assertThat(SafeText.of("x1010-1234-56789", 200)).doesNotContain("1234");
    }

    @Test
    void leavesAlreadyMaskedPhonesStoreIdsAndTimesAlone() {
        String text = "phone 010-****-5678 of store 1051707 at 2025-10-22T05:00:00Z";
        assertThat(SafeText.of(text, 200)).isEqualTo(text);
    }

    @Test
    void makesOneBoundedLine() {
        assertThat(SafeText.of("a\n  b\tc", 100)).isEqualTo("a b c");
        assertThat(SafeText.of("x".repeat(300), 10)).hasSize(10).endsWith("…");
        assertThat(SafeText.of(null, 10)).isEqualTo("(no detail)");
    }
}
