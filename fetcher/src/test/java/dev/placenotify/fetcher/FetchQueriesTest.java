package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.NaverBookingClient.StatusQuery;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FetchQueriesTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST
    private static final LocalDate TODAY = LocalDate.of(2025, 10, 22);

    @Test
    void scheduledWindowRunsFromTheCycleDayToTheHorizon() {
        assertThat(FetchQueries.scheduledWindow(CYCLE, 14)).isEqualTo(new DateWindow(TODAY, TODAY.plusDays(14)));
    }

    @Test
    void theCycleDayIsTakenInKoreanTime() {
        // 2025-10-22 15:20 UTC is already 2025-10-23 00:20 in Seoul.
        Instant lateUtc = Instant.parse("2025-10-22T15:20:00Z");
        assertThat(FetchQueries.scheduledWindow(lateUtc, 14).from()).isEqualTo(TODAY.plusDays(1));
    }

    @Test
    void confirmedAndCancelledCoverTheWholeWindowCompletedOnlyUpToToday() {
        FetchRequest r = FetchRequest.of("r", "1", FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.NORMAL, CYCLE);

        assertThat(FetchQueries.forRequest(r)).containsExactly(
                new StatusQuery("RC03", new DateWindow(TODAY, TODAY.plusDays(14))),
                new StatusQuery("RC04", new DateWindow(TODAY, TODAY.plusDays(14))),
                new StatusQuery("RC08", new DateWindow(TODAY, TODAY)));
    }

    @Test
    void aBackfillInThePastAsksForCompletedBookingsOverItsWholeWindow() {
        DateWindow past = new DateWindow(TODAY.minusDays(20), TODAY.minusDays(10));
        FetchRequest r = FetchRequest.of("r", "1", past, FetchMode.SEED, CYCLE);

        assertThat(FetchQueries.forRequest(r)).extracting(StatusQuery::status).containsExactly("RC03", "RC04", "RC08");
        assertThat(FetchQueries.forRequest(r).get(2).window()).isEqualTo(past);
    }

    @Test
    void aWindowEntirelyAheadAsksForNoCompletedBookings() {
        DateWindow ahead = new DateWindow(TODAY.plusDays(1), TODAY.plusDays(5));
        FetchRequest r = FetchRequest.of("r", "1", ahead, FetchMode.NORMAL, CYCLE);

        assertThat(FetchQueries.forRequest(r)).extracting(StatusQuery::status).containsExactly("RC03", "RC04");
    }

    @Test
    void aSixtyDayWindowIsAskedForInTwoSlicesOfAtMost31Days() {
        DateWindow sixty = new DateWindow(TODAY, TODAY.plusDays(59));
        FetchRequest r = FetchRequest.of("r", "1", sixty, FetchMode.SEED, CYCLE);

        StatusQuery confirmed = FetchQueries.forRequest(r).get(0);
        List<DateWindow> slices = confirmed.window().slices(DateWindow.MAX_DAYS_PER_QUERY);
        assertThat(slices).containsExactly(new DateWindow(TODAY, TODAY.plusDays(30)),
                new DateWindow(TODAY.plusDays(31), TODAY.plusDays(59)));
        assertThat(slices).extracting(DateWindow::days).containsExactly(31L, 29L);
    }

    @Property
    void slicesCoverAnyWindowExactlyWithoutGapsOrOverlap(@ForAll @IntRange(min = 0, max = 400) int startOffset,
                                                          @ForAll @IntRange(min = 1, max = 400) int days) {
        LocalDate from = TODAY.minusDays(200).plusDays(startOffset);
        DateWindow w = new DateWindow(from, from.plusDays(days - 1L));

        List<DateWindow> slices = w.slices(DateWindow.MAX_DAYS_PER_QUERY);

        assertThat(slices.get(0).from()).isEqualTo(w.from());
        assertThat(slices.get(slices.size() - 1).to()).isEqualTo(w.to());
        for (int i = 1; i < slices.size(); i++) {
            assertThat(ChronoUnit.DAYS.between(slices.get(i - 1).to(), slices.get(i).from())).isEqualTo(1);
        }
        assertThat(slices).allSatisfy(s -> assertThat(s.days()).isBetween(1L, 31L));
        assertThat(slices).hasSize((days + 30) / 31);
    }
}
