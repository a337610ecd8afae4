package dev.placenotify.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void alignsColumnsCountingHangulAsTwoColumns() {
        var lines = new TextTable("STORE", "N").row("화성점", 1).row("x", null).lines();
        assertThat(lines).containsExactly("STORE   N", "화성점  1", "x       -");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new TextTable("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }
}
