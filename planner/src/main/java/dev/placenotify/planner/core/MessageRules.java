package dev.placenotify.planner.core;

import dev.placenotify.model.Booking;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which messages a booking is due in a cycle, by the product's rules, before asking whether they were
 * already planned (that is {@link Planner}'s job). A message is due when it would be right to send it
 * now; because keys carry what the message is for, "due and not planned yet" means "send it".
 */
final class MessageRules {
    private MessageRules() {}

    /** The evening advertising window in KST: [20:00, 21:00). */
    static final LocalTime EVENT_FROM = LocalTime.of(20, 0);
    static final LocalTime EVENT_UNTIL = LocalTime.of(21, 0);

    /** One message a booking is due, by kind and key. */
    record Due(MessageKind kind, String key) {}

    /** The cycle's fixed inputs. */
    record Cycle(Instant now, StoreSettings store, Duration stateTtl) {
        Duration reminderLead() {
            return Duration.ofMinutes(store.reminderLeadMinutes());
        }

        ZonedDateTime nowKst() {
            return now.atZone(Messages.KST);
        }
    }

    /**
     * The messages due for {@code booking} in this cycle, in the order the customer must receive them.
     *
     * @param planned every key planned before (stored planned and pending keys)
     * @param pending keys of the previous decision that may not have reached the queue
     */
    static List<Due> due(Cycle cycle, ValidatedBooking.Valid booking, BookingState stored,
                         Set<String> planned, Set<String> pending) {
        Booking b = booking.booking();
        String storeId = cycle.store().storeId();
        String id = b.bookingId();
        Instant start = b.startAt();
        Instant now = cycle.now();
        String confirmationKey = IdempotencyKeys.confirmation(storeId, id);
        boolean confirmedBefore = planned.contains(confirmationKey) && !pending.contains(confirmationKey);
        boolean ahead = start.isAfter(now);

        List<Due> due = new ArrayList<>();
        switch (booking.status()) {
            case CONFIRMED -> {
                if (!ahead) {
                    break;
                }
                due.add(new Due(MessageKind.CONFIRMATION, confirmationKey));
                String rescheduleKey = IdempotencyKeys.reschedule(storeId, id, start);
                boolean moved = stored != null && stored.startAt() != null && !stored.startAt().equals(start);
                if (cycle.store().rescheduleNotice() && confirmedBefore && (moved || pending.contains(rescheduleKey))) {
                    due.add(new Due(MessageKind.RESCHEDULE, rescheduleKey));
                }
                if (Duration.between(now, start).compareTo(cycle.reminderLead()) < 0) {
                    due.add(new Due(MessageKind.REMINDER, IdempotencyKeys.reminder(storeId, id, start)));
                }
            }
            case COMPLETED -> {
                LocalDate day = reservationDate(b);
                if (cycle.store().eventSmsEnabled() && inEventWindow(now) && day.equals(cycle.nowKst().toLocalDate())) {
                    due.add(new Due(MessageKind.EVENT, IdempotencyKeys.event(storeId, id, day)));
                }
            }
            case CANCELLED -> {
                if (cycle.store().cancellationNotice() && confirmedBefore && ahead) {
                    due.add(new Due(MessageKind.CANCELLATION, IdempotencyKeys.cancellation(storeId, id)));
                }
            }
            case REQUESTED -> {
                // nothing until the store confirms
            }
        }
        return due;
    }

    /** Whether {@code now} is inside the evening advertising window, [20:00, 21:00) KST. */
    static boolean inEventWindow(Instant now) {
        LocalTime t = now.atZone(Messages.KST).toLocalTime();
        return !t.isBefore(EVENT_FROM) && t.isBefore(EVENT_UNTIL);
    }

    /** The reservation's day in KST: Naver's {@code startDate}, else the start time's KST date. */
    static LocalDate reservationDate(Booking b) {
        return b.startDate() != null ? b.startDate() : b.startAt().atZone(Messages.KST).toLocalDate();
    }
}
