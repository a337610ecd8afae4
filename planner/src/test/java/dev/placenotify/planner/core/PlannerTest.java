package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.STORE_ID;
import static dev.placenotify.planner.core.Fixtures.TTL;
import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.kst;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.MessageKind;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final StoreSettings STORE = store().build();
    static final String CONF = IdempotencyKeys.confirmation(STORE_ID, "5011");
    static final Instant START = kst("2025-10-22T15:30");
    static final String REM = IdempotencyKeys.reminder(STORE_ID, "5011", START);

    static List<MessageKind> kinds(Decision d) {
        return d.messages().stream().map(PlannedMessage::kind).toList();
    }

    static Decision decide(Instant now, StoreSettings store, Booking... bookings) {
        return Planner.decide(now, store, FetchMode.NORMAL, List.of(bookings), Map.of(), TTL);
    }

    @Nested
    class Confirmation {
        @Test
        void newConfirmedBookingGetsOneConfirmationAndItsStateIsRecorded() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking("5011").build());

            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.CONFIRMATION);
                assertThat(m.idempotencyKey()).isEqualTo("1051707:5011:CONFIRMATION");
                assertThat(m.recipient()).isEqualTo("01012345678");
                assertThat(m.type()).isEqualTo(SmsType.SMS);
                assertThat(m.contentType()).isEqualTo(ContentType.COMM);
                assertThat(m.subject()).isNull();
                assertThat(m.afterKey()).isNull();
                assertThat(m.content()).isEqualTo("[화성점] 김민수님, 10월 22일(수) 15:30 예약이 확정되었습니다. 감사합니다.");
            });
            assertThat(d.changedStates()).containsExactly(new BookingState("5011", "RC03", START, Set.of(CONF),
                    Set.of(CONF), 1, START.plus(TTL)));
            assertThat(d.skipped()).isEmpty();
        }

        @Test
        void isSentOnceAcrossCycles() {
            var shell = new Fixtures.Store();
            Booking b = booking("5011").build();
            assertThat(kinds(shell.cycle(kst("2025-10-21T10:00"), STORE, b))).containsExactly(MessageKind.CONFIRMATION);
            Decision again = shell.cycle(kst("2025-10-21T10:10"), STORE, b);
            assertThat(again.messages()).isEmpty();
            assertThat(again.changedStates()).isEmpty();
        }

        @Test
        void bookingFirstSeenAfterItsStartGetsNoMessageButIsRecorded() {
            Decision d = decide(kst("2025-10-22T16:00"), STORE, booking("5011").build());
            assertThat(d.messages()).isEmpty();
            assertThat(d.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.plannedKeys()).isEmpty();
                assertThat(s.status()).isEqualTo("RC03");
                assertThat(s.version()).isEqualTo(1);
            });
        }

        @Test
        void bookingStartingExactlyNowIsAlreadyStarted() {
            assertThat(decide(START, STORE, booking("5011").build()).messages()).isEmpty();
            assertThat(kinds(decide(START.minusSeconds(1), STORE, booking("5011").build())))
                    .containsExactly(MessageKind.CONFIRMATION, MessageKind.REMINDER);
        }

        @Test
        void backfillNeverConfirmsAStartedReservation() {
            var shell = new Fixtures.Store();
            Decision d = shell.cycle(kst("2025-10-23T09:00"), STORE, booking("5011").build(),
                    booking("5012").start("2025-10-23T18:00").build());
            assertThat(d.messages()).extracting(PlannedMessage::bookingId).containsExactly("5012");
        }

        @Test
        void requestedBookingWaitsForTheStoreToConfirm() {
            var shell = new Fixtures.Store();
            Decision requested = shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").status("RC02").build());
            assertThat(requested.messages()).isEmpty();
            assertThat(requested.changedStates()).singleElement().extracting(BookingState::status).isEqualTo("RC02");

            Decision confirmed = shell.cycle(kst("2025-10-21T11:00"), STORE, booking("5011").build());
            assertThat(kinds(confirmed)).containsExactly(MessageKind.CONFIRMATION);
            assertThat(confirmed.changedStates()).singleElement().extracting(BookingState::version).isEqualTo(2L);
        }

        @Test
        void completedBookingOutsideTheEventGetsNothing() {
            assertThat(decide(kst("2025-10-22T18:00"), store().event("0801234567").build(),
                    booking("5011").status("RC08").build()).messages()).isEmpty();
        }
    }

    @Nested
    class Reminder {
        @Test
        void noReminderAtExactlyTheLead() {
            Decision d = decide(START.minus(Duration.ofMinutes(120)), STORE, booking("5011").build());
            assertThat(kinds(d)).containsExactly(MessageKind.CONFIRMATION);
        }

        @Test
        void reminderOneSecondInsideTheLead() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(START.minus(Duration.ofMinutes(120)), STORE, booking("5011").build()).messages()).isEmpty();

            Decision d = shell.cycle(START.minus(Duration.ofSeconds(119 * 60 + 59)), STORE, booking("5011").build());
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.REMINDER);
                assertThat(m.idempotencyKey()).isEqualTo("1051707:5011:REMINDER:" + START.getEpochSecond());
                assertThat(m.afterKey()).isNull();
                assertThat(m.content()).isEqualTo("[화성점] 김민수님, 10월 22일(수) 15:30 예약 시간이 곧 다가옵니다.");
            });
            assertThat(shell.get("5011").plannedKeys()).containsExactlyInAnyOrder(CONF, REM);
            assertThat(shell.cycle(START.minus(Duration.ofMinutes(30)), STORE, booking("5011").build()).messages()).isEmpty();
        }

        @Test
        void newBookingInsideTheLeadGetsConfirmationThenReminder() {
            Decision d = decide(START.minus(Duration.ofMinutes(40)), STORE, booking("5011").build());
            assertThat(kinds(d)).containsExactly(MessageKind.CONFIRMATION, MessageKind.REMINDER);
            assertThat(d.messages().get(0).afterKey()).isNull();
            assertThat(d.messages().get(1).afterKey()).isEqualTo(CONF);
            assertThat(d.changedStates().getFirst().pendingKeys()).containsExactlyInAnyOrder(CONF, REM);
        }

        @Test
        void storeLeadIsRespected() {
            StoreSettings shortLead = store().lead(30).build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), shortLead, booking("5011").build());
            assertThat(shell.cycle(START.minus(Duration.ofMinutes(30)), shortLead, booking("5011").build()).messages()).isEmpty();
            assertThat(kinds(shell.cycle(START.minus(Duration.ofMinutes(29)), shortLead, booking("5011").build())))
                    .containsExactly(MessageKind.REMINDER);
        }

        @Test
        void reminderAcrossMidnightKst() {
            var shell = new Fixtures.Store();
            Booking b = booking("5011").start("2025-10-23T00:30").startDate(LocalDate.parse("2025-10-23")).build();
            shell.cycle(kst("2025-10-22T12:00"), STORE, b);
            Decision d = shell.cycle(kst("2025-10-22T23:00"), STORE, b);
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.REMINDER);
                assertThat(m.content()).contains("10월 23일(목) 00:30");
            });
        }

        @Test
        void noReminderOnceStarted() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(START, STORE, booking("5011").build()).messages()).isEmpty();
            assertThat(shell.cycle(START.plusSeconds(60), STORE, booking("5011").build()).messages()).isEmpty();
        }
    }

    @Nested
    class Event {
        final StoreSettings eventStore = store().event("0801234567").build();
        final Booking completed = booking("5011").status("RC08").start("2025-10-22T15:30").build();

        @Test
        void windowIsFromEightUntilNineInTheEvening() {
            assertThat(kinds(decide(kst("2025-10-22T20:00:00"), eventStore, completed))).containsExactly(MessageKind.EVENT);
            assertThat(kinds(decide(kst("2025-10-22T20:59:59"), eventStore, completed))).containsExactly(MessageKind.EVENT);
            assertThat(decide(kst("2025-10-22T21:00:00"), eventStore, completed).messages()).isEmpty();
            assertThat(decide(kst("2025-10-22T19:59:59"), eventStore, completed).messages()).isEmpty();
            assertThat(decide(kst("2025-10-22T23:30:00"), eventStore, completed).messages()).isEmpty();
            assertThat(decide(kst("2025-10-22T07:59:00"), eventStore, completed).messages()).isEmpty();
        }

        @Test
        void isAdvertisingNamingTheStoreWithTheOptOutLast() {
            PlannedMessage m = decide(kst("2025-10-22T20:10"), eventStore, completed).messages().getFirst();
            assertThat(m.contentType()).isEqualTo(ContentType.AD);
            assertThat(m.idempotencyKey()).isEqualTo("1051707:5011:EVENT:2025-10-22");
            assertThat(m.content()).startsWith("(광고)[화성점] ").contains("10월 22일(수) 15:30")
                    .endsWith("\n무료수신거부 080-123-4567");
            assertThat(m.type()).isEqualTo(SmsType.LMS);
            assertThat(m.subject()).isEqualTo("(광고)[화성점] 이벤트 안내");
        }

        @Test
        void onlyForTodaysCompletedBookings() {
            Booking yesterday = booking("5012").status("RC08").start("2025-10-21T15:30").build();
            Booking confirmedToday = booking("5013").status("RC03").start("2025-10-22T22:30").build();
            Booking startDateToday = booking("5014").status("RC08").start(kst("2025-10-21T23:30"))
                    .startDate(LocalDate.parse("2025-10-22")).build();
            Booking kstDateToday = booking("5015").status("RC08").start(Instant.parse("2025-10-21T16:00:00Z")).build();
            Decision d = decide(kst("2025-10-22T20:30"), eventStore, completed, yesterday, confirmedToday,
                    startDateToday, kstDateToday);
            assertThat(d.messages()).filteredOn(m -> m.kind() == MessageKind.EVENT)
                    .extracting(PlannedMessage::bookingId).containsExactly("5011", "5014", "5015");
        }

        @Test
        void aReservationJustAfterMidnightBelongsToTheNextDay() {
            Booking afterMidnight = booking("5016").status("RC08").start("2025-10-23T00:30").build();
            Booking beforeMidnight = booking("5017").status("RC08").start("2025-10-22T23:59").build();
            assertThat(decide(kst("2025-10-22T20:30"), eventStore, afterMidnight, beforeMidnight).messages())
                    .extracting(PlannedMessage::bookingId).containsExactly("5017");
        }

        @Test
        void onlyInStoresThatEnableIt() {
            assertThat(decide(kst("2025-10-22T20:30"), STORE, completed).messages()).isEmpty();
        }

        @Test
        void oncePerBooking() {
            var shell = new Fixtures.Store();
            assertThat(shell.cycle(kst("2025-10-22T20:00"), eventStore, completed).messages()).hasSize(1);
            assertThat(shell.cycle(kst("2025-10-22T20:10"), eventStore, completed).messages()).isEmpty();
        }

        @Test
        void storeTemplateKeepsTheFrame() {
            StoreSettings own = store().event("080-123-4567")
                    .template(MessageKind.EVENT, null, "(광고) 오늘 방문 감사 🎁 쿠폰 드려요").build();
            PlannedMessage m = decide(kst("2025-10-22T20:30"), own, completed).messages().getFirst();
            assertThat(m.content()).isEqualTo("(광고)[화성점] 오늘 방문 감사 쿠폰 드려요\n무료수신거부 080-123-4567");
            assertThat(m.type()).isEqualTo(SmsType.SMS);
        }
    }

    @Nested
    class Cancellation {
        @Test
        void cancelledBookingGetsNothing() {
            Decision d = decide(kst("2025-10-21T10:00"), store().cancellationNotice().build(),
                    booking("5011").status("RC04").build());
            assertThat(d.messages()).isEmpty();
            assertThat(d.changedStates()).singleElement().extracting(BookingState::status).isEqualTo("RC04");
        }

        @Test
        void confirmedThenCancelledGetsNoFurtherMessageByDefault() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-22T14:00"), STORE, booking("5011").status("RC04").build()).messages()).isEmpty();
            assertThat(shell.get("5011").status()).isEqualTo("RC04");
        }

        @Test
        void pendingReminderIsSuppressed() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            shell.cycle(kst("2025-10-22T14:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()), false);
            assertThat(shell.get("5011").pendingKeys()).containsExactly(REM);

            Decision d = shell.cycle(kst("2025-10-22T14:10"), STORE, booking("5011").status("RC04").build());
            assertThat(d.messages()).isEmpty();
            assertThat(shell.get("5011").pendingKeys()).isEmpty();
            assertThat(shell.get("5011").plannedKeys()).containsExactly(CONF);
        }

        @Test
        void noticeWhenTheStoreWantsOneOnceForAConfirmedBooking() {
            StoreSettings notify = store().cancellationNotice().build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5011").build());
            Decision d = shell.cycle(kst("2025-10-21T11:00"), notify, booking("5011").status("RC04").build());
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.CANCELLATION);
                assertThat(m.idempotencyKey()).isEqualTo("1051707:5011:CANCELLATION");
                assertThat(m.content()).isEqualTo("[화성점] 김민수님, 10월 22일(수) 15:30 예약이 취소되었습니다.");
            });
            assertThat(shell.cycle(kst("2025-10-21T11:10"), notify, booking("5011").status("RC04").build()).messages()).isEmpty();
            shell.cycle(kst("2025-10-21T11:20"), notify, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-21T11:30"), notify, booking("5011").status("RC04").build()).messages()).isEmpty();
        }

        @Test
        void noNoticeForABookingNeverConfirmedOrAlreadyStarted() {
            StoreSettings notify = store().cancellationNotice().build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5011").status("RC02").build());
            assertThat(shell.cycle(kst("2025-10-21T11:00"), notify, booking("5011").status("RC04").build()).messages()).isEmpty();

            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5012").build());
            assertThat(shell.cycle(kst("2025-10-22T16:00"), notify, booking("5012").status("RC04").build()).messages()).isEmpty();
        }

        @Test
        void cancelledThenRescheduledAndReinstated() {
            StoreSettings notify = STORE;
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-21T11:00"), notify, booking("5011").status("RC04").build()).messages()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-21T12:00"), notify,
                    booking("5011").status("RC04").start("2025-10-24T11:00").build()).messages()).isEmpty();

            Decision reinstated = shell.cycle(kst("2025-10-24T10:00"), notify,
                    booking("5011").status("RC03").start("2025-10-24T11:00").build());
            assertThat(kinds(reinstated)).containsExactly(MessageKind.REMINDER);
            assertThat(reinstated.messages().getFirst().content()).contains("10월 24일(금) 11:00");
        }
    }

    @Nested
    class Reschedule {
        @Test
        void noSecondConfirmationAndTheStateFollowsTheNewStart() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            Instant moved = kst("2025-10-23T11:00");
            Decision d = shell.cycle(kst("2025-10-21T12:00"), STORE, booking("5011").start(moved).build());
            assertThat(d.messages()).isEmpty();
            assertThat(d.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.startAt()).isEqualTo(moved);
                assertThat(s.expiresAt()).isEqualTo(moved.plus(TTL));
            });
        }

        @Test
        void reminderReArmsAfterAReminderForTheOldStart() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-22T14:00"), STORE, booking("5011").build());
            assertThat(shell.get("5011").plannedKeys()).containsExactlyInAnyOrder(CONF, REM);

            Booking later = booking("5011").start("2025-10-22T17:00").build();
            assertThat(shell.cycle(kst("2025-10-22T14:10"), STORE, later).messages()).isEmpty();
            Decision d = shell.cycle(kst("2025-10-22T15:10"), STORE, later);
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.REMINDER);
                assertThat(m.idempotencyKey()).isEqualTo(IdempotencyKeys.reminder(STORE_ID, "5011", kst("2025-10-22T17:00")));
                assertThat(m.content()).contains("17:00");
            });
        }

        @Test
        void noticeOncePerNewStartWhenTheStoreWantsOne() {
            StoreSettings notify = store().rescheduleNotice().build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-20T10:00"), notify, booking("5011").build());
            Booking b = booking("5011").start("2025-10-23T11:00").build();
            Decision d = shell.cycle(kst("2025-10-20T11:00"), notify, b);
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.kind()).isEqualTo(MessageKind.RESCHEDULE);
                assertThat(m.idempotencyKey()).isEqualTo(IdempotencyKeys.reschedule(STORE_ID, "5011", kst("2025-10-23T11:00")));
                assertThat(m.content()).isEqualTo("[화성점] 김민수님, 예약이 10월 23일(목) 11:00(으)로 변경되었습니다.");
            });
            assertThat(shell.cycle(kst("2025-10-20T11:10"), notify, b).messages()).isEmpty();
            assertThat(kinds(shell.cycle(kst("2025-10-20T12:00"), notify, booking("5011").build())))
                    .containsExactly(MessageKind.RESCHEDULE);
            assertThat(shell.cycle(kst("2025-10-20T13:00"), notify, b).messages()).isEmpty();
        }

        @Test
        void noticeIntoTheLeadPrecedesTheReminder() {
            StoreSettings notify = store().rescheduleNotice().build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5011").build());
            Decision d = shell.cycle(kst("2025-10-21T10:10"), notify, booking("5011").start("2025-10-21T11:00").build());
            assertThat(kinds(d)).containsExactly(MessageKind.RESCHEDULE, MessageKind.REMINDER);
            assertThat(d.messages().get(1).afterKey()).isEqualTo(d.messages().get(0).idempotencyKey());
        }

        @Test
        void noNoticeForABookingThatWasNeverConfirmed() {
            StoreSettings notify = store().rescheduleNotice().build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), notify, booking("5011").status("RC02").build());
            assertThat(kinds(shell.cycle(kst("2025-10-21T11:00"), notify, booking("5011").start("2025-10-23T11:00").build())))
                    .containsExactly(MessageKind.CONFIRMATION);
        }
    }

    @Nested
    class Seed {
        @Test
        void recordsWhatWouldHaveBeenSentWithoutSendingIt() {
            var shell = new Fixtures.Store();
            StoreSettings eventStore = store().event("0801234567").build();
            List<Booking> bookings = List.of(booking("5011").start("2025-10-22T21:30").build(),
                    booking("5012").start("2025-10-25T10:00").build(),
                    booking("5013").status("RC08").build(),
                    booking("5014").phone("02-123-4567").build());
            Decision seed = shell.cycle(kst("2025-10-22T20:30"), eventStore, FetchMode.SEED, bookings, true);

            assertThat(seed.messages()).isEmpty();
            assertThat(seed.skipped()).isEmpty();
            assertThat(seed.changedStates()).hasSize(4).allSatisfy(s -> assertThat(s.pendingKeys()).isEmpty());
            assertThat(shell.get("5011").plannedKeys()).containsExactlyInAnyOrder(
                    IdempotencyKeys.confirmation(STORE_ID, "5011"),
                    IdempotencyKeys.reminder(STORE_ID, "5011", kst("2025-10-22T21:30")));
            assertThat(shell.get("5012").plannedKeys()).containsExactly(IdempotencyKeys.confirmation(STORE_ID, "5012"));
            assertThat(shell.get("5013").plannedKeys()).containsExactly(
                    IdempotencyKeys.event(STORE_ID, "5013", LocalDate.parse("2025-10-22")));

            Decision next = shell.cycle(kst("2025-10-22T20:40"), eventStore, bookings);
            assertThat(next.messages()).isEmpty();
            assertThat(next.skipped()).isEmpty();
        }

        @Test
        void seedStillReportsMalformedBookings() {
            Decision d = Planner.decide(kst("2025-10-21T10:00"), STORE, FetchMode.SEED,
                    List.of(booking("5011").status("RC99").build()), Map.of(), TTL);
            assertThat(d.skipped()).extracting(SkippedItem::reason).containsExactly("malformed booking: unknown status 'RC99'");
        }
    }

    @Nested
    class PendingKeys {
        @Test
        void pendingMessagesAreEmittedAgainReRenderedWithTheSameKeys() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-22T14:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()), false);
            BookingState crashed = shell.get("5011");
            assertThat(crashed.pendingKeys()).containsExactlyInAnyOrder(CONF, REM);

            Decision retry = shell.cycle(kst("2025-10-22T14:10"), STORE, FetchMode.NORMAL,
                    List.of(booking("5011").name("김민지").build()), false);
            assertThat(retry.messages()).extracting(PlannedMessage::idempotencyKey).containsExactly(CONF, REM);
            assertThat(retry.messages().get(1).afterKey()).isEqualTo(CONF);
            assertThat(retry.messages().getFirst().content()).contains("김민지님");
            assertThat(retry.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(crashed.version() + 1);
                assertThat(s.pendingKeys()).containsExactlyInAnyOrder(CONF, REM);
                assertThat(s.plannedKeys()).isEqualTo(crashed.plannedKeys());
            });

            Decision settled = shell.cycle(kst("2025-10-22T14:20"), STORE, booking("5011").build());
            assertThat(settled.messages()).extracting(PlannedMessage::idempotencyKey).containsExactly(CONF, REM);
            assertThat(shell.get("5011").pendingKeys()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-22T14:30"), STORE, booking("5011").build()).messages()).isEmpty();
        }

        @Test
        void pendingReminderForAnOldStartIsDropped() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            shell.cycle(kst("2025-10-22T14:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()), false);

            Decision d = shell.cycle(kst("2025-10-22T14:10"), STORE, booking("5011").start("2025-10-22T19:00").build());
            assertThat(d.messages()).isEmpty();
            assertThat(shell.get("5011").plannedKeys()).containsExactly(CONF);
        }

        @Test
        void pendingEventIsNotEmittedAfterNine() {
            StoreSettings eventStore = store().event("0801234567").build();
            var shell = new Fixtures.Store();
            Booking done = booking("5011").status("RC08").build();
            shell.cycle(kst("2025-10-22T20:55"), eventStore, FetchMode.NORMAL, List.of(done), false);
            assertThat(shell.cycle(kst("2025-10-22T21:05"), eventStore, done).messages()).isEmpty();
        }

        @Test
        void seedLeavesPendingKeysForTheNextNormalCycle() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()), false);
            Decision seed = shell.cycle(kst("2025-10-21T10:10"), STORE, FetchMode.SEED, List.of(booking("5011").build()), false);
            assertThat(seed.messages()).isEmpty();
            assertThat(seed.changedStates()).isEmpty();
            assertThat(kinds(shell.cycle(kst("2025-10-21T10:20"), STORE, booking("5011").build())))
                    .containsExactly(MessageKind.CONFIRMATION);
        }

        @Test
        void statesWithVersionZeroCountAsNeverStored() {
            Decision d = Planner.decide(kst("2025-10-21T10:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()),
                    Map.of("5011", BookingState.unseen("5011")), TTL);
            assertThat(kinds(d)).containsExactly(MessageKind.CONFIRMATION);
            assertThat(d.changedStates()).singleElement().extracting(BookingState::version).isEqualTo(1L);
        }
    }

    @Nested
    class Recipients {
        @Test
        void landlineIsSkippedOnceWithAMaskedReasonAndRecorded() {
            var shell = new Fixtures.Store();
            Booking b = booking("5011").phone("031-123-4567").build();
            Decision d = shell.cycle(kst("2025-10-21T10:00"), STORE, b);
            assertThat(d.messages()).isEmpty();
            assertThat(d.skipped()).singleElement().satisfies(s -> {
                assertThat(s.bookingId()).isEqualTo("5011");
                assertThat(s.reason()).contains("CONFIRMATION").contains("landline").doesNotContain("123-4567")
                        .doesNotContain("0311234567");
            });
            assertThat(shell.get("5011").plannedKeys()).containsExactly(CONF);
            assertThat(shell.get("5011").pendingKeys()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-21T10:10"), STORE, b).skipped()).isEmpty();
        }

        @Test
        void emptyAndForeignNumbersAreSkippedWithReasons() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking("1").phone("").build(),
                    booking("2").phone(null).build(), booking("3").phone("+1 415 555 1234").build(),
                    booking("4").phone("연락처 없음").build(), booking("5").phone("070-1234-5678").build(),
                    booking("6").phone("+82 10 9876 5432").build());
            assertThat(d.skipped()).extracting(SkippedItem::reason).containsExactly(
                    "CONFIRMATION not sent: no phone number",
                    "CONFIRMATION not sent: no phone number",
                    "CONFIRMATION not sent: phone 141-****-1234 is a foreign number",
                    "CONFIRMATION not sent: phone " + PersonalData.maskPhone("연락처 없음") + " is not a phone number",
                    "CONFIRMATION not sent: phone 070-****-5678 is an internet phone (070), not a mobile");
            assertThat(d.messages()).singleElement().satisfies(m -> assertThat(m.recipient()).isEqualTo("01098765432"));
            assertThat(d.changedStates()).hasSize(6);
        }

        @Test
        void oneSkipPerMessageKind() {
            Decision d = decide(START.minus(Duration.ofMinutes(30)), STORE, booking("5011").phone("02-1234-5678").build());
            assertThat(d.skipped()).extracting(SkippedItem::reason)
                    .allMatch(r -> r.endsWith("is a landline number, not a mobile"))
                    .satisfiesExactly(r -> assertThat(r).startsWith("CONFIRMATION"), r -> assertThat(r).startsWith("REMINDER"));
        }
    }

    @Nested
    class MalformedBookings {
        @Test
        void areSkippedWithReasonsAndTheRestProcessed() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking(null).build(), booking(" ").build(),
                    booking("5012").start((Instant) null).build(), booking("5013").status("RC99").build(),
                    booking("5014").status(null).build(), booking("5011").build());
            assertThat(d.skipped()).containsExactly(
                    new SkippedItem(null, "malformed booking: no bookingId"),
                    new SkippedItem(null, "malformed booking: no bookingId"),
                    new SkippedItem("5012", "malformed booking: no start time"),
                    new SkippedItem("5013", "malformed booking: unknown status 'RC99'"),
                    new SkippedItem("5014", "malformed booking: no status"));
            assertThat(d.messages()).extracting(PlannedMessage::bookingId).containsExactly("5011");
            assertThat(d.changedStates()).extracting(BookingState::bookingId).containsExactly("5011");
        }

        @Test
        void nullEntriesAndNullListsAreTolerated() {
            assertThat(Planner.decide(kst("2025-10-21T10:00"), STORE, null, null, null, TTL).messages()).isEmpty();
            java.util.ArrayList<Booking> withNull = new java.util.ArrayList<>();
            withNull.add(null);
            assertThat(Planner.decide(kst("2025-10-21T10:00"), STORE, null, withNull, null, TTL).skipped()).hasSize(1);
        }

        @Test
        void duplicatedBookingIdsUseTheLastEntry() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking("5011").name("먼저").build(),
                    booking("5012").build(), booking("5011").name("나중").build());
            assertThat(d.skipped()).containsExactly(new SkippedItem("5011",
                    "duplicate bookingId in snapshot: this entry ignored, a later one is used"));
            assertThat(d.messages()).extracting(PlannedMessage::bookingId).containsExactly("5012", "5011");
            assertThat(d.messagesFor("5011")).singleElement().satisfies(m -> assertThat(m.content()).contains("나중님"));
        }

        @Test
        void lowerCaseStatusIsUnderstoodAndStoredAsTheCode() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking("5011").status(" rc03 ").build());
            assertThat(kinds(d)).containsExactly(MessageKind.CONFIRMATION);
            assertThat(d.changedStates().getFirst().status()).isEqualTo("RC03");
        }
    }

    @Nested
    class StateTtl {
        @Test
        void expiresAConfiguredTimeAfterTheReservation() {
            Decision d = Planner.decide(kst("2025-10-21T10:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()),
                    Map.of(), Duration.ofDays(7));
            assertThat(d.changedStates().getFirst().expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
        }

        @Test
        void aNewTtlRewritesTheState() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            Decision d = Planner.decide(kst("2025-10-21T10:10"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()),
                    shell.states, Duration.ofDays(7));
            assertThat(d.messages()).isEmpty();
            assertThat(d.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(shell.get("5011").version() + 1);
                assertThat(s.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
            });
        }
    }
}
