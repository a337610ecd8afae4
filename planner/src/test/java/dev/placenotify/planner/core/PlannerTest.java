package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.STORE_ID;
import static dev.placenotify.planner.core.Fixtures.TTL;
import static dev.placenotify.planner.core.Fixtures.V2;
import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.cycle;
import static dev.placenotify.planner.core.Fixtures.kst;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.PersonalData;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The planner's memory: what is planned once, recovered after a crash, seeded, skipped, kept and refused. */
class PlannerTest {
    static final StoreSettings STORE = store().build();
    static final Instant START = kst("2025-10-22T15:30");
    static final String CONF = STORE_ID + ":5011:CONFIRMATION";
    static final String REM = STORE_ID + ":5011:REMINDER:" + START.getEpochSecond();

    static List<String> rules(Decision d) {
        return d.messages().stream().map(PlannedMessage::rule).toList();
    }

    static Decision decide(Instant now, StoreSettings store, Booking... bookings) {
        return Planner.decide(cycle(now, store), List.of(bookings), Map.of());
    }

    @Nested
    class Memory {
        @Test
        void aNewBookingIsRecordedWithWhatWasPlannedAndWhenItWasFirstSeen() {
            Instant now = kst("2025-10-21T10:00");
            Decision d = decide(now, STORE, booking("5011").build());
            assertThat(rules(d)).containsExactly("CONFIRMATION");
            assertThat(d.changedStates()).containsExactly(new BookingState("5011", "RC03", START, Set.of(CONF),
                    Set.of(CONF), 1, START.plus(TTL), now, now));
            assertThat(d.skipped()).isEmpty();
        }

        @Test
        void aTextIsPlannedOnceAcrossCycles() {
            var shell = new Fixtures.Store();
            Booking b = booking("5011").build();
            assertThat(rules(shell.cycle(kst("2025-10-21T10:00"), STORE, b))).containsExactly("CONFIRMATION");
            Decision again = shell.cycle(kst("2025-10-21T10:20"), STORE, b);
            assertThat(again.messages()).isEmpty();
            assertThat(again.changedStates()).as("nothing new: no write").isEmpty();
        }

        @Test
        void aRequestedBookingIsRecordedButNotSeenUntilItIsConfirmed() {
            var shell = new Fixtures.Store();
            Decision requested = shell.cycle(kst("2025-10-20T10:00"), STORE, booking("5011").status("RC02").build());
            assertThat(requested.messages()).isEmpty();
            assertThat(shell.get("5011").firstSeenAt()).isNull();

            Decision confirmed = shell.cycle(kst("2025-10-21T11:00"), STORE, booking("5011").build());
            assertThat(rules(confirmed)).as("new to the v2's table: confirmed at once").containsExactly("CONFIRMATION");
            assertThat(shell.get("5011").firstSeenAt()).isEqualTo(kst("2025-10-21T11:00"));
        }

        @Test
        void statesWithVersionZeroCountAsNeverStored() {
            Decision d = Planner.decide(cycle(kst("2025-10-21T10:00"), STORE), List.of(booking("5011").build()),
                    Map.of("5011", BookingState.unseen("5011")));
            assertThat(rules(d)).containsExactly("CONFIRMATION");
            assertThat(d.changedStates()).singleElement().extracting(BookingState::version).isEqualTo(1L);
        }

        @Test
        void stateWithoutFirstSeenCountsAsSeenWhenItWasConfirmed() {
            BookingState old = new BookingState("5011", "RC03", START, Set.of(), Set.of(), 3, START.plus(TTL), null, null);
            Decision d = Planner.decide(cycle(kst("2025-10-20T10:00"), STORE), List.of(booking("5011").build()),
                    Map.of("5011", old));
            assertThat(d.messages()).as("seen, outside the 2-hour sync window").isEmpty();
        }
    }

    @Nested
    class NeverBackwards {
        final Instant readAt = kst("2025-10-22T14:00");

        @Test
        void aSnapshotOlderThanTheStateChangesNothingAndSaysWhy() {
            var shell = new Fixtures.Store();
            shell.cycle(new Planner.Cycle(kst("2025-10-21T10:00"), STORE, V2, FetchMode.NORMAL, kst("2025-10-21T10:00"), TTL),
                    List.of(booking("5011").build()), true);
            shell.cycle(new Planner.Cycle(readAt, STORE, V2, FetchMode.NORMAL, readAt, TTL),
                    List.of(booking("5011").status("RC04").build()), true);
            BookingState cancelled = shell.get("5011");

            Instant olderRead = kst("2025-10-22T13:50");
            Decision replay = shell.cycle(new Planner.Cycle(kst("2025-10-22T14:00"), STORE, V2, FetchMode.NORMAL, olderRead, TTL),
                    List.of(booking("5011").build()), true);
            assertThat(replay.messages()).isEmpty();
            assertThat(replay.changedStates()).isEmpty();
            assertThat(replay.skipped()).singleElement().satisfies(s -> {
                assertThat(s.bookingId()).isEqualTo("5011");
                assertThat(s.reason()).contains("older than the booking's state").contains("not applied");
            });
            assertThat(shell.get("5011")).isEqualTo(cancelled);
        }

