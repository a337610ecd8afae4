package dev.placenotify.notifier;

import dev.placenotify.model.FetchMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the ledger holds about one run, and the pure rules that say when it may be summarised.
 *
 * <ul>
 *   <li><b>settled</b>: the run knows which stores to wait for, every one of them is fully planned or
 *       has failed for good, and every planned job has an outcome;</li>
 *   <li><b>complete</b>: settled with no failed store;</li>
 *   <li><b>due</b>: complete, or past its deadline. A run with a failed store waits for the deadline,
 *       so an operator's redrive can still complete it and the summary can name the DLQs that hold its
 *       messages; the failure itself was alerted at once.</li>
 * </ul>
 *
 * A run learns its stores from {@code RunStarted}. SQS does not keep order, so a run that has not been
 * announced yet waits {@code announceGrace} after its first event before the stores it has seen are
 * taken as all there are (a fetch enqueued by hand has no announcement). {@code ruleLabels} are the
 * owners' names of the rules the run planned or texted by ({@code CONFIRMATION} → {@code 예약확정}).
 */
public record RunTally(String runId, Instant cycleAt, FetchMode mode, boolean announced, List<String> announcedStores,
                       Map<String, StoreTally> stores, OutcomeCounts outcomes, Status status, Instant firstSeenAt,
                       Instant deadlineAt, Map<String, String> ruleLabels) {

    public RunTally(String runId, Instant cycleAt, FetchMode mode, boolean announced, List<String> announcedStores,
                    Map<String, StoreTally> stores, OutcomeCounts outcomes, Status status, Instant firstSeenAt, Instant deadlineAt) {
        this(runId, cycleAt, mode, announced, announcedStores, stores, outcomes, status, firstSeenAt, deadlineAt, Map.of());
    }

    /** Where the run is in its life: counting, being summarised by a notifier, done. */
    public enum Status { OPEN, SUMMARIZING, SUMMARIZED }

    /** The stores the run waits for: those the schedule announced, else (a hand-made fetch) those seen. */
    public List<String> expectedStores() {
        if (announced) {
            return announcedStores;
        }
        return new ArrayList<>(stores.keySet());
    }

    public StoreTally store(String storeId) {
        return stores.get(storeId);
    }

    public int plannedJobs() {
        return stores.values().stream().mapToInt(StoreTally::plannedJobs).sum();
    }

    /** Planned jobs without an outcome yet. */
    public int pendingJobs() {
        return Math.max(0, plannedJobs() - outcomes.total());
    }

    /** Outcomes beyond what the ledger saw planned (a plan report lost to a DLQ): shown, never hidden. */
    public int unplannedOutcomes() {
        return Math.max(0, outcomes.total() - plannedJobs());
    }

    public List<String> failedStores() {
        return expectedStores().stream().filter(id -> stores.containsKey(id) && stores.get(id).failed()).toList();
    }

    /** Expected stores neither fully planned nor failed: still on their way, or stuck. */
    public List<String> missingStores() {
        return expectedStores().stream()
                .filter(id -> !stores.containsKey(id) || (!stores.get(id).fullyPlanned() && !stores.get(id).failed()))
                .toList();
    }

    public boolean knowsItsStores(Instant now, Duration announceGrace) {
        return announced || (!stores.isEmpty() && !now.isBefore(firstSeenAt.plus(announceGrace)));
    }

    public boolean settled(Instant now, Duration announceGrace) {
        return knowsItsStores(now, announceGrace) && missingStores().isEmpty() && pendingJobs() == 0;
    }

    public boolean complete(Instant now, Duration announceGrace) {
        return settled(now, announceGrace) && failedStores().isEmpty();
    }

    public boolean pastDeadline(Instant now) {
        return deadlineAt != null && !now.isBefore(deadlineAt);
    }

    public boolean due(Instant now, Duration announceGrace) {
        return complete(now, announceGrace) || pastDeadline(now);
    }

    public boolean summarized() {
        return status == Status.SUMMARIZED;
    }
}
