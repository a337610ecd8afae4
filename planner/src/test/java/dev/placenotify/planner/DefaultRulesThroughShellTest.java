package dev.placenotify.planner;

import static dev.placenotify.planner.PlannerRig.STORE;
import static dev.placenotify.planner.PlannerRig.booking;
import static dev.placenotify.planner.PlannerRig.kst;
import static dev.placenotify.planner.PlannerRig.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The default rules' guide and evening request as the shell carries them out: the core's decision (unit-tested
 * in {@code core.DefaultRulesTest}) reaches the SMS queue as jobs, and what the booking was texted about reaches
 * the bookings table, where the next cycle reads it back.
 */
@ExtendWith(LocalAwsExtension.class)
class DefaultRulesThroughShellTest {

    /**
     * 14:00: a booking at 17:30 gets its confirmation only, one at 15:00 (inside the two hours) its confirmation
     * and then the branch's guide, chained by {@code afterKey}. 15:40: the first is inside the window now, and the
     * state read back from the table (seen, confirmed) gives it the guide alone.
     */
    @Test
    void theBranchGuideGoesInsideTheTwoHourWindowAfterTheConfirmation(LocalAws aws) {
        Instant first = kst("2025-10-22T14:00");
        Instant second = kst("2025-10-22T15:40");
        Instant later = kst("2025-10-22T17:30");
        Instant soon = kst("2025-10-22T15:00");
        try (PlannerRig rig = PlannerRig.start(aws, first)) {
            PlannerHandler planner = rig.handler();
            rig.enqueue(snapshot(first, booking("7101", "RC03", later, "김민수", "010-4321-9876"),
                    booking("7102", "RC03", soon, "이영희", "010-2222-3333")));
            assertThat(rig.deliver(planner, rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();

            String laterConfirmation = STORE + ":7101:CONFIRMATION";
            String soonConfirmation = STORE + ":7102:CONFIRMATION";
            String soonGuide = STORE + ":7102:REMINDER:" + soon.getEpochSecond();
            assertThat(rig.jobs()).extracting(SmsJob::idempotencyKey)
                    .containsExactlyInAnyOrder(laterConfirmation, soonConfirmation, soonGuide);
            assertThat(job(rig, soonGuide)).satisfies(guide -> {
                assertThat(guide.afterKey()).as("sent after its confirmation").isEqualTo(soonConfirmation);
                assertThat(guide.notAfter()).isEqualTo(soon);
            });

            rig.enqueue(snapshot(second, booking("7101", "RC03", later, "김민수", "010-4321-9876"),
                    booking("7102", "RC03", soon, "이영희", "010-2222-3333")));
            assertThat(rig.deliver(planner, rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();

            String laterGuide = STORE + ":7101:REMINDER:" + later.getEpochSecond();
            assertThat(rig.jobs()).as("one new job: the guide; nothing again for 7102").hasSize(4)
                    .extracting(SmsJob::idempotencyKey).containsOnlyOnce(laterGuide);
            assertThat(job(rig, laterGuide)).satisfies(guide -> {
                assertThat(guide.runId()).isEqualTo("c20251022T1540");
                assertThat(guide.rule()).isEqualTo("REMINDER");
                assertThat(guide.label()).isEqualTo("상세안내");
                assertThat(guide.recipient()).isEqualTo("01043219876");
                assertThat(guide.subject()).isEqualTo("[플레이스 셀프사진관] 상세 안내");
                assertThat(guide.content()).as("화성 새솔점's own guide from stores.json")
                        .startsWith("[플레이스 셀프사진관 화성 새솔점] 김민수님, 10월 22일(수) 17:30 예약 상세 안내입니다.")
                        .contains("도어락 비밀번호: [도어락 번호]").contains("PLACE_SAESOL");
                assertThat(guide.dueAt()).isEqualTo(second);
                assertThat(guide.notAfter()).isEqualTo(later);
                assertThat(guide.afterKey()).as("its confirmation went in an earlier cycle").isNull();
            });
            assertThat(rig.bookingItem("7101").get(BookingsTableLayout.PLANNED_KEYS).ss())
                    .containsExactlyInAnyOrder(laterConfirmation, laterGuide);
            assertThat(rig.reports()).hasSize(2).last()
                    .satisfies(r -> assertThat(r.jobs()).singleElement().satisfies(j -> assertThat(j.idempotencyKey()).isEqualTo(laterGuide)));
        }
    }

    /**
     * 20:00 KST: today's completed booking whose options name the review event gets the request, valid until
     * 21:00; one without such an option gets nothing. The 20:20 cycle sends nothing again (one per booking and date).
     */
    @Test
    void theEveningReviewRequestGoesByOptionOncePerBookingAndDate(LocalAws aws) {
        Instant evening = kst("2025-10-22T20:00");
        Instant visit = kst("2025-10-22T15:00");
        BookingOption reviewEvent = new BookingOption("20266308", "네이버 리뷰 이벤트", 1);
        BookingOption plain = new BookingOption("20266307", "110분/1~4인촬영", 1);
        try (PlannerRig rig = PlannerRig.start(aws, evening)) {
            PlannerHandler planner = rig.handler();
            BookingSnapshot at2000 = snapshot(evening, booking("7201", "RC08", visit, "김민수", "010-4321-9876", plain, reviewEvent),
                    booking("7202", "RC08", visit, "이영희", "010-2222-3333", plain));
            rig.enqueue(at2000);
            assertThat(rig.deliver(planner, rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();

            String key = STORE + ":7201:EVENT:2025-10-22";
            assertThat(rig.jobs()).singleElement().satisfies(job -> {
                assertThat(job.idempotencyKey()).isEqualTo(key);
                assertThat(job.rule()).isEqualTo("EVENT");
                assertThat(job.label()).isEqualTo("리뷰요청");
                assertThat(job.recipient()).isEqualTo("01043219876");
                assertThat(job.content()).startsWith("[플레이스 셀프사진관 화성 새솔점] 김민수님, 오늘 방문해 주셔서 감사합니다.");
                assertThat(job.dueAt()).isEqualTo(evening);
                assertThat(job.notAfter()).as("the evening hour ends at 21:00 KST").isEqualTo(kst("2025-10-22T21:00"));
            });
            assertThat(rig.bookingItem("7201").get(BookingsTableLayout.PLANNED_KEYS).ss()).containsExactly(key);
            assertThat(rig.bookingItem("7202")).as("recorded, nothing planned")
                    .containsKey(BookingsTableLayout.STATUS).doesNotContainKey(BookingsTableLayout.PLANNED_KEYS);

            Instant twenty = kst("2025-10-22T20:20");
            rig.enqueue(snapshot(twenty, at2000.bookings().toArray(Booking[]::new)));
            assertThat(rig.deliver(planner, rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();
            assertThat(rig.jobs()).hasSize(1);
            assertThat(rig.reports()).hasSize(2).last().satisfies(r -> {
                assertThat(r.runId()).isEqualTo("c20251022T2020");
                assertThat(r.jobs()).isEmpty();
            });
        }
    }

    private static SmsJob job(PlannerRig rig, String key) {
        List<SmsJob> found = rig.jobs().stream().filter(j -> j.idempotencyKey().equals(key)).toList();
        assertThat(found).as(key).hasSize(1);
        return found.get(0);
    }
}
