package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.shell.DeadLetters;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SimResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Bad input never sinks a batch: the fetch queue is read one message at a time in production (batch size 1), but
 * the entry answers Lambda's partial-batch contract for any batch. A body no retry can fix goes to the fetch DLQ
 * with its reason, a store whose fetch failed is handed back alone, and the others are fetched.
 */
@ExtendWith(LocalAwsExtension.class)
class FetchBatchShellTest {
    private static final String GOOD = "3300001";
    private static final String NAVER_REFUSES = "3300002";

    @Test
    void undecodableAndUnknownRequestsAreDeadLetteredWithTheirReasonsWhileTheBatchsOtherFetchesGoOn(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fbatch",
                FetcherShellRig.defaultAccountStores(GOOD, NAVER_REFUSES), Map.of("NAVER_PARALLEL_QUERIES", "1"))) {
            rig.naver.setBookings(GOOD, bookings(GOOD, 33_000, 4, "RC03"));
            rig.naver.setBusinessAnswer(NAVER_REFUSES, SimResponse.json(404, Map.of("error", "NOT_FOUND")));
            var window = FetchQueries.scheduledWindow(CYCLE, 14);
            String notJson = "fetch 3300001 please";
            String backwards = """
                    {"schemaVersion":1,"runId":"b-backwards","storeId":"3300001",\
                    "window":{"from":"2025-10-25","to":"2025-10-22"},"cycleAt":"2025-10-22T05:00:00Z"}""";
            String unknownStore = MessageCodec.encode(FetchRequest.of("b-unknown", "9999999", window, FetchMode.NORMAL, CYCLE));
            String good = MessageCodec.encode(FetchRequest.of("b-batch", GOOD, window, FetchMode.NORMAL, CYCLE));
            String refused = MessageCodec.encode(FetchRequest.of("b-batch", NAVER_REFUSES, window, FetchMode.NORMAL, CYCLE));
            for (String body : List.of(notJson, backwards, unknownStore, good, refused)) {
                rig.enqueueBody(body);
            }
            List<Message> batch = rig.receiveFetches(5);
            assertThat(batch).hasSize(5);
            Map<String, Message> byBody = batch.stream().collect(Collectors.toMap(Message::body, Function.identity()));

            FetcherShellRig.Delivery delivery = rig.deliver(batch);

            // Only the store whose fetch failed goes back to SQS; the three bad bodies are dead-lettered, not retried.
            assertThat(delivery.failedIds()).containsExactly(byBody.get(refused).messageId());
            assertThat(rig.fetchQueueDepth()).isEqualTo(1);
            Map<String, Message> dead = rig.fetchDeadLetters().stream()
                    .collect(Collectors.toMap(Message::body, Function.identity()));
            assertThat(dead).containsOnlyKeys(notJson, backwards, unknownStore);
            assertThat(dead.values()).allSatisfy(m ->
                    assertThat(m.messageAttributes().get(DeadLetters.ATTR_STAGE).stringValue()).isEqualTo("fetcher"));
            dead.forEach((body, m) -> assertThat(m.messageAttributes().get(DeadLetters.ATTR_ORIGINAL_ID).stringValue())
                    .isEqualTo(byBody.get(body).messageId()));
            assertThat(reason(dead.get(notJson))).startsWith("FetchRequest: ");
            assertThat(reason(dead.get(backwards))).isEqualTo("FetchRequest: window.to 2025-10-22 is before window.from 2025-10-25");
            assertThat(reason(dead.get(unknownStore))).isEqualTo("store 9999999 is not in the store catalog");
            // The good store was fetched in the same invocation; no store was reported failed (not a last delivery).
            assertThat(rig.results(StoreFetched.class)).singleElement().satisfies(f -> {
                assertThat(f.storeId()).isEqualTo(GOOD);
                assertThat(f.bookingsByStatus()).isEqualTo(Map.of("RC03", 4));
            });
            assertThat(rig.snapshots(GOOD)).hasSize(1);
            assertThat(rig.snapshots(NAVER_REFUSES)).isEmpty();
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.naver.requests()).extracting(r -> r.businessId()).containsOnly(GOOD, NAVER_REFUSES);
        }
    }

    private static String reason(Message deadLetter) {
        return deadLetter.messageAttributes().get(DeadLetters.ATTR_ERROR).stringValue();
    }
}
