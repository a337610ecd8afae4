package dev.placenotify.notifier;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the stages' reports to the ledger, posts alerts at once (throttled), and posts exactly one
 * summary per run when it settles or its deadline passes.
 */
public final class NotifierStage {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierStage.class);

    private final RunLedger ledger;
    private final AlertThrottle throttle;
    private final Channels channels;
    private final SummaryComposer composer;
    private final DlqInspector dlqs;
    private final Clock clock;

    public NotifierStage(RunLedger ledger, AlertThrottle throttle, Channels channels, SummaryComposer composer,
                         DlqInspector dlqs, Clock clock) {
        this.ledger = ledger;
        this.throttle = throttle;
        this.channels = channels;
        this.composer = composer;
        this.dlqs = dlqs;
        this.clock = clock;
    }

    /** Applies a batch of events; returns the ids of messages to redeliver. */
    public Set<String> handle(List<ReceivedMessage<RunEvent>> messages) {
        Set<String> failed = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        Map<String, Boolean> summarized = new HashMap<>();
        for (ReceivedMessage<RunEvent> m : messages) {
            try {
                apply(m.body(), summarized);
                touched.add(m.body().runId());
            } catch (RuntimeException e) {
                LOG.warn("event {} of run {} not applied, will be redelivered: {}", m.messageId(), m.body().runId(),
                        e.getMessage(), e);
                failed.add(m.messageId());
            }
        }
        for (String runId : touched) {
            try {
                evaluate(runId);
            } catch (RuntimeException e) {
                // Counts are safe in the ledger; the next event or the sweep evaluates the run again.
                LOG.error("run {} not evaluated: {}", runId, e.getMessage(), e);
            }
        }
        return failed;
    }

    /** The scheduled sweep: closes runs past their deadline and raises the DLQ alert. */
    public void sweep() {
        for (String runId : ledger.openRuns()) {
            try {
                evaluate(runId);
            } catch (RuntimeException e) {
                LOG.error("run {} not swept: {}", runId, e.getMessage(), e);
            }
        }
        List<String> nonEmpty = dlqs.nonEmpty();
        for (String dlq : nonEmpty) {
            alert(Alert.of("sweep", AlertCause.DLQ_MESSAGES, dlq.replaceAll(" \\(.*", ""),
                    "DLQ holds messages: " + dlq + " — inspect and replay with the operator CLI", clock.instant()));
        }
    }

    private void apply(RunEvent event, Map<String, Boolean> summarizedCache) {
        Instant now = clock.instant();
        switch (event) {
            case RunStarted e -> {
                ledger.touchRun(e.runId(), now);
                ledger.recordStarted(e);
            }
            case StoreFetched e -> {
                ledger.touchRun(e.runId(), now);
                ledger.recordFetched(e);
            }
            case StoreFetchFailed e -> {
                ledger.touchRun(e.runId(), now);
                ledger.recordFetchFailed(e);
                alert(Alert.of(e.runId(), AlertCause.FETCH_FAILED, e.storeId(), "store " + e.storeId()
                        + " could not be fetched: " + e.reason(), now));
            }
            case ChunkPlanned e -> {
                ledger.touchRun(e.runId(), now);
                ledger.recordPlanned(e);
            }
            case SendOutcome e -> {
                boolean done = summarizedCache.computeIfAbsent(e.runId(), ledger::isSummarized);
                if (!done) {
                    ledger.touchRun(e.runId(), now);
                }
                ledger.recordOutcome(e, done);
            }
            case Alert e -> alert(e);
        }
    }

    private void evaluate(String runId) {
        Instant now = clock.instant();
        RunTally tally = ledger.load(runId).orElse(null);
        if (tally == null || tally.summarized()) {
            return;
        }
        if (!tally.settled() && !tally.pastDeadline(now)) {
            return;
        }
        if (!ledger.claimSummary(runId, now, tally.complete())) {
            return; // another notifier won and posts it
        }
        OutcomeCounts late = ledger.takeLateOutcomes();
        RunSummary summary = composer.compose(tally, late, Duration.between(tally.cycleAt(), now), dlqs.nonEmpty());
        ledger.recordSummaryLine(runId, summary.line());
        Channels.Delivery delivery = channels.post(summary.telegramParts(), summary.slackPayload());
        LOG.info("run {} summary ({}): telegram={} slack={} :: {}", runId, tally.complete() ? "complete" : "incomplete",
                delivery.telegram(), delivery.slack(), summary.line());
    }

    private void alert(Alert a) {
        if (!throttle.tryAcquire(a.cause(), a.subject(), clock.instant())) {
            LOG.info("alert {} for {} throttled", a.cause(), a.subject());
            return;
        }
        String text = "🚨 " + a.cause() + (a.subject().isEmpty() ? "" : " [" + a.subject() + "]") + ": " + a.detail();
        Channels.Delivery d = channels.post(List.of("<b>" + Html.escape("🚨 경고") + "</b>\n" + Html.escape(text)),
                Map.of("text", text));
        LOG.warn("alert {} posted: telegram={} slack={}", text, d.telegram(), d.slack());
    }
}
