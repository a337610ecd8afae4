package dev.placenotify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.SmsType;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.PlannedMessage;
import dev.placenotify.planner.core.Planner;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmarks' inputs make the planner do what their descriptions say, so the scores mean what they claim. */
class StoreSnapshotsTest {
    private final StoreSnapshots.Snapshot snapshot = StoreSnapshots.snapshot(StoreSnapshots.store(), 50);

    private static Planner.Cycle cycle(Instant now, FetchMode mode) {
        return new Planner.Cycle(now, StoreSnapshots.store(), StoreSnapshots.RULES, mode, now, StoreSnapshots.STATE_TTL);
    }

    @Test
    void afternoonCycleConfirmsTheNewAndRemindsTheDue() {
        Decision d = Planner.decide(cycle(StoreSnapshots.CYCLE, FetchMode.NORMAL), snapshot.bookings(), snapshot.stored());

        assertThat(byRule(d)).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMATION", 5L, "REMINDER", 5L));
        // 5 new, 5 reminded, 10 completed and 2 cancelled bookings change state; the 28 others do not.
        assertThat(d.changedStates()).hasSize(22);
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void eveningCycleAlsoPlansTheReviewRequestOfTodaysCompletedBookings() {
        Decision d = Planner.decide(cycle(StoreSnapshots.EVENING, FetchMode.NORMAL), snapshot.bookings(), snapshot.stored());

        assertThat(byRule(d)).containsEntry("EVENT", 10L).containsEntry("CONFIRMATION", 5L);
    }

    @Test
    void seedBackfillRecordsEveryBookingWithoutMessages() {
        Decision d = Planner.decide(cycle(StoreSnapshots.CYCLE, FetchMode.SEED), snapshot.bookings(), Map.of());

        assertThat(d.messages()).isEmpty();
        assertThat(d.changedStates()).hasSize(50);
    }

    @Test
    void renderingBenchmarksCoverBothSizesAndTheAdvertisingFrame() {
        TemplateRenderingBenchmark b = new TemplateRenderingBenchmark();
        assertThat(b.renderConfirmationSms().type()).isEqualTo(SmsType.SMS);
        assertThat(b.renderConfirmationLms().type()).isEqualTo(SmsType.LMS);
        assertThat(b.renderBranchGuide().type()).isEqualTo(SmsType.LMS);
        assertThat(b.renderAdvertisement().content()).startsWith("(광고)").endsWith("080-123-4567");
    }

    private static Map<String, Long> byRule(Decision d) {
        return d.messages().stream().collect(Collectors.groupingBy(PlannedMessage::rule, Collectors.counting()));
    }
}
