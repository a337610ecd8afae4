package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.STORE_ID;
import static dev.placenotify.planner.core.Fixtures.TTL;
import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.cycle;
import static dev.placenotify.planner.core.Fixtures.kst;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
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

/**
 * With no rule file place-notify texts what the legacy v2 texts (see ../shared/legacy-v2.md, "The rules"),
 * with its deliberate improvements: never confirm a started, cancelled or completed reservation; no
 * reminder for a cancelled one; a reschedule re-arms the reminder.
 */
class DefaultRulesTest {
    static final StoreSettings STORE = store().build();
    static final Instant START = kst("2025-10-22T15:30");
    static final String CONF = STORE_ID + ":5011:CONFIRMATION";
    static final String REM = STORE_ID + ":5011:REMINDER:" + START.getEpochSecond();

    static List<String> rules(Decision d) {
        return d.messages().stream().map(PlannedMessage::rule).toList();
    }

    static Decision decide(Instant now, Booking... bookings) {
        return Planner.decide(cycle(now, STORE), List.of(bookings), Map.of());
    }

    /** A booking the v2 had in its table without having texted it (e.g. imported with confirm_sms false). */
    static Map<String, BookingState> known(String bookingId, Instant firstSeen, String... plannedKeys) {
        return Map.of(bookingId, new BookingState(bookingId, "RC03", START, Set.of(plannedKeys), Set.of(), 1,
                START.plus(TTL), firstSeen, null));
    }

