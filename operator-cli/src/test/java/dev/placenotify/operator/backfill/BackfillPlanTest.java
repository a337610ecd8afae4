package dev.placenotify.operator.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {
    private static final Instant NOW = Instant.parse("2025-10-22T05:00:12.345Z"); // 14:00:12 KST

    @Test
    void oneSliceIsOneRunNamedAfterTheKstTime() {
        List<BackfillRun> runs = BackfillPlan.plan(List.of("1051707", "951291"),
                new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 11, 21)), FetchMode.SEED, NOW);

        assertThat(runs).hasSize(1);
        BackfillRun run = runs.get(0);
        assertThat(run.runId()).isEqualTo("b20251022T140012");
        assertThat(run.started().mode()).isEqualTo(FetchMode.SEED);
        assertThat(run.started().storeIds()).containsExactly("1051707", "951291");
        assertThat(run.started().cycleAt()).isEqualTo(Instant.parse("2025-10-22T05:00:12Z"));
        assertThat(run.fetches()).extracting(FetchRequest::storeId).containsExactly("1051707", "951291");
        assertThat(run.fetches()).allSatisfy(f -> {
            assertThat(f.runId()).isEqualTo(run.runId());
            assertThat(f.mode()).isEqualTo(FetchMode.SEED);
            assertThat(f.window().days()).isEqualTo(31);
        });
    }

    @Test
    void aLongerWindowIsOneRunPerSliceSoTheNotifierAccountsEachStoreOncePerRun() {
        List<BackfillRun> runs = BackfillPlan.plan(List.of("1051707"),
                new DateWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 15)), FetchMode.NORMAL, NOW);

        assertThat(runs).extracting(BackfillRun::runId)
                .containsExactly("b20251022T140012-1", "b20251022T140012-2", "b20251022T140012-3");
        assertThat(runs.get(2).fetches().get(0).window())
                .isEqualTo(new DateWindow(LocalDate.of(2025, 3, 4), LocalDate.of(2025, 3, 15)));
    }

    @Test
    void duplicateStoresAreFetchedOnceAndHugeWindowsAreRefused() {
        assertThat(BackfillPlan.plan(List.of("1", "1", "2"), new DateWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 1)),
                FetchMode.SEED, NOW).get(0).fetches()).hasSize(2);
        assertThatThrownBy(() -> BackfillPlan.plan(List.of("1"),
                new DateWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 2)), FetchMode.SEED, NOW))
                .hasMessageContaining("at most 366");
    }

    @Property(tries = 200)
    void slicesCoverTheWindowExactlyWithOneFetchPerStorePerRun(@ForAll @IntRange(min = 0, max = 365) int length,
                                                               @ForAll @IntRange(min = 0, max = 2000) int startOffset,
                                                               @ForAll @Size(min = 1, max = 6) @UniqueElements
                                                               List<@IntRange(min = 1, max = 9_999_999) Integer> stores) {
        LocalDate from = LocalDate.of(2024, 1, 1).plusDays(startOffset);
        DateWindow window = new DateWindow(from, from.plusDays(length));
        List<String> ids = stores.stream().map(String::valueOf).toList();

        List<BackfillRun> runs = BackfillPlan.plan(ids, window, FetchMode.SEED, NOW);

        List<DateWindow> covered = new ArrayList<>();
        for (BackfillRun r : runs) {
            assertThat(r.fetches()).extracting(FetchRequest::storeId).containsExactlyElementsOf(ids);
            assertThat(r.started().storeIds()).containsExactlyElementsOf(ids);
            assertThat(r.fetches()).extracting(FetchRequest::window).containsOnly(r.fetches().get(0).window());
            DateWindow w = r.fetches().get(0).window();
            assertThat(w.days()).isBetween(1L, (long) DateWindow.MAX_DAYS_PER_QUERY);
            covered.add(w);
        }
        assertThat(covered.get(0).from()).isEqualTo(window.from());
        assertThat(covered.get(covered.size() - 1).to()).isEqualTo(window.to());
        for (int i = 1; i < covered.size(); i++) {
            assertThat(covered.get(i).from()).isEqualTo(covered.get(i - 1).to().plusDays(1));
        }
        assertThat(new HashSet<>(runs.stream().map(BackfillRun::runId).toList())).hasSize(runs.size());
    }
}
