package dev.placenotify.planner;

import static dev.placenotify.planner.PlannerRig.STORE;
import static dev.placenotify.planner.PlannerRig.booking;
import static dev.placenotify.planner.PlannerRig.kst;
import static dev.placenotify.planner.PlannerRig.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The planner's shell from snapshot message to what it leaves behind: the job on the SMS queue, the booking's
 * state in the bookings table and the chunk's report on the result queue; and the same snapshot delivered
 * again plans nothing twice.
 */
@ExtendWith(LocalAwsExtension.class)
class SnapshotPlanningTest {
    private static final Instant CYCLE = kst("2025-10-22T14:00");
    /** Tomorrow 11:00 KST: a new booking gets its confirmation now, its guide only tomorrow. */
    private static final Instant TOMORROW = kst("2025-10-23T11:00");

    @Test
    void aNewConfirmedBookingBecomesOneConfirmationJobItsStateAndAChunkReport(LocalAws aws) {
        try (PlannerRig rig = PlannerRig.start(aws, CYCLE)) {
            rig.enqueue(snapshot(CYCLE, booking("7001", "RC03", TOMORROW, "김민수", "010-4321-9876")));

            assertThat(rig.deliver(rig.handler(), rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();

            String key = STORE + ":7001:CONFIRMATION";
            assertThat(rig.jobs()).singleElement().satisfies(job -> {
                assertThat(job.runId()).isEqualTo("c20251022T1400");
                assertThat(job.storeId()).isEqualTo(STORE);
                assertThat(job.bookingId()).isEqualTo("7001");
                assertThat(job.rule()).isEqualTo("CONFIRMATION");
                assertThat(job.label()).isEqualTo("예약확정");
                assertThat(job.idempotencyKey()).isEqualTo(key);
                assertThat(job.recipient()).as("normalised to digits").isEqualTo("01043219876");
                assertThat(job.customer()).as("masked for the summary").isEqualTo("김*수");
                assertThat(job.from()).as("the store's callback number (bundled default), digits only").isEqualTo("0311234567");
                assertThat(job.type()).isEqualTo(SmsType.LMS);
                assertThat(job.contentType()).isEqualTo(ContentType.COMM);
                assertThat(job.content()).startsWith("[플레이스 셀프사진관] 김민수님, 예약이 확정되었습니다.")
                        .contains("- 지점: 화성 새솔점").contains("- 일시: 10월 23일(목) 11:00");
                assertThat(job.dueAt()).as("the cycle's time, not the wall clock").isEqualTo(CYCLE);
                assertThat(job.notAfter()).as("stale once the reservation starts").isEqualTo(TOMORROW);
                assertThat(job.afterKey()).isNull();
            });

            Map<String, AttributeValue> item = rig.bookingItem("7001");
            assertThat(item).as("the documented attributes; pending marks cleared once the job was enqueued")
                    .containsOnlyKeys(BookingsTableLayout.STORE_ID, BookingsTableLayout.BOOKING_ID, BookingsTableLayout.STATUS,
                            BookingsTableLayout.START_AT, BookingsTableLayout.PLANNED_KEYS, BookingsTableLayout.VERSION,
                            BookingsTableLayout.EXPIRES_AT, BookingsTableLayout.FIRST_SEEN_AT, BookingsTableLayout.SNAPSHOT_AT);
            assertThat(item.get(BookingsTableLayout.STATUS).s()).isEqualTo("RC03");
            assertThat(item.get(BookingsTableLayout.START_AT).s()).isEqualTo(TOMORROW.toString());
            assertThat(item.get(BookingsTableLayout.PLANNED_KEYS).ss()).containsExactly(key);
            assertThat(item.get(BookingsTableLayout.VERSION).n()).as("claimed with the key pending, then cleared").isEqualTo("2");
            assertThat(item.get(BookingsTableLayout.EXPIRES_AT).n()).as("TTL: start + STATE_TTL_DAYS (30)")
                    .isEqualTo(Long.toString(TOMORROW.plus(Duration.ofDays(30)).getEpochSecond()));
            assertThat(item.get(BookingsTableLayout.FIRST_SEEN_AT).s()).isEqualTo(CYCLE.toString());
            assertThat(item.get(BookingsTableLayout.SNAPSHOT_AT).s()).isEqualTo(CYCLE.toString());
            assertThat(item.values()).as("no customer name or phone number in the booking's state")
                    .allSatisfy(v -> assertThat(v.toString()).doesNotContain("민수").doesNotContain("01043219876")
                            .doesNotContain("4321-9876"));

            assertThat(rig.reports()).singleElement().satisfies(report -> {
                assertThat(report.runId()).isEqualTo("c20251022T1400");
                assertThat(report.storeId()).isEqualTo(STORE);
                assertThat(report.chunkIndex()).isZero();
                assertThat(report.jobs()).singleElement().satisfies(ref -> {
                    assertThat(ref.idempotencyKey()).isEqualTo(key);
                    assertThat(ref.rule()).isEqualTo("CONFIRMATION");
                    assertThat(ref.label()).isEqualTo("예약확정");
                    assertThat(ref.customer()).isEqualTo("김*수");
                    assertThat(ref.phoneLast4()).isEqualTo("9876");
                });
                assertThat(report.skipped()).isEmpty();
                assertThat(report.notes()).isEmpty();
            });
            assertThat(rig.snapshotQueueDepth()).isZero();
            assertThat(rig.deadLetters()).isEmpty();
        }
    }

    /**
     * SQS delivers at least once: the first invocation planned the chunk but its answer never reached the event
     * source, so the same message comes back. The stored state already holds every key, so the redelivery writes
     * nothing and enqueues nothing; its report repeats the chunk's index with no jobs and no skips (the notifier
     * counts a chunk once by its index). The number that cannot be texted is reported once, not per delivery.
     */
    @Test
    void theSameSnapshotDeliveredAgainPlansNoSecondJobAndItsReportListsNothing(LocalAws aws) {
        try (PlannerRig rig = PlannerRig.start(aws, CYCLE)) {
            BookingSnapshot snapshot = snapshot(CYCLE, booking("7011", "RC03", TOMORROW, "김민수", "010-4321-9876"),
                    booking("7012", "RC03", TOMORROW, "이영희", "031-234-5678"));
            rig.enqueue(snapshot);
            List<Message> first = rig.receive(1, Duration.ofSeconds(10));
            assertThat(rig.deliverUnacknowledged(rig.handler(), first).allAcknowledged()).isTrue();
            Map<String, AttributeValue> afterFirst = rig.bookingItem("7011");

            // The visibility timeout passes; SQS delivers the same message again, here to a fresh instance.
            List<Message> again = rig.receive(1, Duration.ofSeconds(10));
            assertThat(again).singleElement().satisfies(m -> {
                assertThat(m.body()).isEqualTo(first.get(0).body());
                assertThat(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
            });
            assertThat(rig.deliver(rig.handler(), again).allAcknowledged()).isTrue();

            assertThat(rig.jobs()).as("one job for the booking, however often its snapshot is delivered")
                    .singleElement().satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(STORE + ":7011:CONFIRMATION"));
            assertThat(rig.bookingItem("7011")).as("nothing new to write: same version").isEqualTo(afterFirst);
            List<ChunkPlanned> reports = rig.reports();
            assertThat(reports).hasSize(2).allSatisfy(r -> {
                assertThat(r.runId()).isEqualTo(snapshot.runId());
                assertThat(r.chunkIndex()).isZero();
            });
            assertThat(reports.get(0).jobs()).hasSize(1);
            assertThat(reports.get(0).skipped()).singleElement().satisfies(s -> {
                assertThat(s.bookingId()).isEqualTo("7012");
                assertThat(s.reason()).startsWith("CONFIRMATION not sent: phone ").contains("landline")
                        .doesNotContain("234-5678");
            });
            assertThat(reports.get(1).jobs()).as("the redelivery planned nothing").isEmpty();
            assertThat(reports.get(1).skipped()).as("the landline was reported once").isEmpty();
            assertThat(rig.snapshotQueueDepth()).isZero();
        }
    }
}
