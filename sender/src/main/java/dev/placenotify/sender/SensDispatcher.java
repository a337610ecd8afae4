package dev.placenotify.sender;

import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one planned SENS request and settles its jobs by the answer. The claims are marked SENDING
 * just before the request is written; only what SENS certainly did not act on (429, 503, no
 * connection) is retried, with exponential back-off and equal jitter, honouring {@code Retry-After},
 * within {@code SENS_MAX_ATTEMPTS} and the invocation's send-by deadline (no call starts unless it can
 * time out before it); every job's window is checked again before every attempt; a 401 re-reads the
 * secret once; a 400 for several jobs is answered by sending each alone.
 */
final class SensDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SensDispatcher.class);

    private final SensClient sens;
    private final SensCredentialsSource credentials;
    private final SenderConfig config;
    private final Clock clock;
    private final Claims claims;
    private final Parallel tasks;
    private final Parallel sensSlots;

    /**
     * @param tasks     runs the one-by-one requests after a 400 in parallel
     * @param sensSlots bounds the SENS calls in flight
     */
    SensDispatcher(SensClient sens, SensCredentialsSource credentials, SenderConfig config, Clock clock, Claims claims,
                   Parallel tasks, Parallel sensSlots) {
        this.sens = sens;
        this.credentials = credentials;
        this.config = config;
        this.clock = clock;
        this.claims = claims;
        this.tasks = tasks;
        this.sensSlots = sensSlots;
    }

    void dispatch(PlannedRequest request, Invocation inv) {
        List<ReceivedMessage<SmsJob>> marked = claims.markSending(request.jobs(), inv);
        if (!marked.isEmpty()) {
            sendAndSettle(request.with(marked), inv);
        }
    }

    /** Sends a request whose claims are marked SENDING, and settles or gives back each of its jobs. */
    private void sendAndSettle(PlannedRequest request, Invocation inv) {
        Attempts attempts = sendWithRetry(request, inv);
        List<ReceivedMessage<SmsJob>> jobs = attempts.jobs();
        SensResult result = attempts.result();
        if (jobs.isEmpty()) {
            return;
        }
        if (result instanceof SensResult.Rejected r && r.status() == 400 && jobs.size() > 1) {
            // SENS refused the whole request and sent none of it: send each job alone so one bad job
            // fails alone instead of taking its request-mates with it.
            LOG.warn("SENS refused a request of {} messages ({}); sending them one by one", jobs.size(), r.reason());
            tasks.forEach(jobs, m -> sendAndSettle(request.with(List.of(m)), inv));
            return;
        }
        switch (result) {
            case SensResult.Accepted a -> LOG.info("SENS accepted {} {} {}/{} from {} as {}", jobs.size(),
                    jobs.size() == 1 ? "message" : "messages", request.type(), request.contentType(), request.from(), a.requestId());
            case SensResult.CredentialsRejected c -> inv.batch().alert(jobs.get(0).body().runId(),
                    AlertCause.SENS_CREDENTIALS_REJECTED, "sens", "SENS refused the credentials, also after re-reading the secret ("
                            + c.reason() + "): update the SENS secret");
            case SensResult.Unknown u -> inv.batch().alert(jobs.get(0).body().runId(), AlertCause.UNKNOWN_SEND, "sens",
                    jobs.size() + " SMS may or may not have been sent (" + u.reason()
                            + "); they are not sent again automatically: check and resolve with 'sends unknown' / 'sends resend'");
            default -> { }
        }
        if (result instanceof SensResult.Transient t) {
            // Nothing was sent. A job that can no longer go is settled now rather than handed back.
            claims.giveBack(stillOpen(jobs, inv), m -> inv.batch().giveBack(m, t.reason()));
            return;
        }
        List<Settlement> settled = new ArrayList<>(jobs.size());
        for (ReceivedMessage<SmsJob> m : jobs) {
            settled.add(switch (result) {
                case SensResult.Accepted a -> new Settlement(m, OutcomeStatus.SENT, a.requestId(), null);
                case SensResult.Rejected r -> new Settlement(m, OutcomeStatus.FAILED, null, r.reason());
                case SensResult.CredentialsRejected c -> new Settlement(m, OutcomeStatus.FAILED, null, c.reason());
                case SensResult.Unknown u -> new Settlement(m, OutcomeStatus.UNKNOWN, null, u.reason());
                case SensResult.Transient t -> throw new IllegalStateException("handled above");
            });
        }
        claims.settleAll(settled, inv);
    }

    /** The last answer SENS gave, and the jobs of the request it answered (those still open by then). */
    private record Attempts(SensResult result, List<ReceivedMessage<SmsJob>> jobs) {}

    /**
     * Retries only what SENS certainly did not act on, within {@code maxAttempts} and the send-by
     * deadline: no attempt starts unless it can time out before it. Before every attempt, jobs that
     * may no longer leave (past notAfter, an advertisement now in quiet hours) are settled and left
     * out: every earlier attempt was refused (429, 503, 401), so none of them was sent. A 401 re-reads
     * the secret once (the keys may have been rotated) and does not count as an attempt.
     */
    private Attempts sendWithRetry(PlannedRequest request, Invocation inv) {
        List<ReceivedMessage<SmsJob>> jobs = request.jobs();
        SensCredentials creds;
        try {
            creds = credentials.current();
        } catch (RuntimeException e) {
            return new Attempts(new SensResult.Transient("cannot read the SENS credentials: " + e.getMessage()), jobs);
        }
        boolean refreshed = false;
        SensResult result = null;
        int attempt = 0;
        while (true) {
            jobs = stillOpen(jobs, inv);
            if (jobs.isEmpty()) {
                return new Attempts(result, jobs);
            }
            SensResult answer = call(request.with(jobs).toSens(), creds, inv.sendBy());
            if (answer == null) {
                return new Attempts(result instanceof SensResult.Transient ? result
                        : new SensResult.Transient("not enough time left in this invocation for a SENS call"), jobs);
            }
            result = answer;
            attempt++;
            if (!(result instanceof SensResult.Accepted)) {
                inv.batch().sensFailure();
            }
            if (result instanceof SensResult.CredentialsRejected && !refreshed) {
                refreshed = true;
                attempt--; // a credential refresh is not a retry of SENS's availability
                try {
                    creds = credentials.refresh();
                } catch (RuntimeException e) {
                    // SENS refused the request, so nothing was sent: SQS may try again later.
                    return new Attempts(new SensResult.Transient("SENS refused the credentials and the secret cannot be re-read: "
                            + e.getMessage()), jobs);
                }
                continue;
            }
            if (!(result instanceof SensResult.Transient t) || attempt >= config.maxAttempts()) {
                return new Attempts(result, jobs);
            }
            Duration pause = backoff(config.backoffBase(), attempt, t.retryAfter());
            if (!inv.sendBy().allows(pause.plus(config.sensCallBudget()))) {
                return new Attempts(result, jobs);
            }
            sleep(pause);
        }
    }

    /** The jobs that may still leave now; the others are settled (EXPIRED or SKIPPED) and reported. */
    private List<ReceivedMessage<SmsJob>> stillOpen(List<ReceivedMessage<SmsJob>> jobs, Invocation inv) {
        DeliveryPlan.Open split = DeliveryPlan.stillOpen(jobs, clock.instant());
        claims.settleAll(split.closed(), inv);
        return split.open();
    }

    /** One SENS request in a free slot, or null when the deadline no longer allows one. */
    private SensResult call(SensRequest request, SensCredentials creds, Deadline sendBy) {
        return sensSlots.inSlot(() -> sendBy.allows(config.sensCallBudget()) ? sens.send(request, creds) : null);
    }

    /**
     * Exponential with "equal jitter": half the step ({@code base} x 2^(attempt-1)) fixed, half random;
     * never shorter than SENS's own hint ({@code retryAfter}, or null).
     */
    static Duration backoff(Duration base, int attempt, Duration retryAfter) {
        long step = base.toMillis() * (1L << Math.min(20, attempt - 1));
        Duration jittered = Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
