package dev.placenotify.renewal;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.session.LoginAttempts;
import dev.placenotify.session.NaverSession;
import dev.placenotify.session.RenewalDecision;
import dev.placenotify.session.RenewalPolicy;
import dev.placenotify.session.SessionStore;
import dev.placenotify.shell.QueuePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One renewal request: decide whether a login may start (blocked, in progress, backing off, budget spent, not
 * needed), claim it on the session version, log in, and store the cookies with the next version. A login that
 * needs a person blocks automated login on the item and alerts {@code LOGIN_NEEDS_HUMAN} once; a transient failure
 * gives the claim back with a back-off and fails the delivery, so SQS tries again after the queue's visibility
 * timeout (and the DLQ takes the request after its max receives).
 */
public final class SessionRenewer {
    private static final Logger LOG = LoggerFactory.getLogger(SessionRenewer.class);

    private final SessionStore sessions;
    private final AccountLogin login;
    private final Supplier<LoginCredentials> credentials;
    private final QueuePublisher results;
    private final RenewalPolicy policy;
    private final int maxReceives;
    private final Clock clock;

    public SessionRenewer(SessionStore sessions, AccountLogin login, Supplier<LoginCredentials> credentials,
                          QueuePublisher results, RenewalPolicy policy, int maxReceives, Clock clock) {
        this.sessions = sessions;
        this.login = login;
        this.credentials = credentials;
        this.results = results;
        this.policy = policy;
        this.maxReceives = maxReceives;
        this.clock = clock;
    }

    /** What became of one request (for logs and tests). */
    public enum Result { RENEWED, NOT_NEEDED, BLOCKED, IN_PROGRESS, WAITING, LOST_CLAIM, NEEDS_HUMAN, SUPERSEDED }

    public Result renew(RenewalRequest request, int receiveCount) {
        String account = request.accountId();
        Instant now = clock.instant();
        Optional<NaverSession> seen = sessions.find(account);
        RenewalDecision decision = RenewalDecision.decide(seen, request.forced(), now, policy);
        switch (decision) {
            case RenewalDecision.NotNeeded n -> {
                LOG.info("session of account {} is valid (version {}): no login needed", account, seen.get().version());
                return Result.NOT_NEEDED;
            }
            case RenewalDecision.Blocked b -> {
                LOG.info("automated login of account {} is stopped until a person acts: {}", account, b.reason());
                return Result.BLOCKED;
            }
            case RenewalDecision.InProgress p -> {
                LOG.info("session of account {} is being renewed by another request (claim until {})", account, p.leaseUntil());
                return Result.IN_PROGRESS;
            }
            case RenewalDecision.Waiting w -> {
                LOG.info("automated login of account {} waits until {}: {}", account, w.until(), w.why());
                return Result.WAITING;
            }
            case RenewalDecision.Proceed p -> {
                return claimAndLogIn(request, seen, p.attempts(), receiveCount);
            }
        }
    }

    private Result claimAndLogIn(RenewalRequest request, Optional<NaverSession> seen, LoginAttempts counted,
                                 int receiveCount) {
        String account = request.accountId();
        Instant now = clock.instant();
        OptionalLong claimed = sessions.claimRenewal(account, seen, UUID.randomUUID().toString(),
                now.plus(policy.lease()), counted);
        if (claimed.isEmpty()) {
            LOG.info("session of account {} changed before this renewal could claim it: left to the other writer", account);
            return Result.LOST_CLAIM;
        }
        long version = claimed.getAsLong();
        LOG.info("renewing the Naver session of account {} (requested by {}{}, attempt {} of {} this hour)", account,
                request.requestedBy(), request.forced() ? ", forced" : "", counted.withinHourOf(now).size(), policy.maxAttemptsPerHour());
        LoginCredentials creds;
        try {
            creds = credentials.get();
        } catch (RuntimeException e) {
            return needsHuman(request, version, LoginProblem.NO_CREDENTIALS, e.getMessage());
        }
        LoginOutcome outcome = login.logIn(creds);
        Instant done = clock.instant();
        return switch (outcome) {
            case LoginOutcome.LoggedIn in -> {
                if (sessions.storeRenewed(account, in.nidAut(), in.nidSes(), version, done, "session-renewal",
                        counted.succeeded())) {
                    LOG.info("session of account {} renewed by browser login: stored as version {}", account, version + 1);
                    yield Result.RENEWED;
                }
                LOG.warn("session of account {} changed during the login (an operator import?): the stored one stands",
                        account);
                yield Result.SUPERSEDED;
            }
            case LoginOutcome.NeedsHuman h -> needsHuman(request, version, h.problem(), h.detail());
            case LoginOutcome.Failed f -> {
                LoginAttempts after = counted.failed(done, policy);
                sessions.releaseClaim(account, version, after, f.reason());
                boolean spent = after.withinHourOf(done).size() >= policy.maxAttemptsPerHour();
                LOG.warn("browser login of account {} failed ({}); next attempt not before {}", account, f.reason(),
                        after.notBefore());
                if (spent || receiveCount >= maxReceives) {
                    results.publish(Alert.of(request.runId(), AlertCause.SESSION_EXPIRED, account, "automated login of"
                            + " account " + account + " failed " + after.failuresInRow() + " time(s) in a row (last: "
                            + f.reason() + "); next attempt not before " + after.notBefore() + ". To fetch sooner, import"
                            + " cookies ('./operator session import --account " + account + " --cookies FILE')", done));
                }
                throw new LoginFailedException("browser login of account " + account + " failed: " + f.reason());
            }
        };
    }

    private Result needsHuman(RenewalRequest request, long version, LoginProblem problem, String detail) {
        String account = request.accountId();
        Instant now = clock.instant();
        String reason = problem.name() + ": " + problem.what() + " (" + detail + ")";
        if (!sessions.blockLogin(account, version, reason, now)) {
            LOG.warn("session of account {} changed during the login; not blocking: {}", account, reason);
            return Result.SUPERSEDED;
        }
        LOG.warn("automated login of account {} stopped: {}", account, reason);
        results.publish(Alert.of(request.runId(), AlertCause.LOGIN_NEEDS_HUMAN, account, "automated Naver login of account "
                + account + " stopped: " + problem.what() + " (" + detail + "). To do: " + problem.whatToDo(account)
                + ". No further login is tried for this account until then.", now));
        return Result.NEEDS_HUMAN;
    }

    /** A transient login failure: the delivery fails and SQS tries again later. */
    public static final class LoginFailedException extends RuntimeException {
        public LoginFailedException(String message) {
            super(message);
        }
    }
}
