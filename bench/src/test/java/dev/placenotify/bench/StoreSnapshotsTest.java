package dev.placenotify.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.SmsType;
import dev.placenotify.planner.core.Decision;
import dev.placenotify.planner.core.MessageRenderer;
import dev.placenotify.planner.core.PlannedMessage;
import dev.placenotify.planner.core.Planner;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The benchmarks' inputs make the planner do what their descriptions say, so the scores mean what they claim. */
class StoreSnapshotsTest {
    private final StoreSnapshots.Snapshot snapshot = StoreSnapshots.snapshot(StoreSnapshots.store(), 50);

    @Test
    void afternoonCycleConfirmsTheNewAndRemindsTheDue() {
        Decision d = Planner.decide(StoreSnapshots.CYCLE, StoreSnapshots.store(), FetchMode.NORMAL, snapshot.bookings(),
                snapshot.stored(), StoreSnapshots.STATE_TTL);

        assertThat(byKind(d)).containsExactlyInAnyOrderEntriesOf(Map.of(MessageKind.CONFIRMATION, 5L, MessageKind.REMINDER, 5L));
        // 5 new, 5 reminded, 10 completed and 2 cancelled bookings change state; the 28 others do not.
        assertThat(d.changedStates()).hasSize(22);
        assertThat(d.skipped()).isEmpty();
    }

    @Test
    void eveningCycleAlsoPlansTheEventSmsOfTodaysCompletedBookings() {
        Decision d = Planner.decide(StoreSnapshots.EVENING, StoreSnapshots.store(), FetchMode.NORMAL, snapshot.bookings(),
                snapshot.stored(), StoreSnapshots.STATE_TTL);

        assertThat(byKind(d)).containsEntry(MessageKind.EVENT, 10L).containsEntry(MessageKind.CONFIRMATION, 5L);
    }

    @Test
    void seedBackfillRecordsEveryBookingWithoutMessages() {
        Decision d = Planner.decide(StoreSnapshots.CYCLE, StoreSnapshots.store(), FetchMode.SEED, snapshot.bookings(), Map.of(),
                StoreSnapshots.STATE_TTL);

        assertThat(d.messages()).isEmpty();
        assertThat(d.changedStates()).hasSize(50);
    }

    @Test
    void renderingBenchmarksCoverBothSizes() {
        var booking = StoreSnapshots.snapshot(StoreSnapshots.store(), 10).bookings().get(0);

        assertThat(MessageRenderer.render(MessageKind.CONFIRMATION, StoreSnapshots.store(), booking).type()).isEqualTo(SmsType.SMS);
        assertThat(MessageRenderer.render(MessageKind.CONFIRMATION, StoreSnapshots.storeWithLongTemplate(), booking).type())
                .isEqualTo(SmsType.LMS);
    }

    private static Map<MessageKind, Long> byKind(Decision d) {
        return d.messages().stream().collect(Collectors.groupingBy(PlannedMessage::kind, Collectors.counting()));
    }
}
