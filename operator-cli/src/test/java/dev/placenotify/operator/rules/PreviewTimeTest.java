package dev.placenotify.operator.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --at}: a time without an offset is Korean time; instants and offsets are taken as written. */
class PreviewTimeTest {
    private static final Instant EIGHT_PM_KST = Instant.parse("2025-12-24T11:00:00Z");

    @Test
    void aTimeWithoutOffsetIsKst() {
        assertThat(PreviewTime.parse("2025-12-24T20:00")).isEqualTo(EIGHT_PM_KST);
        assertThat(PreviewTime.parse("2025-12-24T20:00:00")).isEqualTo(EIGHT_PM_KST);
        assertThat(PreviewTime.parse(" 2025-12-24 20:00 ")).isEqualTo(EIGHT_PM_KST);
    }

    @Test
    void instantsAndOffsetsAreTakenAsGiven() {
        assertThat(PreviewTime.parse("2025-12-24T11:00:00Z")).isEqualTo(EIGHT_PM_KST);
        assertThat(PreviewTime.parse("2025-12-24T20:00+09:00")).isEqualTo(EIGHT_PM_KST);
        assertThat(PreviewTime.parse("2025-12-24T12:00+01:00")).isEqualTo(EIGHT_PM_KST);
    }

    @Test
    void anythingElseIsRefusedWithTheFormsItTakes() {
        assertThatThrownBy(() -> PreviewTime.parse("24.12.2025 20:00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'24.12.2025 20:00' is not a time").hasMessageContaining("2025-12-24T20:00 (KST)");
        assertThatThrownBy(() -> PreviewTime.parse("2025-12-24")).isInstanceOf(IllegalArgumentException.class);
    }
}