    @Nested
    class Confirmation {
        @Test
        void aNewConfirmedBookingGetsTheChainWideGuideAsLmsCommOnce() {
            Decision d = decide(kst("2025-10-21T10:00"), booking("5011").build());
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.rule()).isEqualTo("CONFIRMATION");
                assertThat(m.label()).isEqualTo("예약확정");
                assertThat(m.idempotencyKey()).isEqualTo(CONF);
                assertThat(m.recipient()).isEqualTo("01012345678");
                assertThat(m.type()).isEqualTo(SmsType.LMS);
                assertThat(m.contentType()).isEqualTo(ContentType.COMM);
                assertThat(m.subject()).isEqualTo("[플레이스] 예약 확정 안내");
                assertThat(m.content()).startsWith("[플레이스] 김민수님, 예약이 확정되었습니다.")
                        .contains("- 지점: 화성 새솔점").contains("- 일시: 10월 22일(수) 15:30")
                        .contains("https://ex.am/app").contains("예약 2시간 전에 상세 안내 문자");
                assertThat(m.notAfter()).as("stale once the reservation started").isEqualTo(START);
                assertThat(m.afterKey()).isNull();
            });
        }

        @Test
        void neverForAReservationThatHasStartedStartingExactlyNowIncluded() {
            assertThat(decide(START, booking("5011").build()).messages()).isEmpty();
            assertThat(decide(START.plusSeconds(60), booking("5011").build()).messages()).isEmpty();
            assertThat(rules(decide(START.minusSeconds(1), booking("5011").build()))).containsExactly("CONFIRMATION", "REMINDER");
        }

        @Test
        void neverForCancelledCompletedOrRequestedBookings() {
            assertThat(decide(kst("2025-10-21T10:00"), booking("1").status("RC04").build(), booking("2").status("RC08").build(),
                    booking("3").status("RC02").build()).messages()).isEmpty();
        }

        @Test
        void syncAKnownBookingWithoutConfirmationGetsOneInsideTwoHoursThenTheGuide() {
            Instant now = START.minus(Duration.ofMinutes(90));
            Decision d = Planner.decide(cycle(now, STORE), List.of(booking("5011").build()), known("5011", kst("2025-10-20T10:00")));
            assertThat(rules(d)).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(d.messages().get(1).afterKey()).isEqualTo(CONF);
        }

        @Test
        void syncWaitsForTheTwoHourWindowInclusive() {
            Map<String, BookingState> known = known("5011", kst("2025-10-20T10:00"));
            assertThat(Planner.decide(cycle(START.minus(Duration.ofMinutes(121)), STORE), List.of(booking("5011").build()), known)
                    .messages()).isEmpty();
            assertThat(rules(Planner.decide(cycle(START.minus(Duration.ofMinutes(120)), STORE), List.of(booking("5011").build()),
                    known))).containsExactly("CONFIRMATION", "REMINDER");
        }

        @Test
        void noSyncOnceTheGuideWasSent() {
            Decision d = Planner.decide(cycle(START.minus(Duration.ofMinutes(60)), STORE), List.of(booking("5011").build()),
                    known("5011", kst("2025-10-20T10:00"), REM));
            assertThat(d.messages()).isEmpty();
        }
    }

    @Nested
    class Reminder {
        @Test
        void theWindowIsInclusiveAtExactlyTwoHoursAndEndsAtTheStart() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(START.minus(Duration.ofSeconds(120 * 60 + 1)), STORE, booking("5011").build()).messages())
                    .isEmpty();
            Decision d = shell.cycle(START.minus(Duration.ofMinutes(120)), STORE, booking("5011").build());
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.rule()).isEqualTo("REMINDER");
                assertThat(m.label()).isEqualTo("상세안내");
                assertThat(m.idempotencyKey()).isEqualTo(REM);
                assertThat(m.content()).isEqualTo("[화성 새솔점] 김민수님, 10월 22일(수) 15:30 예약 상세 안내: 도어락 1234*");
                assertThat(m.notAfter()).isEqualTo(START);
            });
            assertThat(shell.cycle(START.minus(Duration.ofMinutes(30)), STORE, booking("5011").build()).messages()).isEmpty();
        }

        @Test
        void eachBranchSendsItsOwnGuide() {
            StoreSettings other = store().template("guide", null, "[{storeName}] 초지점 안내 {wifi}").var("wifi", "CHOJI/1").build();
            Decision d = Planner.decide(cycle(START.minus(Duration.ofMinutes(10)), other), List.of(booking("5011").build()),
                    known("5011", kst("2025-10-20T10:00"), CONF));
            assertThat(d.messages()).singleElement().satisfies(m ->
                    assertThat(m.content()).isEqualTo("[화성 새솔점] 초지점 안내 CHOJI/1"));
        }

        @Test
        void theStoresLeadIsUsed() {
            StoreSettings shortLead = store().lead(30).build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), shortLead, booking("5011").build());
            assertThat(shell.cycle(START.minus(Duration.ofMinutes(31)), shortLead, booking("5011").build()).messages()).isEmpty();
            assertThat(rules(shell.cycle(START.minus(Duration.ofMinutes(30)), shortLead, booking("5011").build())))
                    .containsExactly("REMINDER");
        }

        @Test
        void acrossMidnightKst() {
            var shell = new Fixtures.Store();
            Booking b = booking("5011").start("2025-10-23T00:30").startDate(LocalDate.parse("2025-10-23")).build();
            shell.cycle(kst("2025-10-22T12:00"), STORE, b);
            Decision d = shell.cycle(kst("2025-10-22T23:00"), STORE, b);
            assertThat(d.messages()).singleElement().satisfies(m -> assertThat(m.content()).contains("10월 23일(목) 00:30"));
        }

        @Test
        void neverForACancelledBooking() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-22T14:00"), STORE, booking("5011").status("RC04").build()).messages()).isEmpty();
        }

        @Test
        void aRescheduleReArmsItButSendsNoSecondConfirmation() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-22T14:00"), STORE, booking("5011").build());
            assertThat(shell.get("5011").plannedKeys()).containsExactlyInAnyOrder(CONF, REM);

            Booking later = booking("5011").start("2025-10-22T17:00").build();
            assertThat(shell.cycle(kst("2025-10-22T14:10"), STORE, later).messages()).isEmpty();
            Decision d = shell.cycle(kst("2025-10-22T15:00"), STORE, later);
            assertThat(d.messages()).singleElement().satisfies(m -> {
                assertThat(m.rule()).isEqualTo("REMINDER");
                assertThat(m.idempotencyKey()).isEqualTo(STORE_ID + ":5011:REMINDER:" + kst("2025-10-22T17:00").getEpochSecond());
            });
        }

        @Test
        void cancelledThenReinstatedGetsOnlyTheGuideForItsNewTime() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-21T11:00"), STORE, booking("5011").status("RC04").build()).messages()).isEmpty();
            Decision reinstated = shell.cycle(kst("2025-10-24T10:00"), STORE,
                    booking("5011").status("RC03").start("2025-10-24T11:00").build());
            assertThat(rules(reinstated)).containsExactly("REMINDER");
            assertThat(reinstated.messages().getFirst().content()).contains("10월 24일(금) 11:00");
        }
    }

    @Nested
    class EveningReviewRequest {
        final Booking completed = booking("5011").status("RC08").option("110분/1~4인촬영 + 네이버 리뷰 이벤트").build();

        @Test
        void fromTwentyUntilTwentyFiftyNineFiftyNine() {
            assertThat(rules(decide(kst("2025-10-22T20:00:00"), completed))).containsExactly("EVENT");
            assertThat(rules(decide(kst("2025-10-22T20:59:59"), completed))).containsExactly("EVENT");
            assertThat(decide(kst("2025-10-22T21:00:00"), completed).messages()).isEmpty();
            assertThat(decide(kst("2025-10-22T19:59:59"), completed).messages()).isEmpty();
            assertThat(decide(kst("2025-10-22T07:59:00"), completed).messages()).isEmpty();
        }

        @Test
        void isInformationalLmsValidUntilNine() {
            PlannedMessage m = decide(kst("2025-10-22T20:20"), completed).messages().getFirst();
            assertThat(m.label()).isEqualTo("리뷰요청");
            assertThat(m.contentType()).isEqualTo(ContentType.COMM);
            assertThat(m.type()).isEqualTo(SmsType.LMS);
            assertThat(m.idempotencyKey()).isEqualTo(STORE_ID + ":5011:EVENT:2025-10-22");
            assertThat(m.content()).startsWith("[플레이스 화성 새솔점] 김민수님, 오늘 방문해 주셔서 감사합니다.")
                    .contains("@place").doesNotContain("(광고)");
            assertThat(m.notAfter()).isEqualTo(kst("2025-10-22T21:00"));
        }

        @Test
        void forTodaysConfirmedOrCompletedBookingsWhoseOptionsNameTheEvent() {
            Booking rc03Today = booking("5012").status("RC03").start("2025-10-22T22:00").option("인스타 업로드 이벤트").build();
            Booking keywordInTheMiddle = booking("5013").status("RC08").option("기본촬영(원본파일포함)").build();
            Booking noKeyword = booking("5014").status("RC08").option("110분/1~4인촬영").build();
            Booking noOptions = booking("5015").status("RC08").build();
            Booking yesterday = booking("5016").status("RC08").start("2025-10-21T15:30").option("네이버 리뷰").build();
            Booking cancelled = booking("5017").status("RC04").option("네이버 리뷰").build();
            Booking tomorrow = booking("5018").status("RC03").start("2025-10-23T00:30").option("네이버 리뷰").build();
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-22T10:00"), STORE, List.of(rc03Today));
            Decision d = shell.cycle(kst("2025-10-22T20:00"), STORE,
                    List.of(rc03Today, keywordInTheMiddle, noKeyword, noOptions, yesterday, cancelled, tomorrow));
            assertThat(d.messages()).filteredOn(m -> m.rule().equals("EVENT"))
                    .extracting(PlannedMessage::bookingId).containsExactly("5012", "5013");
        }

        @Test
        void oncePerBookingAndDateAcrossTheHoursCycles() {
            var shell = new Fixtures.Store();
            assertThat(shell.cycle(kst("2025-10-22T20:00"), STORE, completed).messages()).hasSize(1);
            assertThat(shell.cycle(kst("2025-10-22T20:20"), STORE, completed).messages()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-22T20:40"), STORE, completed).messages()).isEmpty();
        }

        @Test
        void aBookingFirstSeenAtNineGetsNothing() {
            assertThat(decide(kst("2025-10-22T21:00"), completed).messages()).isEmpty();
        }
    }

    @Nested
    class DisabledImprovements {
        @Test
        void cancellationAndRescheduleNoticesShipDisabled() {
            var shell = new Fixtures.Store();
            shell.cycle(kst("2025-10-20T10:00"), STORE, booking("5011").build());
            assertThat(shell.cycle(kst("2025-10-20T11:00"), STORE, booking("5011").start("2025-10-23T11:00").build())
                    .messages()).isEmpty();
            assertThat(shell.cycle(kst("2025-10-20T12:00"), STORE, booking("5011").status("RC04").start("2025-10-23T11:00").build())
                    .messages()).isEmpty();
            assertThat(Fixtures.V2.allRulesFor(STORE_ID)).filteredOn(r -> !r.enabled()).extracting(r -> r.id())
                    .containsExactlyInAnyOrder("CANCELLATION", "RESCHEDULE");
        }
    }
}
