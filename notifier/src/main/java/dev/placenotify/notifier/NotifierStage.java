package dev.placenotify.notifier;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.DeliveryReported;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Applies the stages' reports to the ledger, posts alerts at once (throttled), and posts one summary per
 * run and channel when the run completes or its deadline passes.
 *
 * <p>A summary is posted at most once per channel, whatever dies, hangs or runs out of time: it is composed
 * once and saved before anything is posted (with the late outcomes it took), each channel is marked
 * {@code POSTING} with a conditional write before its post and settled after it, and a channel once marked
 * is never posted again: a takeover settles a mark left by a dead notifier as UNCERTAIN. Every post is
 * planned from the invocation's remaining time, so none starts that could not finish before the end.
 */
public final class NotifierStage {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierStage.class);
    static final String CORRELATION_ID = "correlation_id";

    /** Timing rules of the stage, from its config; {@code reserve} is kept at the end of every invocation for recording. */
    public record Timing(Duration announceGrace, Duration staleClaim, Duration reserve) {}

    private final RunLedger ledger;
    private final LateOutcomes lateOutcomes;
    private final SummaryPosts posts;
    private final AlertThrottle throttle;
    private final Channels channels;
    private final SummaryComposer composer;
    private final DlqInspector dlqs;
    private final NotifierMetrics metrics;
    private final Timing timing;
    private final Clock clock;
    private final DeliveryLedger deliveries;
    private final DeliverySection deliveryLines;

    public NotifierStage(RunLedger ledger, LateOutcomes lateOutcomes, SummaryPosts posts, AlertThrottle throttle, Channels channels,
                         SummaryComposer composer, DlqInspector dlqs, NotifierMetrics metrics, Timing timing, Clock clock,
                         DeliveryLedger deliveries, DeliverySection deliveryLines) {
        this.deliveries = deliveries;
        this.deliveryLines = deliveryLines;
        this.ledger = ledger;
        this.lateOutcomes = lateOutcomes;
        this.posts = posts;
        this.throttle = throttle;
        this.channels = channels;
        this.composer = composer;
        this.dlqs = dlqs;
        this.metrics = metrics;
        this.timing = timing;
        this.clock = clock;
    }

    /** Applies a batch of events; returns the ids of messages to redeliver. */
    public Set<String> handle(List<ReceivedMessage<RunEvent>> messages, InvocationDeadline deadline) {
        Set<String> failed = new HashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        for (ReceivedMessage<RunEvent> m : messages) {
            if (deadline.remainingBefore(timing.reserve()).isZero()) {
                // Out of time: what is not applied comes back from SQS, nothing is lost.
                failed.add(m.messageId());
                continue;
            }
            try (var ignored = SqsBatchRunner.correlate(m.body())) {
                apply(m.body(), deadline);
                if (!(m.body() instanceof Alert) && !(m.body() instanceof DeliveryReported)) {
                    touched.add(m.body().runId());
                }
            } catch (RuntimeException e) {
                LOG.warn("event {} of run {} not applied, will be redelivered: {}", m.messageId(), m.body().runId(),
                        SqsBatchRunner.describe(e), e);
                failed.add(m.messageId());
            }
        }
        if (!failed.isEmpty() && deadline.remainingBefore(timing.reserve()).isZero()) {
            LOG.warn("{} event(s) left for redelivery: the invocation's time is up", failed.size());
        }
        for (String runId : touched) {
            try (var ignored = MDC.putCloseable(CORRELATION_ID, runId)) {
                evaluate(runId, deadline);
            } catch (RuntimeException e) {
                // Counts are safe in the ledger; the next event or the sweep evaluates the run again.
                LOG.error("run {} not evaluated: {}", runId, SqsBatchRunner.describe(e), e);
            }
        }
        return failed;
    }

    /** The scheduled sweep: summarises runs past their deadline (or whose summariser died) and raises DLQ alerts. */
    public void sweep(InvocationDeadline deadline) {
        for (String runId : ledger.openRuns()) {
            try (var ignored = MDC.putCloseable(CORRELATION_ID, runId)) {
                evaluate(runId, deadline);
            } catch (RuntimeException e) {
                LOG.error("run {} not swept: {}", runId, SqsBatchRunner.describe(e), e);
            }
        }
        alertOnDeadLetters("sweep", dlqs.nonEmpty(), deadline);
    }

    private void apply(RunEvent event, InvocationDeadline deadline) {
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
                        + " could not be fetched: " + e.reason(), now), deadline);
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
            case Alert e -> alert(e, deadline);
            // Counted apart from any run: the next summary (of whichever run) and the daily digest report it.
            case DeliveryReported e -> {
                if (!deliveries.record(e)) {
                    LOG.info("delivery report {} of {} already counted", e.kind(), e.job().idempotencyKey());
                }
            }
        }
    }

    private void evaluate(String runId, InvocationDeadline deadline) {
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
        if (!channels.canStart(Channels.Channel.TELEGRAM, deadline) && !channels.canStart(Channels.Channel.SLACK, deadline)) {
            LOG.info("run {} is due but this invocation has no time left to post it; the next one will", runId);
            return;
        }
        if (!ledger.claimSummary(runId, now, now.minus(timing.staleClaim()))) {
            return; // another notifier holds the claim and posts it
        }
        summarise(runId, now, deadline);
    }

    private void summarise(String runId, Instant now, InvocationDeadline deadline) {
        // From here on outcomes of this run are late; the tally read after the close is final.
        ledger.closeOutcomes(runId);
        RunTally last = ledger.load(runId).orElseThrow();
        List<DlqInspector.DlqDepth> deadLetters = dlqs.nonEmpty();
        Optional<SummaryPosts.SavedSummary> saved = posts.savedSummary(runId);
        Map<String, OutcomeCounts> late;
        SummaryPosts.SavedSummary summary;
        if (saved.isPresent()) {
            // A takeover: post exactly what the first summariser composed, on the channels it did not reach.
            summary = saved.get();
            late = lateOutcomes.takenLateOutcomes(runId);
        } else {
            boolean complete = last.complete(now, timing.announceGrace());
            late = lateOutcomes.takeLateOutcomes(runId);
            Duration duration = Duration.between(last.cycleAt(), now);
            // Delivery results that arrived since the last summary ride along; taking them is recorded like late outcomes.
            RunSummary composed = deliveryLines.appendTo(composer.compose(last, complete, late, duration, deadLetters),
                    deliveryResults(runId));
            summary = posts.saveSummary(runId, composed, complete, duration, now);
        }
        SummaryPosts.SavedSummary posting = summary;
        Channels.Delivery delivery = channels.inParallel(
                () -> postOnce(runId, Channels.Channel.TELEGRAM, deadline, () -> channels.postTelegram(posting.telegramParts(), deadline)),
                () -> postOnce(runId, Channels.Channel.SLACK, deadline, () -> channels.postSlack(posting.slackPayload(), deadline)));
        reportChatMigrations(runId, deadline);
        if (delivery.anyNotStarted()) {
            ledger.releaseClaim(runId);
            LOG.warn("run {} summary not finished in this invocation (telegram={}, slack={}); the next one posts the rest",
                    runId, PostResult.describe(delivery.telegram()), PostResult.describe(delivery.slack()));
            return;
        }
        ledger.recordSummary(runId, clock.instant(), summary.complete(), summary.line());
        metrics.runSummarized(runId, composer.figures(last, late), summary.complete(), summary.duration(), delivery);
        if (delivery.anyPosted()) {
            LOG.info("run {} summary ({}): telegram={} slack={} :: {}", runId, summary.complete() ? "complete" : "incomplete",
                    PostResult.describe(delivery.telegram()), PostResult.describe(delivery.slack()), summary.line());
        } else {
            LOG.error("run {} summary posted nowhere for sure: telegram={} slack={} :: {}", runId,
                    PostResult.describe(delivery.telegram()), PostResult.describe(delivery.slack()), summary.line());
        }
        alertOnDeadLetters(runId, deadLetters, deadline);
    }

    /** The delivery results this summary takes; never in the way of the summary itself (they wait for the next one). */
    private DeliveryCounts deliveryResults(String runId) {
        try {
            return deliveries.take(runId);
        } catch (RuntimeException e) {
            LOG.warn("run {}: delivery results not taken, the next summary reports them: {}", runId, SqsBatchRunner.describe(e));
            return deliveries.takenOrNone(runId);
        }
    }

    /**
     * One channel's post of a summary, at most once: a channel settled before (or left mid-post by a dead
     * notifier) is reported as it was, never posted again; a post starts only after its mark landed, and
     * only when a whole attempt fits in the invocation's remaining time.
     */
    private PostResult postOnce(String runId, Channels.Channel channel, InvocationDeadline deadline, Supplier<PostResult> post) {
        Optional<PostResult> earlier = posts.earlierPost(runId, channel);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (!channels.canStart(channel, deadline)) {
            return new PostResult.NotStarted(channel + ": no time left in this invocation");
        }
        earlier = posts.beginPost(runId, channel, clock.instant());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PostResult result = post.get();
        posts.endPost(runId, channel, result);
        return result;
    }

    /** Telegram moved the owners' group: the posts follow it in this instance; the operator must fix the secret. */
    private void reportChatMigrations(String runId, InvocationDeadline deadline) {
        for (TelegramClient.ChatMigration m : channels.takeChatMigrations()) {
            alert(Alert.of(runId, AlertCause.TELEGRAM_CHAT_MIGRATED, "telegram", "Telegram group chat " + m.from()
                    + " was upgraded to a supergroup with chat id " + m.to() + ". Posts go there until the notifier restarts: set"
                    + " chatId to " + m.to() + " in the secret " + channels.telegramSecretId() + ".", clock.instant()), deadline);
        }
    }

    private void alertOnDeadLetters(String runId, List<DlqInspector.DlqDepth> deadLetters, InvocationDeadline deadline) {
        for (DlqInspector.DlqDepth dlq : deadLetters) {
            alert(Alert.of(runId, AlertCause.DLQ_MESSAGES, dlq.stage(),
                    "DLQ of " + dlq.label() + " holds messages: inspect and replay them with the operator CLI", clock.instant()),
                    deadline);
        }
    }

    private void alert(Alert a, InvocationDeadline deadline) {
        Optional<AlertThrottle.Permit> permit = throttle.tryAcquire(a.cause(), a.subject(), clock.instant());
        if (permit.isEmpty()) {
            LOG.info("alert {} for '{}' throttled", a.cause(), a.subject());
            metrics.alertThrottled(a.cause());
            return;
        }
        AlertText text = AlertText.of(a, permit.get().suppressed());
        Channels.Delivery d = channels.post(List.of(text.telegramHtml()), Map.of("text", text.slackMarkdown()), deadline);
        metrics.alertPosted(a.cause(), d);
        if (!d.anyMayHaveArrived()) {
            throttle.release(permit.get());
            LOG.error("alert {} posted nowhere: telegram={} slack={}", text.plain(), PostResult.describe(d.telegram()),
                    PostResult.describe(d.slack()));
        } else {
            LOG.info("alert {} posted: telegram={} slack={}", text.plain(), PostResult.describe(d.telegram()),
                    PostResult.describe(d.slack()));
        }
        if (a.cause() != AlertCause.TELEGRAM_CHAT_MIGRATED) {
            reportChatMigrations(a.runId(), deadline);
        }
    }
}
