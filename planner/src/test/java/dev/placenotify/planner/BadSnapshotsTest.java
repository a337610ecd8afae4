package dev.placenotify.planner;

import static dev.placenotify.planner.PlannerRig.STORE;
import static dev.placenotify.planner.PlannerRig.booking;
import static dev.placenotify.planner.PlannerRig.chunk;
import static dev.placenotify.planner.PlannerRig.kst;
import static dev.placenotify.planner.PlannerRig.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input costs only itself: a message no retry can fix goes to the snapshot DLQ with its reason while its
 * batch-mates are planned, and a booking the planner cannot use is skipped with a reason in the chunk's report
 * while the rest of the chunk is planned.
 */
@ExtendWith(LocalAwsExtension.class)
class BadSnapshotsTest {
    private static final Instant CYCLE = kst("2025-10-22T14:00");
    private static final Instant TOMORROW = kst("2025-10-23T11:00");

    @Test
    void messagesThatCanNeverBePlannedGoToTheSnapshotDlqWithTheirReasonWhileTheRestOfTheBatchIsPlanned(LocalAws aws) {
        try (PlannerRig rig = PlannerRig.start(aws, CYCLE)) {
            BookingSnapshot good = snapshot(CYCLE, booking("7301", "RC03", TOMORROW, "김민수", "010-4321-9876"));
            String notJson = "this is not json";
            String noRunId = MessageCodec.encode(good).replace("\"runId\":\"c20251022T1400\",", "");
            // A store the planner's catalog does not know (a fetcher deployed with a newer stores.json).
            String unknownStore = MessageCodec.encode(good).replace("\"storeId\":\"" + STORE + "\"", "\"storeId\":\"2000001\"");
            assertThat(noRunId).doesNotContain("runId");
            assertThat(unknownStore).contains("2000001");
            rig.enqueueBodies(List.of(notJson, MessageCodec.encode(good), noRunId, unknownStore));

            PlannerRig.Delivery delivery = rig.deliver(rig.handler(), rig.receive(4, Duration.ofSeconds(10)));

            assertThat(delivery.allAcknowledged()).as("dead-lettered at once, not handed back for retries").isTrue();
            List<PlannerRig.DeadLetter> dead = rig.deadLetters();
            assertThat(dead).extracting(PlannerRig.DeadLetter::stage).containsOnly("planner");
            Map<String, String> reasonByBody = dead.stream()
                    .collect(Collectors.toMap(PlannerRig.DeadLetter::body, PlannerRig.DeadLetter::reason));
            assertThat(reasonByBody).containsOnlyKeys(notJson, noRunId, unknownStore);
            assertThat(reasonByBody.get(notJson)).startsWith("BookingSnapshot: ");
            assertThat(reasonByBody.get(noRunId)).isEqualTo("BookingSnapshot: missing required field 'runId'");
            assertThat(reasonByBody.get(unknownStore)).isEqualTo("store 2000001 is not in the store catalog");

            assertThat(rig.jobs()).singleElement()
                    .satisfies(job -> assertThat(job.idempotencyKey()).isEqualTo(STORE + ":7301:CONFIRMATION"));
            assertThat(rig.reports()).singleElement().satisfies(r -> assertThat(r.storeId()).isEqualTo(STORE));
            assertThat(rig.snapshotQueueDepth()).isZero();
        }
    }

    /**
     * docs/planner.md "Rules" and "Recipients": a malformed booking (no id, no start, unknown status) is skipped
     * with its reason, a number that cannot be texted is skipped with the number masked, and what the fetcher
     * skipped travels along; the chunk's report lists them all and its good booking is planned.
     */
    @Test
    void oneBadBookingIsSkippedWithItsReasonInTheReportAndTheRestOfTheChunkIsPlanned(LocalAws aws) {
        try (PlannerRig rig = PlannerRig.start(aws, CYCLE)) {
            SkippedItem fetchSkip = new SkippedItem(null,
                    "unreadable booking from Naver: startDateTime is not an instant: tomorrow at ten");
            List<Booking> bookings = List.of(
                    booking(null, "RC03", TOMORROW, "박지민", "010-5555-6666"),
                    booking("7401", "RC03", TOMORROW, "김민수", "010-4321-9876"),
                    booking("7402", "RC03", null, "이영희", "010-2222-3333"),
                    booking("7403", "RC99", TOMORROW, "최수진", "010-7777-8888"),
                    booking("7404", "RC03", TOMORROW, "정하늘", "031-234-5678"));
            rig.enqueue(chunk(CYCLE, 0, 1, bookings, List.of(fetchSkip)));

            assertThat(rig.deliver(rig.handler(), rig.receive(1, Duration.ofSeconds(10))).allAcknowledged()).isTrue();

            assertThat(rig.jobs()).extracting(SmsJob::idempotencyKey).containsExactly(STORE + ":7401:CONFIRMATION");
            assertThat(rig.reports()).singleElement().satisfies(r -> {
                assertThat(r.jobs()).hasSize(1);
                assertThat(r.skipped()).extracting(SkippedItem::bookingId, SkippedItem::reason).containsExactly(
                        tuple(null, fetchSkip.reason()),
                        tuple(null, "malformed booking: no bookingId"),
                        tuple("7402", "malformed booking: no start time"),
                        tuple("7403", "malformed booking: unknown status 'RC99'"),
                        tuple("7404", "CONFIRMATION not sent: phone 031-****-5678 is a landline number, not a mobile"));
            });
            assertThat(rig.bookingItem("7402")).as("a malformed booking leaves no state").isEmpty();
            assertThat(rig.bookingItem("7403")).isEmpty();
            assertThat(rig.bookingItem("7404").get(BookingsTableLayout.PLANNED_KEYS).ss())
                    .as("the skipped text's key is recorded, so the skip is reported once")
                    .containsExactly(STORE + ":7404:CONFIRMATION");
            assertThat(rig.deadLetters()).isEmpty();
        }
    }
}