        @Test
        void theSameSnapshotAgainIsAppliedAndANewerOneMovesTheStateOn() {
            var shell = new Fixtures.Store();
            shell.cycle(new Planner.Cycle(kst("2025-10-21T10:00"), STORE, V2, FetchMode.NORMAL, readAt, TTL),
                    List.of(booking("5011").build()), false);
            Decision redelivered = shell.cycle(new Planner.Cycle(kst("2025-10-21T10:00"), STORE, V2, FetchMode.NORMAL, readAt, TTL),
                    List.of(booking("5011").build()), true);
            assertThat(rules(redelivered)).as("pending confirmation re-emitted").containsExactly("CONFIRMATION");

            Instant later = readAt.plusSeconds(1200);
            shell.cycle(new Planner.Cycle(kst("2025-10-21T10:20"), STORE, V2, FetchMode.NORMAL, later, TTL),
                    List.of(booking("5011").status("RC04").build()), true);
            assertThat(shell.get("5011").snapshotAt()).isEqualTo(later);
            assertThat(shell.get("5011").status()).isEqualTo("RC04");
        }

        @Test
        void aSnapshotOfUnknownAgeIsNeverJudgedOlder() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            Decision d = shell.cycle(new Planner.Cycle(kst("2025-10-21T10:20"), STORE, V2, FetchMode.NORMAL, null, TTL),
                    List.of(booking("5011").status("RC04").build()), true);
            assertThat(d.skipped()).isEmpty();
            assertThat(shell.get("5011").status()).isEqualTo("RC04");
        }
    }

    @Nested
    class Seed {
        @Test
        void recordsWhatWouldHaveBeenSentWithoutSendingIt() {
            var shell = new Fixtures.Store();
            List<Booking> bookings = List.of(booking("5011").start("2025-10-22T21:30").build(),
                    booking("5012").start("2025-10-25T10:00").build(),
                    booking("5013").status("RC08").option("네이버 리뷰 이벤트").build(),
                    booking("5014").phone("02-123-4567").build());
            Decision seed = shell.cycle(kst("2025-10-22T20:30"), STORE, FetchMode.SEED, bookings, true);

            assertThat(seed.messages()).isEmpty();
            assertThat(seed.skipped()).isEmpty();
            assertThat(seed.changedStates()).hasSize(4).allSatisfy(s -> assertThat(s.pendingKeys()).isEmpty());
            assertThat(shell.get("5011").plannedKeys()).containsExactlyInAnyOrder(STORE_ID + ":5011:CONFIRMATION",
                    STORE_ID + ":5011:REMINDER:" + kst("2025-10-22T21:30").getEpochSecond());
            assertThat(shell.get("5012").plannedKeys()).containsExactly(STORE_ID + ":5012:CONFIRMATION");
            assertThat(shell.get("5013").plannedKeys()).containsExactly(STORE_ID + ":5013:EVENT:2025-10-22");

            Decision next = shell.cycle(kst("2025-10-22T20:40"), STORE, bookings);
            assertThat(next.messages()).isEmpty();
            assertThat(next.skipped()).isEmpty();
        }

        @Test
        void seedStillReportsMalformedBookings() {
            Decision d = Planner.decide(new Planner.Cycle(kst("2025-10-21T10:00"), STORE, V2, FetchMode.SEED, null, TTL),
                    List.of(booking("5011").status("RC99").build()), Map.of());
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

            Decision retry = shell.cycle(kst("2025-10-22T14:20"), STORE, FetchMode.NORMAL,
                    List.of(booking("5011").name("김민지").build()), false);
            assertThat(retry.messages()).as("'seen' is history the crashed decision wrote: the confirmation survives")
                    .extracting(PlannedMessage::idempotencyKey).containsExactly(CONF, REM);
            assertThat(retry.messages().get(1).afterKey()).isEqualTo(CONF);
            assertThat(retry.messages().getFirst().content()).contains("김민지님");
            assertThat(retry.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(crashed.version() + 1);
                assertThat(s.pendingKeys()).containsExactlyInAnyOrder(CONF, REM);
                assertThat(s.plannedKeys()).isEqualTo(crashed.plannedKeys());
                assertThat(s.firstSeenAt()).isEqualTo(crashed.firstSeenAt());
            });

            Decision settled = shell.cycle(kst("2025-10-22T14:40"), STORE, booking("5011").build());
            assertThat(settled.messages()).extracting(PlannedMessage::idempotencyKey).containsExactly(CONF, REM);
            assertThat(shell.get("5011").pendingKeys()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-22T15:00"), STORE, booking("5011").build()).messages()).isEmpty();
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
        void pendingReminderOfABookingCancelledMeanwhileIsDropped() {
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
        void pendingEveningTextIsNotEmittedAfterNine() {
            var shell = new Fixtures.Store();
            Booking done = booking("5011").status("RC08").option("인스타 리뷰").build();
            shell.cycle(kst("2025-10-22T20:55"), STORE, FetchMode.NORMAL, List.of(done), false);
            assertThat(shell.get("5011").pendingKeys()).containsExactly(STORE_ID + ":5011:EVENT:2025-10-22");
            assertThat(shell.cycle(kst("2025-10-22T21:05"), STORE, done).messages()).isEmpty();
        }

        @Test
        void seedLeavesPendingKeysForTheNextNormalCycle() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, FetchMode.NORMAL, List.of(booking("5011").build()), false);
            Decision seed = shell.cycle(kst("2025-10-21T10:10"), STORE, FetchMode.SEED, List.of(booking("5011").build()), false);
            assertThat(seed.messages()).isEmpty();
            assertThat(seed.changedStates()).isEmpty();
            assertThat(rules(shell.cycle(kst("2025-10-21T10:20"), STORE, booking("5011").build()))).containsExactly("CONFIRMATION");
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
                assertThat(s.reason()).startsWith("CONFIRMATION not sent: ").contains("landline").doesNotContain("123-4567");
            });
            assertThat(shell.get("5011").plannedKeys()).containsExactly(CONF);
            assertThat(shell.get("5011").pendingKeys()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-21T10:10"), STORE, b).skipped()).isEmpty();
        }

        @Test
        void aPhoneNaverMasksIsSkippedWithItsOwnReason() {
            Decision d = decide(kst("2025-10-21T10:00"), STORE, booking("5011").masked().build());
            assertThat(d.messages()).isEmpty();
            assertThat(d.skipped()).singleElement().extracting(SkippedItem::reason).asString()
                    .startsWith("CONFIRMATION not sent: ").contains("privacy masking").doesNotContain("not a phone number");
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
        void oneSkipPerRule() {
            Decision d = decide(START.minus(Duration.ofMinutes(30)), STORE, booking("5011").phone("02-1234-5678").build());
            assertThat(d.skipped()).extracting(SkippedItem::reason)
                    .allMatch(r -> r.endsWith("is a landline number, not a mobile"))
                    .satisfiesExactly(r -> assertThat(r).startsWith("CONFIRMATION"), r -> assertThat(r).startsWith("REMINDER"));
        }

        @Test
        void theCustomerIsMaskedInWhatLeavesThePlanner() {
            PlannedMessage m = decide(kst("2025-10-21T10:00"), STORE, booking("5011").name("김민수").build()).messages().getFirst();
            assertThat(m.customer()).isEqualTo("김*수");
            assertThat(m.toString()).doesNotContain("01012345678").doesNotContain("김민수");
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
            assertThat(Planner.decide(cycle(kst("2025-10-21T10:00"), STORE), null, null).messages()).isEmpty();
            java.util.ArrayList<Booking> withNull = new java.util.ArrayList<>();
            withNull.add(null);
            assertThat(Planner.decide(cycle(kst("2025-10-21T10:00"), STORE), withNull, null).skipped()).hasSize(1);
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
            assertThat(rules(d)).containsExactly("CONFIRMATION");
            assertThat(d.changedStates().getFirst().status()).isEqualTo("RC03");
        }
    }

    @Nested
    class StateTtl {
        @Test
        void expiresAConfiguredTimeAfterTheReservation() {
            Instant now = kst("2025-10-21T10:00");
            Decision d = Planner.decide(new Planner.Cycle(now, STORE, V2, FetchMode.NORMAL, now, Duration.ofDays(7)),
                    List.of(booking("5011").build()), Map.of());
            assertThat(d.changedStates().getFirst().expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
        }

        @Test
        void aNewTtlRewritesTheState() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            Instant now = kst("2025-10-21T10:10");
            Decision d = Planner.decide(new Planner.Cycle(now, STORE, V2, FetchMode.NORMAL, now, Duration.ofDays(7)),
                    List.of(booking("5011").build()), shell.states);
            assertThat(d.messages()).isEmpty();
            assertThat(d.changedStates()).singleElement().satisfies(s -> {
                assertThat(s.version()).isEqualTo(shell.get("5011").version() + 1);
                assertThat(s.expiresAt()).isEqualTo(START.plus(Duration.ofDays(7)));
            });
        }
    }

    @Nested
    class Chaining {
        @Test
        void textsOfOneBookingFollowRulePriorityEachAfterThePrevious() {
            Decision d = decide(START.minus(Duration.ofMinutes(40)), STORE, booking("5011").build());
            assertThat(rules(d)).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(d.messages().get(0).afterKey()).isNull();
            assertThat(d.messages().get(1).afterKey()).isEqualTo(CONF);
            assertThat(d.changedStates().getFirst().pendingKeys()).containsExactlyInAnyOrder(CONF, REM);
        }

        @Test
        void theReservationDateIsNaversStartDateElseTheStartsKstDate() {
            Booking b = booking("5011").status("RC08").option("원본 파일").start(kst("2025-10-21T23:30"))
                    .startDate(LocalDate.parse("2025-10-22")).build();
            assertThat(rules(decide(kst("2025-10-22T20:00"), STORE, b))).containsExactly("EVENT");
        }
    }
}
