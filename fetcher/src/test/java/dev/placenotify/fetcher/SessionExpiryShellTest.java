package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.session.LoginAttempts;
import dev.placenotify.session.NaverSession;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.ExpiredSessionStyle;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Naver session found expired, as the fetch shell sees it (docs/fetcher.md "Sessions"): the session item is
 * marked, the renewal strategy is asked (operator import: an alert; automated renewal: a request on the renewal
 * queue and no alert), the store's fetch is handed back to SQS with no snapshot, and its redelivery uses whatever
 * cookies the item holds by then. The session-renewal function does not run here: where a test needs its effect,
 * it writes the session item the way that function does ({@code SessionStore}); the browser login itself is
 * local's {@code BrowserSessionRenewalIntegrationTest}.
 */
@ExtendWith(LocalAwsExtension.class)
class SessionExpiryShellTest {
    private static final String ALPHA_1 = "4100001";
    private static final String ALPHA_2 = "4100002";
    private static final String BETA = "4200001";
    private static final String KAPPA = "4500001";

    @Test
    void anExpiredSessionFailsOnlyItsAccountsStoresWithAnAlertAndPublishesNothingOfThem(LocalAws aws) {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put(ALPHA_1, "alpha");
        accounts.put(ALPHA_2, "alpha");
        accounts.put(BETA, "beta");
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fexpired", FetcherShellRig.storesFile(accounts))) {
            var naver = rig.naver;
            naver.acceptSession("alpha-aut", "alpha-ses");
            rig.world.importSession("alpha", "alpha-aut", "alpha-ses");
            rig.world.importSession("beta", "beta-aut", "beta-ses"); // Naver no longer accepts these
            naver.setExpiredSessionStyle(ExpiredSessionStyle.REDIRECT_TO_LOGIN);
            for (String store : List.of(ALPHA_1, ALPHA_2, BETA)) {
                naver.setBookings(store, bookings(store, Long.parseLong(store) * 10, 3, "RC03"));
            }
            String runId = rig.tick(CYCLE);

            rig.deliverUntilSettled();

            // The failing store's message went to the DLQ after the queue's max receives...
            assertThat(rig.fetchDeadLetters()).singleElement()
                    .satisfies(m -> assertThat(MessageCodec.decode(m.body(), FetchRequest.class).storeId()).isEqualTo(BETA));
            // ...having reported StoreFetchFailed once, on its last delivery.
            assertThat(rig.results(StoreFetchFailed.class)).singleElement().satisfies(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.storeId()).isEqualTo(BETA);
                assertThat(f.reason()).contains("session").contains("beta");
            });
            // The notifier is alerted, scoped to the account, with what to do (operator import: no renewal queue).
            assertThat(rig.results(Alert.class)).isNotEmpty().allSatisfy(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.SESSION_EXPIRED);
                assertThat(a.subject()).isEqualTo("beta");
                assertThat(a.detail()).contains(BETA).contains("session import");
            });
            assertThat(rig.renewalRequests()).isEmpty();
            // The session is marked expired; the other account's is untouched and was used.
            assertThat(rig.sessionItem("beta").get("status").s()).isEqualTo("EXPIRED");
            assertThat(rig.sessionItem("beta")).containsKey("expiredAt");
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            // Every request for the failing store carried the dead cookies; the expiry was detected, not retried in-process.
            assertThat(naver.requestsFor(BETA)).isNotEmpty().allSatisfy(r -> {
                assertThat(r.sessionValid()).isFalse();
                assertThat(r.nidAut()).isEqualTo("beta-aut");
            });
            // The other account's stores were fetched; the failing store published no snapshot, so its state is untouched.
            assertThat(rig.results(StoreFetched.class)).extracting(StoreFetched::storeId)
                    .containsExactlyInAnyOrder(ALPHA_1, ALPHA_2);
            assertThat(rig.snapshots(ALPHA_1)).hasSize(1);
            assertThat(rig.snapshots(ALPHA_2)).hasSize(1);
            assertThat(rig.snapshots(BETA)).isEmpty();
        }
    }

    @Test
    void withAutomatedRenewalAnExpiredSessionIsSentForRenewalWithoutAnAlertAndTheRedeliveryUsesTheRenewedCookies(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.startWithRenewal(aws, "frenew",
                FetcherShellRig.storesFile(Map.of(KAPPA, "kappa")))) {
            var naver = rig.naver;
            rig.world.importSession("kappa", "old-aut", "old-ses"); // Naver no longer accepts these
            naver.setBookings(KAPPA, bookings(KAPPA, 45_000, 4, "RC03"));
            String runId = rig.tick(CYCLE);

            FetcherShellRig.Delivery first = rig.deliverNext();

            // Handed back to SQS: the fetcher does not wait for a login.
            assertThat(first.allAcknowledged()).isFalse();
            assertThat(rig.fetchQueueDepth()).isEqualTo(1);
            assertThat(rig.sessionItem("kappa").get("status").s()).isEqualTo("EXPIRED");
            assertThat(rig.renewalRequests()).singleElement().satisfies(r -> {
                assertThat(r.runId()).isEqualTo(runId);
                assertThat(r.accountId()).isEqualTo("kappa");
                assertThat(r.requestedBy()).isEqualTo("fetcher");
                assertThat(r.forced()).isFalse();
                assertThat(r.requestedAt()).isBetween(CYCLE, rig.clock.instant());
            });
            assertThat(rig.results(Alert.class)).as("nothing needs a person yet").isEmpty();
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.snapshots()).isEmpty();

            // What the session-renewal function does once its browser logged in: claim, then store the new cookies.
            naver.acceptSession("new-aut", "new-ses");
            NaverSession expired = rig.sessions().find("kappa").orElseThrow();
            Instant now = rig.clock.instant();
            long claimed = rig.sessions().claimRenewal("kappa", Optional.of(expired), "session-renewal",
                    now.plusSeconds(150), expired.attempts().counted(now)).orElseThrow();
            assertThat(rig.sessions().storeRenewed("kappa", "new-aut", "new-ses", claimed, now, "session-renewal",
                    expired.attempts().counted(now).succeeded())).isTrue();
            int requestsBefore = naver.requestsFor(KAPPA).size();
            rig.endVisibilityTimeout(first);

            FetcherShellRig.Delivery second = rig.deliverNext();

            assertThat(second.receiveCount()).isEqualTo(2);
            assertThat(second.allAcknowledged()).isTrue();
            List<BookingListRequest> retried = naver.requestsFor(KAPPA).subList(requestsBefore, naver.requestsFor(KAPPA).size());
            assertThat(retried).isNotEmpty().allSatisfy(r -> {
                assertThat(r.nidAut()).isEqualTo("new-aut");
                assertThat(r.sessionValid()).isTrue();
            });
            assertThat(rig.results(StoreFetched.class)).singleElement()
                    .satisfies(f -> assertThat(f.bookingsByStatus()).isEqualTo(Map.of("RC03", 4)));
            assertThat(rig.snapshots(KAPPA)).hasSize(1);
            assertThat(rig.renewalRequests()).as("no second request once renewed").hasSize(1);
            assertThat(rig.results(Alert.class)).isEmpty();
            assertThat(rig.fetchDeadLetters()).isEmpty();
        }
    }

    /**
     * docs/fetcher.md: no request while the item shows the login in progress (an unexpired lease), backing off
     * ({@code loginNotBefore} ahead) or stopped ({@code loginBlocked}), and no alert: the renewal function alerts
     * when it stops. Each delivery is handed back; the last one reports why.
     */
    @Test
    void whileALoginIsInProgressBackingOffOrStoppedTheFetcherAsksForNoRenewalAndRaisesNoAlert(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.startWithRenewal(aws, "fpending",
                FetcherShellRig.storesFile(Map.of(KAPPA, "lambda")))) {
            rig.world.importSession("lambda", "old-aut", "old-ses");
            NaverSession seen = rig.sessions().find("lambda").orElseThrow();
            assertThat(rig.sessions().markExpired(seen, CYCLE)).isTrue();
            rig.naver.setBookings(KAPPA, bookings(KAPPA, 46_000, 2, "RC03"));
            String runId = rig.tick(CYCLE);

            // Delivery 1: a renewal function holds the claim.
            NaverSession expired = rig.sessions().find("lambda").orElseThrow();
            Instant now = rig.clock.instant();
            long claimed = rig.sessions().claimRenewal("lambda", Optional.of(expired), "session-renewal",
                    now.plusSeconds(150), expired.attempts().counted(now)).orElseThrow();
            FetcherShellRig.Delivery delivery = rig.deliverNext();
            assertThat(delivery.allAcknowledged()).isFalse();

            // Delivery 2: that login failed for a while; the next may start in a minute.
            LoginAttempts failedOnce = new LoginAttempts(List.of(now), 1, now.plus(Duration.ofMinutes(1)));
            assertThat(rig.sessions().releaseClaim("lambda", claimed, failedOnce, "error page")).isTrue();
            rig.endVisibilityTimeout(delivery);
            delivery = rig.deliverNext();
            assertThat(delivery.allAcknowledged()).isFalse();

            // Delivery 3, the last: a captcha stopped automated login.
            NaverSession backingOff = rig.sessions().find("lambda").orElseThrow();
            long reclaimed = rig.sessions().claimRenewal("lambda", Optional.of(backingOff), "session-renewal",
                    rig.clock.instant().plusSeconds(150), backingOff.attempts()).orElseThrow();
            assertThat(rig.sessions().blockLogin("lambda", reclaimed, "CAPTCHA: Naver showed a captcha", rig.clock.instant()))
                    .isTrue();
            rig.endVisibilityTimeout(delivery);
            delivery = rig.deliverNext();
            assertThat(delivery.receiveCount()).isEqualTo(3);
            assertThat(delivery.allAcknowledged()).isFalse();

            assertThat(rig.renewalRequests()).isEmpty();
            assertThat(rig.results(Alert.class)).isEmpty();
            assertThat(rig.naver.requestsFor(KAPPA)).as("no fetch with cookies known to be expired").isEmpty();
            assertThat(rig.snapshots()).isEmpty();
            assertThat(rig.results(StoreFetchFailed.class)).singleElement().satisfies(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.storeId()).isEqualTo(KAPPA);
                assertThat(f.reason()).contains("automated login is stopped: CAPTCHA: Naver showed a captcha")
                        .contains("session import --account lambda");
            });
        }
    }
}
