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
import dev.placenotify.shell.SqsBatchRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies the stages' reports to the ledger, posts alerts at once (throttled), and posts exactly one
 * summary per run when it completes or its deadline passes.
 */
public final class NotifierStage {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierStage.class);
    static final String CORRELATION_ID = "correlation_id";

    /** Timing rules of the stage, from its config. */
    public record Timing(Duration announceGrace, Duration staleClaim) {}

    private final RunLedger ledger;
    private final AlertThrottle throttle;
    private final Channels channels;
    private final SummaryComposer composer;
    private final DlqInspector dlqs;
    private final NotifierMetrics metrics;
    private final Timing timing;
    private final Clock clock;

    public NotifierStage(RunLedger ledger, AlertThrottle throttle, Channels channels, SummaryComposer composer,
                         DlqInspector dlqs, NotifierMetrics metrics, Timing timing, Clock clock) {
        this.ledger = ledger;
        this.throttle = throttle;
        this.channels = channels;
        this.composer = composer;
        this.dlqs = dlqs;
        this.metrics = metrics;
        this.timing = timing;
        this.clock = clock;
    }

    /** Applies a batch of events; returns the ids of messages to redeliver. */
    public Set<String> handle(List<ReceivedMessage<RunEvent>> messages) {
        Set<String> failed = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        for (ReceivedMessage<RunEvent> m : messages) {
            try (var ignored = SqsBatchRunner.correlate(m.body())) {
                apply(m.body());
                if (!(m.body() instanceof Alert)) {
                    touched.add(m.body().runId());
                }
            } catch (RuntimeException e) {
                LOG.warn("event {} of run {} not applied, will be redelivered: {}", m.messageId(), m.body().runId(),
                        SqsBatchRunner.describe(e), e);
                failed.add(m.messageId());
            }
        }
        for (String runId : touched) {
            try (var ignored = MDC.putCloseable(CORRELATION_ID, runId)) {
                evaluate(runId);
            } catch (RuntimeException e) {
                // Counts are safe in the ledger; the next event or the sweep evaluates the run again.
                LOG.error("run {} not evaluated: {}", runId, SqsBatchRunner.describe(e), e);
            }
        }
        return failed;
    }

    /** The scheduled sweep: summarises runs past their deadline (or whose summariser died) and raises DLQ alerts. */
    public void sweep() {
        for (String runId : ledger.openRuns()) {
            try (var ignored = MDC.putCloseable(CORRELATION_ID, runId)) {
                evaluate(runId);
            } catch (RuntimeException e) {
                LOG.error("run {} not swept: {}", runId, SqsBatchRunner.describe(e), e);
            }
        }
        alertOnDeadLetters("sweep", dlqs.nonEmpty());
    }

    private void apply(RunEvent event) {
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
                if (!ledger.recordPlanned(e)) {
                    LOG.info("chunk {} of store {} already counted", e.chunkIndex(), e.storeId());
                }
            }
            case SendOutcome e -> {
                ledger.touchRun(e.runId(), now);
                RunLedger.OutcomeRecord r = ledger.recordOutcome(e);
                if (r != RunLedger.OutcomeRecord.COUNTED) {
                    LOG.info("outcome {} of {}: {}", e.status(), e.job().idempotencyKey(), r);
                }
            }
            case Alert e -> alert(e);
        }
    }

    private void evaluate(String runId) {
        Instant now = clock.instant();
        Optional<RunTally> seen = ledger.load(runId);
        if (seen.isEmpty()) {
            ledger.forgetOpen(runId);
            return;
        }
        RunTally tally = seen.get();
        if (tally.summarized()) {
            ledger.forgetOpen(runId);
            return;
        }
        if (!tally.due(now, timing.announceGrace())) {
            return;
        }
        if (!ledger.claimSummary(runId, now, now.minus(timing.staleClaim()))) {
            return; // another notifier holds the claim and posts it
        }
        // From here on outcomes of this run are late; the tally read after the close is final.
        ledger.closeOutcomes(runId);
        RunTally last = ledger.load(runId).orElseThrow();
        boolean complete = last.complete(now, timing.announceGrace());
        Map<String, OutcomeCounts> late = ledger.takeLateOutcomes(runId);
        List<DlqInspector.DlqDepth> deadLetters = dlqs.nonEmpty();
        Duration duration = Duration.between(last.cycleAt(), now);
        RunSummary summary = composer.compose(last, complete, late, duration, deadLetters);
        Channels.Delivery delivery = channels.post(summary.telegramParts(), summary.slackPayload());
        ledger.recordSummary(runId, clock.instant(), complete, summary.line(), delivery.telegram(), delivery.slack());
        metrics.runSummarized(runId, composer.figures(last, late), complete, duration, delivery);
        if (delivery.anyPosted()) {
            LOG.info("run {} summary ({}): telegram={} slack={} :: {}", runId, complete ? "complete" : "incomplete",
                    delivery.telegram(), delivery.slack(), summary.line());
        } else {
            LOG.error("run {} summary posted nowhere: telegram={} slack={} :: {}", runId, delivery.telegram(),
                    delivery.slack(), summary.line());
        }
        alertOnDeadLetters(runId, deadLetters);
    }

    private void alertOnDeadLetters(String runId, List<DlqInspector.DlqDepth> deadLetters) {
        for (DlqInspector.DlqDepth dlq : deadLetters) {
            alert(Alert.of(runId, AlertCause.DLQ_MESSAGES, dlq.stage(),
                    "DLQ of " + dlq.label() + " holds messages: inspect and replay them with the operator CLI", clock.instant()));
        }
    }

    private void alert(Alert a) {
        Optional<AlertThrottle.Permit> permit = throttle.tryAcquire(a.cause(), a.subject(), clock.instant());
        if (permit.isEmpty()) {
            LOG.info("alert {} for '{}' throttled", a.cause(), a.subject());
            metrics.alertThrottled(a.cause());
            return;
        }
        AlertText text = AlertText.of(a, permit.get().suppressed());
        Channels.Delivery d = channels.post(List.of(text.telegramHtml()), Map.of("text", text.slackMarkdown()));
        metrics.alertPosted(a.cause(), d);
        if (!d.anyPosted()) {
            throttle.release(permit.get());
            LOG.error("alert {} posted nowhere: telegram={} slack={}", text.plain(), d.telegram(), d.slack());
        } else {
            LOG.info("alert {} posted: telegram={} slack={}", text.plain(), d.telegram(), d.slack());
        }
    }
}
