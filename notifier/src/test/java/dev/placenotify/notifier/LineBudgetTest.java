package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LineBudgetTest {

    @Property(tries = 300)
    void keptLinesArePrefixesWithinTheBudgetAndTheRestIsCountedExactly(@ForAll("sections") List<LineBudget.Section> sections,
                                                                        @ForAll @IntRange(min = 0, max = 3000) int extra) {
        int reserve = sections.stream().filter(s -> !s.isEmpty())
                .mapToInt(s -> LineBudget.cost(LineBudget.more(s.lines().size() + s.alreadyOmitted()))).sum();
        int budget = reserve + extra;
        List<List<String>> kept = LineBudget.fit(sections, budget);

        assertThat(kept).hasSameSizeAs(sections);
        assertThat(kept.stream().mapToInt(LineBudget::cost).sum()).isLessThanOrEqualTo(budget);
        for (int k = 0; k < sections.size(); k++) {
            LineBudget.Section s = sections.get(k);
            List<String> out = kept.get(k);
            int shown = out.size();
            int cut = s.alreadyOmitted();
            if (!out.isEmpty() && out.get(out.size() - 1).startsWith("…외 ")) {
                shown--;
                cut = s.lines().size() - shown + s.alreadyOmitted();
                assertThat(out.get(out.size() - 1)).isEqualTo(LineBudget.more(cut));
                assertThat(cut).isPositive();
            } else {
                assertThat(s.alreadyOmitted()).as("omitted lines are always said").isZero();
            }
            assertThat(out.subList(0, shown)).isEqualTo(s.lines().subList(0, shown));
            assertThat(shown + cut - s.alreadyOmitted()).isEqualTo(s.lines().size());
        }
    }

    @Test
    void whatFitsIsKeptWhole() {
        List<List<String>> kept = LineBudget.fit(List.of(new LineBudget.Section(List.of("a", "b")),
                new LineBudget.Section(List.of("c"))), 100);
        assertThat(kept).containsExactly(List.of("a", "b"), List.of("c"));
    }

    @Test
    void anEarlierSectionIsCutFirstButLaterOnesStillSayWhatTheyHold() {
        List<List<String>> kept = LineBudget.fit(List.of(new LineBudget.Section(List.of("x".repeat(10), "y".repeat(10), "z".repeat(10))),
                new LineBudget.Section(List.of("w".repeat(50)), 2)), 35);
        // 35 = 11 + 11 + the first section's "…외 1건" (6) + the second's "…외 3건" (6), one to spare.
        assertThat(kept.get(0)).containsExactly("x".repeat(10), "y".repeat(10), "…외 1건");
        assertThat(kept.get(1)).containsExactly("…외 3건");
    }

    @Provide
    Arbitrary<List<LineBudget.Section>> sections() {
        Arbitrary<String> line = Arbitraries.strings().withChars("ab가나<&").ofMinLength(1).ofMaxLength(80);
        return Combinators.combine(line.list().ofMaxSize(60), Arbitraries.integers().between(0, 3))
                .as(LineBudget.Section::new).list().ofMaxSize(5);
    }
}
