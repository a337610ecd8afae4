package dev.placenotify.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.session.NaverSession.SessionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RenewalDecisionTest {
    private static final RenewalPolicy POLICY = new RenewalPolicy(3, Duration.ofMinutes(1), Duration.ofMinutes(30),
            Duration.ofSeconds(150));
    private static final Instant T0 = Instant.parse("2025-10-22T05:00:00Z");

    private static NaverSession expired(LoginAttempts attempts) {
        return new NaverSession("a", "aut", "ses", SessionStatus.EXPIRED, T0, 7, null, null, attempts);
    }

    @Test
    void anExpiredSessionWithoutHistoryIsRenewedAndTheAttemptCounted() {
        RenewalDecision d = RenewalDecision.decide(Optional.of(expired(LoginAttempts.NONE)), false, T0, POLICY);
        assertThat(d).isEqualTo(new RenewalDecision.Proceed(new LoginAttempts(java.util.List.of(T0), 0, null)));
    }

    @Test
    void aValidSessionNeedsNoLoginUnlessForced() {
        NaverSession valid = new NaverSession("a", "aut", "ses", SessionStatus.VALID, T0, 3);
        assertThat(RenewalDecision.decide(Optional.of(valid), false, T0, POLICY)).isInstanceOf(RenewalDecision.NotNeeded.class);
        assertThat(RenewalDecision.decide(Optional.of(valid), true, T0, POLICY)).isInstanceOf(RenewalDecision.Proceed.class);
    }

    @Test
    void aBlockStopsEvenAForcedLoginAndALeaseStopsOthers() {
        NaverSession blocked = new NaverSession("a", null, null, SessionStatus.EXPIRED, T0, 3, null, "CAPTCHA: …", null);
        assertThat(RenewalDecision.decide(Optional.of(blocked), true, T0, POLICY))
                .isEqualTo(new RenewalDecision.Blocked("CAPTCHA: …"));
        NaverSession leased = new NaverSession("a", null, null, SessionStatus.EXPIRED, T0, 3, T0.plusSeconds(10), null, null);
        assertThat(RenewalDecision.decide(Optional.of(leased), false, T0, POLICY)).isInstanceOf(RenewalDecision.InProgress.class);
        assertThat(RenewalDecision.decide(Optional.of(leased), false, T0.plusSeconds(10), POLICY))
                .as("a dead renewer's lease runs out").isInstanceOf(RenewalDecision.Proceed.class);
    }

    @Test
    void backOffDoublesAfterEachFailureUpToItsMaximum() {
        assertThat(POLICY.backoffAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(POLICY.backoffAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(POLICY.backoffAfter(5)).isEqualTo(Duration.ofMinutes(16));
        assertThat(POLICY.backoffAfter(40)).isEqualTo(Duration.ofMinutes(30));

        LoginAttempts failedOnce = LoginAttempts.NONE.counted(T0).failed(T0, POLICY);
        assertThat(RenewalDecision.decide(Optional.of(expired(failedOnce)), false, T0.plusSeconds(59), POLICY))
                .isInstanceOf(RenewalDecision.Waiting.class);
        assertThat(RenewalDecision.decide(Optional.of(expired(failedOnce)), false, T0.plusSeconds(60), POLICY))
                .isInstanceOf(RenewalDecision.Proceed.class);
        assertThat(RenewalDecision.decide(Optional.of(expired(failedOnce)), true, T0.plusSeconds(1), POLICY))
                .as("an operator's renew does not wait for the back-off").isInstanceOf(RenewalDecision.Proceed.class);
    }

    @Test
    void theHoursLastFailedAttemptWaitsUntilTheOldestLeavesTheHour() {
        LoginAttempts third = new LoginAttempts(List.of(T0, T0.plusSeconds(300), T0.plusSeconds(600)), 2, null)
                .failed(T0.plusSeconds(600), POLICY);
        assertThat(third.notBefore()).isEqualTo(T0.plus(LoginAttempts.WINDOW));
        NaverSession s = expired(new LoginAttempts(third.recent(), 0, null));
        assertThat(RenewalDecision.decide(Optional.of(s), false, T0.plus(LoginAttempts.WINDOW).minusSeconds(1), POLICY))
                .isInstanceOf(RenewalDecision.Waiting.class);
        assertThat(RenewalDecision.decide(Optional.of(s), false, T0.plus(LoginAttempts.WINDOW), POLICY))
                .isInstanceOf(RenewalDecision.Proceed.class);
    }

    /** One event in an account's life: a request arriving, and if a login ran, how it ended. */
    record Event(long secondsLater, boolean loginFails) {}

    @Provide
    Arbitrary<List<Event>> histories() {
        return Arbitraries.longs().between(0, 900).flatMap(gap -> Arbitraries.of(true, false)
                .map(fails -> new Event(gap, fails))).list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 300)
    void neverMoreThanTheBudgetOfLoginsInAnyHourNorOneBeforeItsBackOff(@ForAll("histories") List<Event> history) {
        // Requests arrive at any pace (every fetch of every store may ask); logins succeed or fail at random, and
        // every success is followed by the session expiring again at once, the worst case.
        NaverSession session = expired(LoginAttempts.NONE);
        Instant now = T0;
        List<Instant> logins = new ArrayList<>();
        for (Event e : history) {
            now = now.plusSeconds(e.secondsLater());
            if (RenewalDecision.decide(Optional.of(session), false, now, POLICY) instanceof RenewalDecision.Proceed p) {
                assertThat(session.attempts().notBefore() == null || !now.isBefore(session.attempts().notBefore()))
                        .as("no login before the back-off ends").isTrue();
                logins.add(now);
                LoginAttempts after = e.loginFails() ? p.attempts().failed(now, POLICY) : p.attempts().succeeded();
                session = expired(after);
            }
        }
        for (Instant start : logins) {
            long inHour = logins.stream().filter(t -> !t.isBefore(start) && t.isBefore(start.plus(LoginAttempts.WINDOW))).count();
            assertThat(inHour).as("logins in the hour from " + start).isLessThanOrEqualTo(POLICY.maxAttemptsPerHour());
        }
    }
}
