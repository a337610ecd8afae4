package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sender's functional core: what becomes of a batch's claimed jobs, decided from the jobs and a
 * moment alone (no I/O, no clock). {@link SendStage} reads the table, calls SENS and records what
 * this decides.
 */
final class DeliveryPlan {
    static final String DRY_RUN_REASON = "dry-run: not sent";

    private DeliveryPlan() {}

    /**
     * The claimed jobs by what they wait for. SQS keeps no order, so a job planned after another (a
     * reminder after its confirmation: its {@code afterKey}) may only go once that one has finished.
     *
     * @param ready          jobs that wait for nothing
     * @param afterBatchMate jobs whose predecessor was claimed in the same batch: they go after its request
     * @param afterOther     jobs whose predecessor is elsewhere: whether it has finished is for the table to say
     */
    record Order(List<ReceivedMessage<SmsJob>> ready, List<ReceivedMessage<SmsJob>> afterBatchMate,
                 List<ReceivedMessage<SmsJob>> afterOther) {}

    /** Sorts claimed jobs by what they wait for, each list in the batch's order. */
    static Order order(List<ReceivedMessage<SmsJob>> claimed) {
        Set<String> claimedKeys = new HashSet<>();
        claimed.forEach(m -> claimedKeys.add(m.body().idempotencyKey()));
        List<ReceivedMessage<SmsJob>> ready = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> afterBatchMate = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> afterOther = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : claimed) {
            String after = m.body().afterKey();
            if (after == null) {
                ready.add(m);
            } else if (claimedKeys.contains(after)) {
                afterBatchMate.add(m);
            } else {
                afterOther.add(m);
            }
        }
        return new Order(ready, afterBatchMate, afterOther);
    }

    /**
     * What becomes of jobs about to go.
     *
     * @param settled   jobs settled without SENS, in the jobs' order
     * @param wouldSend the dry-run jobs that would have been sent (settled SKIPPED, among {@code settled})
     * @param requests  the rest, as SENS requests
     */
    record Triage(List<Settlement> settled, List<ReceivedMessage<SmsJob>> wouldSend, List<PlannedRequest> requests) {}

    /**
     * Decides each job at {@code sendAt}, first match wins: past its {@code notAfter} it is EXPIRED, an
     * advertisement in quiet hours is SKIPPED ({@link SendWindow}); content SENS would refuse is FAILED
     * ({@link SensContentRules}); in dry-run it is SKIPPED "dry-run: not sent"; otherwise it goes to
     * SENS ({@link #requests}).
     */
    static Triage triage(List<ReceivedMessage<SmsJob>> jobs, Instant sendAt, boolean dryRun) {
        List<Settlement> settled = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> wouldSend = new ArrayList<>();
        List<ReceivedMessage<SmsJob>> toSend = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            SmsJob job = m.body();
            Optional<SendWindow.Closed> closed = SendWindow.closedFor(job, sendAt);
            Optional<String> violation = SensContentRules.violation(job);
            if (closed.isPresent()) {
                settled.add(new Settlement(m, closed.get().status(), null, closed.get().reason()));
            } else if (violation.isPresent()) {
                settled.add(new Settlement(m, OutcomeStatus.FAILED, null, "SENS would refuse it: " + violation.get()));
            } else if (dryRun) {
                wouldSend.add(m);
                settled.add(new Settlement(m, OutcomeStatus.SKIPPED, null, DRY_RUN_REASON));
            } else {
                toSend.add(m);
            }
        }
        return new Triage(settled, wouldSend, requests(toSend));
    }

    private record Group(String from, SmsType type, ContentType contentType) {}

    /**
     * Groups jobs by (sender number, type, content type), groups in order of their first job, each in
     * the jobs' order, and cuts each group into requests of up to {@link SensRequest#MAX_MESSAGES}.
     */
    static List<PlannedRequest> requests(List<ReceivedMessage<SmsJob>> jobs) {
        Map<Group, List<ReceivedMessage<SmsJob>>> groups = new LinkedHashMap<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            SmsJob job = m.body();
            groups.computeIfAbsent(new Group(job.from(), job.type(), job.contentType()), k -> new ArrayList<>()).add(m);
        }
        List<PlannedRequest> requests = new ArrayList<>();
        groups.forEach((g, group) -> {
            for (int i = 0; i < group.size(); i += SensRequest.MAX_MESSAGES) {
                requests.add(new PlannedRequest(g.from(), g.type(), g.contentType(),
                        group.subList(i, Math.min(group.size(), i + SensRequest.MAX_MESSAGES))));
            }
        });
        return requests;
    }

    /**
     * Before every SENS attempt: the jobs that may still leave {@code now}, and the others settled
     * ({@link SendWindow}: EXPIRED, or SKIPPED in quiet hours). Every earlier attempt was refused, so
     * none of them was sent.
     */
    record Open(List<ReceivedMessage<SmsJob>> open, List<Settlement> closed) {}

    static Open stillOpen(List<ReceivedMessage<SmsJob>> jobs, Instant now) {
        List<ReceivedMessage<SmsJob>> open = new ArrayList<>();
        List<Settlement> closed = new ArrayList<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            SendWindow.closedFor(m.body(), now).ifPresentOrElse(
                    c -> closed.add(new Settlement(m, c.status(), null, c.reason())), () -> open.add(m));
        }
        return new Open(open, closed);
    }
}
