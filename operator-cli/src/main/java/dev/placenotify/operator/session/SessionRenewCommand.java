package dev.placenotify.operator.session;

import dev.placenotify.model.RenewalRequest;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.session.NaverSession;
import dev.placenotify.session.SessionStore;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Asks the session-renewal function to log an account in now, in its headless browser: after the cause of a stop
 * was fixed (a new password in the login secret, a device approved), or to test the automated login. A blocked
 * account is unblocked first (after confirmation). The request is forced: it logs in even when the stored session
 * looks valid, and does not wait for a back-off; the hourly budget still counts the attempt. Waits for the outcome.
 */
@Command(name = "renew", description = "log the account in again now with the session-renewal function's headless browser")
public final class SessionRenewCommand extends OperatorCommand {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'o'yyyyMMdd'T'HHmmss").withZone(dev.placenotify.model.Messages.KST);

    @Option(names = "--account", required = true, description = "Naver partner account id (stores.json accountId)")
    String accountId;

    @Option(names = "--wait", defaultValue = "150", paramLabel = "SECONDS",
            description = "how long to wait for the login's outcome (default ${DEFAULT-VALUE}; 0 = do not wait)")
    int waitSeconds;

    @Override
    protected int run(OperatorContext ctx) throws InterruptedException {
        SessionStore sessions = new SessionStore(ctx.dynamo(), ctx.target().table(Topology.SESSIONS));
        Optional<NaverSession> seen = sessions.find(accountId);
        if (seen.isPresent() && seen.get().loginBlocked() != null) {
            ctx.out().println("automated login of account " + accountId + " is stopped: " + seen.get().loginBlocked());
            ctx.confirm("Was the cause fixed? Clear the stop and log in again");
            seen = unblock(ctx, sessions, seen.get());
        }
        long startVersion = seen.map(NaverSession::version).orElse(0L);
        Instant now = ctx.clock().instant();
        String runId = RUN_ID.format(now);
        new QueuePublisher(ctx.sqs(), ctx.target().queueUrl(Topology.RENEWAL))
                .publish(RenewalRequest.of(runId, accountId, "operator:" + ctx.operatorName(), true, now));
        ctx.out().println("renewal of account " + accountId + " requested (run id: " + runId + ")");
        if (waitSeconds <= 0) {
            return OK;
        }
        return awaitOutcome(ctx, startVersion, Duration.ofSeconds(waitSeconds));
    }

    private Optional<NaverSession> unblock(OperatorContext ctx, SessionStore sessions, NaverSession blocked) {
        NaverSession current = blocked;
        for (int attempt = 0; attempt < 3; attempt++) {
            if (sessions.clearBlock(current, ctx.clock().instant(), ctx.operatorName())) {
                ctx.out().println("stop cleared by " + ctx.operatorName());
                return sessions.find(accountId);
            }
            current = sessions.find(accountId).orElseThrow();
            if (current.loginBlocked() == null) {
                return Optional.of(current); // someone imported or unblocked meanwhile
            }
        }
        throw new OperatorException("the session of account " + accountId + " kept changing; run the command again");
    }

    /** A claim writes version + 1; the login's end (stored, stopped or given back) writes + 2 and drops the lease. */
    private int awaitOutcome(OperatorContext ctx, long startVersion, Duration wait) throws InterruptedException {
        SessionItems items = SessionCommand.items(ctx);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SessionView> v = items.find(accountId).map(SessionItems.Stored::view);
            if (v.isPresent() && v.get().version() >= startVersion + 2 && v.get().renewalLeaseUntil() == null) {
                SessionView done = v.get();
                if (done.loginBlocked() != null) {
                    ctx.out().println("login stopped: " + done.loginBlocked());
                    ctx.out().println("the alert on Telegram/Slack says what to do; 'session import' always works");
                    return FAILED;
                }
                if ("VALID".equals(done.status()) && done.loginFailures() == 0) {
                    ctx.out().println("session of account " + accountId + " renewed: VALID, version " + done.version()
                            + ", validated " + Kst.minutes(done.validatedAt()) + " by " + done.renewedBy());
                    return OK;
                }
                ctx.out().println("login failed (" + done.lastLoginError() + "); the renewal function tries again after"
                        + " its back-off, or import cookies with 'session import'");
                return FAILED;
            }
            Thread.sleep(500);
        }
        ctx.out().println("no outcome within " + wait.toSeconds() + " s; see 'session check --account " + accountId + "'");
        return FAILED;
    }
}
