package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SkippedItem;
import dev.placenotify.model.SmsType;
import dev.placenotify.model.StoreFetched;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The reports one run's stages would send the notifier, built by hand so a test controls order and repeats. */
final class RunEvents {
    final String runId;
    final Instant cycleAt;

    RunEvents(String runId, Instant cycleAt) {
        this.runId = runId;
        this.cycleAt = cycleAt;
    }

    static JobRef job(String storeId, String bookingId, String rule) {
        return new JobRef(storeId, bookingId, rule, null, storeId + ":" + bookingId + ":" + rule, SmsType.SMS, null, null);
    }

    /** A job as the planner reports it: with the rule's label, the masked name and the last four digits. */
    static JobRef job(String storeId, String bookingId, String rule, String label, String customer, String last4) {
        return new JobRef(storeId, bookingId, rule, label, storeId + ":" + bookingId + ":" + rule, SmsType.LMS, customer, last4);
    }

    RunStarted started(String... storeIds) {
        return RunStarted.of(runId, cycleAt, FetchMode.NORMAL, List.of(storeIds));
    }

    StoreFetched fetched(String storeId, int chunks, int confirmedBookings) {
        return new StoreFetched(Messages.SCHEMA_VERSION, runId, storeId, chunks, Map.of("RC03", confirmedBookings), List.of(),
                120L, 1);
    }

    ChunkPlanned planned(String storeId, int chunkIndex, List<JobRef> jobs, List<SkippedItem> skipped) {
        return new ChunkPlanned(Messages.SCHEMA_VERSION, runId, storeId, chunkIndex, jobs, skipped);
    }

    SendOutcome outcome(JobRef job, OutcomeStatus status) {
        return SendOutcome.of(runId, job, status, status == OutcomeStatus.SENT ? "req-" + job.bookingId() : null,
                status == OutcomeStatus.FAILED ? "SENS 400" : null, cycleAt.plusSeconds(20), false);
    }

    Alert alert(AlertCause cause, String subject, String detail) {
        return Alert.of(runId, cause, subject, detail, cycleAt);
    }

    /** An SQS event as Lambda would deliver these messages. */
    static SQSEvent sqsEvent(List<? extends RunEvent> events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (RunEvent e : events) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(UUID.randomUUID().toString());
            m.setReceiptHandle("rh-" + m.getMessageId());
            m.setBody(MessageCodec.encode(e));
            m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            m.setEventSource("aws:sqs");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
