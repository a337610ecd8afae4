package dev.placenotify.sender;

import dev.placenotify.model.items.IdempotencyRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.MessageResult;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one invocation collects, and what it tells the batch runner about each message. */
class BatchTest {
    private static final Instant NOW = TestJobs.CYCLE;
    private static final Duration MINIMUM = Duration.ofSeconds(5);
    private static final int MAX_RECEIVES = 5;

    private final Batch batch = new Batch(Clock.fixed(NOW, ZoneOffset.UTC), MAX_RECEIVES);

    private static ReceivedMessage<SmsJob> message(String id, int receiveCount) {
        return new ReceivedMessage<>(id, TestJobs.sms(id, "01012345678", "예약이 확정되었습니다."), receiveCount);
    }

    private static IdempotencyRecord record(OutcomeStatus outcome) {
        return new IdempotencyRecord("k", IdempotencyRecord.State.COMPLETED, outcome, "h", NOW, "req-1", null, "c20251022T1400",
                null, null, null, NOW.minusSeconds(90));
    }

    private List<SendOutcome> outcomes() {
        return batch.events().stream().filter(SendOutcome.class::isInstance).map(SendOutcome.class::cast).toList();
    }

    @Test
    void onlyFirstHandOutcomesAreCountedAndEveryOneIsReported() {
        SmsJob job = TestJobs.sms("1", "01012345678", "확정");
        batch.outcome(job, OutcomeStatus.SENT, "req-1", null, false);
        batch.outcome(job, OutcomeStatus.SENT, "req-2", null, false);
        batch.outcome(job, OutcomeStatus.EXPIRED, null, "stale", false);
        batch.replay(job, record(OutcomeStatus.FAILED));
        batch.sensFailure();

        SendTally tally = batch.tally();

        assertThat(tally.sentByKind()).isEqualTo(Map.of("CONFIRMATION", 2));
        assertThat(tally.expired()).isEqualTo(1);
        assertThat(tally.failed()).as("a re-reported outcome is not a new one").isZero();
        assertThat(tally.sensFailures()).isEqualTo(1);
        assertThat(outcomes()).extracting(SendOutcome::status, SendOutcome::replayed).containsExactly(
                tuple(OutcomeStatus.SENT, false), tuple(OutcomeStatus.SENT, false),
                tuple(OutcomeStatus.EXPIRED, false), tuple(OutcomeStatus.FAILED, true));
    }

    @Test
    void keysFoundAbandonedAreUnknownWithOneAlertPerRun() {
        batch.abandoned(TestJobs.sms("1", "01012345678", "확정"), record(null));
        batch.abandoned(TestJobs.sms("2", "01012345678", "확정"), record(null));

        assertThat(outcomes()).extracting(SendOutcome::status).containsExactly(OutcomeStatus.UNKNOWN, OutcomeStatus.UNKNOWN);
        assertThat(batch.events()).filteredOn(Alert.class::isInstance).map(Alert.class::cast).singleElement().satisfies(a -> {
            assertThat(a.cause()).isEqualTo(AlertCause.UNKNOWN_SEND);
            assertThat(a.detail()).startsWith("2 SMS may or may not have been sent");
        });
        assertThat(batch.tally().unknown()).isEqualTo(2);
    }

    @Test
    void aMessageGivenBackReturnsAfterTheQueuesTimeoutAndOnItsLastReceiveIsReportedFailed() {
        ReceivedMessage<SmsJob> early = message("early", MAX_RECEIVES - 1);
        ReceivedMessage<SmsJob> last = message("last", MAX_RECEIVES);
        ReceivedMessage<SmsJob> done = message("done", 1);
        batch.giveBack(early, "SENS HTTP 429");
        batch.giveBack(last, "SENS HTTP 429");

        Map<String, MessageResult> results = batch.results(List.of(early, last, done), false, NOW, MINIMUM);

        assertThat(results).containsOnly(Map.entry("early", MessageResult.retry()), Map.entry("last", MessageResult.retry()));
        assertThat(outcomes()).singleElement().satisfies(o -> {
            assertThat(o.job().idempotencyKey()).isEqualTo(last.body().idempotencyKey());
            assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
            assertThat(o.error()).isEqualTo("SENS HTTP 429 (gave up after 5 deliveries; the job moves to the sms DLQ, replay it to try again)");
        });
    }

    @Test
    void aMessageHeldByALiveClaimComesBackJustAfterItExpiresAndNeverSoonerThanTheMinimum() {
        ReceivedMessage<SmsJob> held = message("held", 1);
        ReceivedMessage<SmsJob> almost = message("almost", 1);
        ReceivedMessage<SmsJob> unknownHolder = message("unknown", 1);
        batch.retryLater(held, NOW.plusSeconds(30), "another sender holds the claim");
        batch.retryLater(almost, NOW.plusSeconds(1), "another sender holds the claim");
        batch.retryLater(unknownHolder, null, "another sender holds the claim");

        Map<String, MessageResult> results = batch.results(List.of(held, almost, unknownHolder), false, NOW, MINIMUM);

        assertThat(results).containsOnly(Map.entry("held", MessageResult.retryAfter(Duration.ofSeconds(31))),
                Map.entry("almost", MessageResult.retryAfter(MINIMUM)), Map.entry("unknown", MessageResult.retryAfter(MINIMUM)));
        assertThat(outcomes()).as("the holder reports it").isEmpty();
    }

    @Test
    void aWaitingJobIsAcknowledgedWithADelayedCopyOrHandedBackWhenTheCopyCannotBeEnqueued() {
        ReceivedMessage<SmsJob> waiting = message("waiting", MAX_RECEIVES);
        batch.waitFor(waiting, Duration.ofSeconds(40));

        assertThat(batch.waitingCopies()).containsExactly(new QueuePublisher.Delayed(waiting.body(), Duration.ofSeconds(40)));
        assertThat(batch.results(List.of(waiting), false, NOW, MINIMUM)).as("acknowledged: the copy waits").isEmpty();

        batch.waitingCopiesFailed("its delayed copy could not be enqueued");

        assertThat(batch.results(List.of(waiting), false, NOW, MINIMUM))
                .containsOnly(Map.entry("waiting", MessageResult.retryAfter(Duration.ofSeconds(41))));
        assertThat(outcomes()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED));
    }

    @Test
    void aBatchThatFailedAsAWholeSendsEveryMessageBackAndTheHeldOnesStillAtTheirTime() {
        ReceivedMessage<SmsJob> sent = message("sent", 1);
        ReceivedMessage<SmsJob> held = message("held", 1);
        batch.outcome(sent.body(), OutcomeStatus.SENT, "req-1", null, false);
        batch.retryLater(held, NOW.plusSeconds(30), "another sender holds the claim");

        Map<String, MessageResult> results = batch.results(List.of(sent, held), true, NOW, MINIMUM);

        assertThat(results).containsOnly(Map.entry("sent", MessageResult.retry()),
                Map.entry("held", MessageResult.retryAfter(Duration.ofSeconds(31))));
    }
}
