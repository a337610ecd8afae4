package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void joinsLinesWhileTheyFit() {
        assertThat(TextSplitter.split(List.of("abc", "def", "gh"), 7)).containsExactly("abc\ndef", "gh");
    }

    @Test
    void cutsALineOnlyWhenItAloneIsTooLong() {
        assertThat(TextSplitter.split(List.of("ab", "cdefghij"), 4)).containsExactly("ab", "cdef", "ghij");
    }

    @Test
    void neverCutsAnEntityInHalf() {
        List<String> parts = TextSplitter.split(List.of("abcd&amp;efgh"), 6);
        assertThat(parts).containsExactly("abcd", "&amp;e", "fgh");
    }

    @Test
    void neverCutsASurrogatePair() {
        String emoji = "😀";
        List<String> parts = TextSplitter.split(List.of("ab" + emoji + "cd"), 3);
        assertThat(parts).allSatisfy(p -> assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse());
        assertThat(String.join("", parts)).isEqualTo("ab" + emoji + "cd");
    }

    @Test
    void anEntityAtTheStartOfAPieceLongerThanTheLimitStillTerminates() {
        assertThat(TextSplitter.split(List.of("&amp;&amp;"), 3)).isNotEmpty();
    }

    @Property(tries = 300)
    void partsRespectTheLimitAndLoseNothing(@ForAll @Size(max = 30) List<@StringLength(max = 200) String> lines,
                                            @ForAll @IntRange(min = 8, max = 300) int limit) {
        List<String> clean = lines.stream().map(l -> l.replace("\n", " ").replace("\r", " ")).toList();
        List<String> parts = TextSplitter.split(clean, limit);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(limit));
        String original = String.join("", clean).replaceAll("\\s", "");
        String rejoined = String.join("", parts).replaceAll("\\s", "");
        assertThat(rejoined).isEqualTo(original);
    }

    @Property(tries = 200)
    void escapedTextStaysValidHtmlInEveryPart(@ForAll @Size(max = 20) List<@StringLength(max = 400) String> raw,
                                              @ForAll @IntRange(min = 10, max = 500) int limit) {
        List<String> lines = raw.stream().map(l -> Html.escape(l.replace("\n", " ").replace("\r", " "))).toList();
        for (String part : TextSplitter.split(lines, limit)) {
            TelegramHtmlCheck.visibleText(part);
        }
    }
}
