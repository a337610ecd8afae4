package dev.placenotify.planner;

import static dev.placenotify.planner.PlannerRig.STORE;
import static dev.placenotify.planner.PlannerRig.booking;
import static dev.placenotify.planner.PlannerRig.chunk;
import static dev.placenotify.planner.PlannerRig.kst;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.BookingsTableLayout;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.AwsFaultProxy;
import dev.placenotify.testsupport.aws.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The bookings table goes away in the middle of a batch: what was planned before stays planned, the chunk it
 * cut and every chunk after it go back to SQS whole, with no job or report of theirs published; once the table
 * is back, the redelivery completes them, and every customer's job reaches the SMS queue exactly once.
 */
@ExtendWith(LocalAwsExtension.class)
class BookingsTableFaultTest {
    private static final Instant CYCLE = kst("2025-10-22T14:00");
    private static final Instant TOMORROW = kst("2025-10-23T11:00");
    /**
     * Deployed, the lease (60 s) is shorter than the snapshot queue's visibility timeout (360 s), so a redelivery
     * finds a failed attempt's pending marks expired and emits them; here 1 s against {@link PlannerRig#VISIBILITY}.
     */
    private static final Duration LEASE = Duration.ofSeconds(1);

    @Test
    void theTableLostMidBatchHandsBackTheCutChunkAndTheRestAndTheRedeliveryPlansEachJobOnce(LocalAws aws) {
        try (PlannerRig rig = PlannerRig.start(aws, CYCLE)) {
            rig.enqueue(chunk(CYCLE, 0, 3, List.of(booking("7501", "RC03", TOMORROW, "김민수", "010-1111-0001")), List.of()),
                    chunk(CYCLE, 1, 3, List.of(booking("7502", "RC03", TOMORROW, "이영희", "010-1111-0002"),
                            booking("7503", "RC03", TOMORROW, "박지민", "010-1111-0003")), List.of()),
                    chunk(CYCLE, 2, 3, List.of(booking("7504", "RC03", TOMORROW, "최수진", "010-1111-0004")), List.of()));
            AwsFaultProxy table = rig.tableProxy();
            // Chunk 1 has claimed 7502's state when the table goes: 7503's write never arrives.
            table.killWhen(call -> call.operation().equals("PutItem") && call.body().contains("{\"S\":\"7503\"}"));
            PlannerHandler planner = rig.handlerBehind(table, Map.of("PENDING_LEASE_SECONDS", Long.toString(LEASE.toSeconds())));

            PlannerRig.Delivery faulted = rig.deliver(planner, inChunkOrder(rig.receive(3, Duration.ofSeconds(10))));

            assertThat(table.killed()).as("the fault struck").isTrue();
            assertThat(faulted.failed(0)).as("chunk 0 was planned before the table went").isFalse();
            assertThat(faulted.failed(1)).as("chunk 1, cut between two writes, goes back").isTrue();
            assertThat(faulted.failed(2)).as("chunk 2, whose state could not be read, goes back").isTrue();
            assertThat(keys(rig.jobs())).containsExactly(key("7501"));
            assertThat(rig.reports()).extracting(ChunkPlanned::chunkIndex).containsExactly(0);
            Map<String, AttributeValue> claimed = rig.bookingItem("7502");
            assertThat(claimed).as("claimed, not enqueued: still pending, so the next delivery emits it")
                    .containsKeys(BookingsTableLayout.PENDING_KEYS, BookingsTableLayout.PENDING_AT);
            assertThat(claimed.get(BookingsTableLayout.PENDING_KEYS).ss()).containsExactly(key("7502"));
            assertThat(rig.bookingItem("7503")).isEmpty();
            assertThat(rig.bookingItem("7504")).isEmpty();
            assertThat(rig.deadLetters()).isEmpty();

            table.revive();
            Instant leaseOver = Instant.ofEpochMilli(Long.parseLong(claimed.get(BookingsTableLayout.PENDING_AT).n())).plus(LEASE);
            List<Message> redelivered = inChunkOrder(rig.receive(2, Duration.ofSeconds(15)));
            assertThat(redelivered).hasSize(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(leaseOver));
            assertThat(rig.deliver(planner, redelivered).allAcknowledged()).isTrue();

            assertThat(keys(rig.jobs())).as("every customer's job, each exactly once")
                    .containsExactlyInAnyOrder(key("7501"), key("7502"), key("7503"), key("7504"));
            assertThat(rig.reports()).extracting(ChunkPlanned::chunkIndex).containsExactlyInAnyOrder(0, 1, 2);
            for (String id : List.of("7501", "7502", "7503", "7504")) {
                assertThat(rig.bookingItem(id)).as(id).doesNotContainKey(BookingsTableLayout.PENDING_KEYS)
                        .satisfies(item -> assertThat(item.get(BookingsTableLayout.PLANNED_KEYS).ss()).containsExactly(key(id)));
            }
            assertThat(rig.snapshotQueueDepth()).isZero();
        }
    }

    /** The event source hands a batch over in any order; this test decides it: chunk 0, 1, 2. */
    private static List<Message> inChunkOrder(List<Message> messages) {
        return messages.stream()
                .sorted(Comparator.comparing(m -> MessageCodec.decode(m.body(), BookingSnapshot.class).chunkIndex()))
                .toList();
    }

    private static List<String> keys(List<SmsJob> jobs) {
        return jobs.stream().map(SmsJob::idempotencyKey).toList();
    }

    private static String key(String bookingId) {
        return STORE + ":" + bookingId + ":CONFIRMATION";
    }
}
