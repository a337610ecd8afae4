package dev.placenotify.local.fetcher;

import static dev.placenotify.local.fetcher.NaverFetchIntegrationTest.CYCLE;
import static dev.placenotify.local.fetcher.NaverFetchIntegrationTest.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.AutomatedLogin;
import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.fetcher.LoginCredentials;
import dev.placenotify.fetcher.NaverLoginClient;
import dev.placenotify.fetcher.NaverSession;
import dev.placenotify.fetcher.SessionStore;
import dev.placenotify.fetcher.SessionUnavailableException;
import dev.placenotify.local.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.local.LocalPipeline.Options;
import dev.placenotify.local.SimulatedClock;
import dev.placenotify.local.aws.LocalAws;
import dev.placenotify.local.sim.BookingListRequest;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.shell.Topology;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Automated login against a loopback login endpoint: concurrent fetchers of one account log in once, a
 * captcha stops it with an alert instead of a loop, and an operator import resumes it.
 */
@ExtendWith(LocalAwsExtension.class)
class SessionRenewalIntegrationTest {
    private static final String USER = "owner@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Options withLogin(String prefix, LoginSimulator login, Map<String, String> accountByStore) {
        String stage = LocalAwsExtension.uniqueStage(prefix);
        return Options.defaults(stage).withStores(FetcherRig.storesFile(accountByStore)).withEnv(Map.of(
                "NAVER_LOGIN_URL", login.url(),
                "NAVER_LOGIN_SECRET_ID", "place-notify/" + stage + "/naver-login",
                "NAVER_RENEWAL_WAIT_SECONDS", "15"));
    }

    private static void putLoginSecret(FetcherRig rig) {
        rig.pipeline.secrets.put(rig.pipeline.env().get("NAVER_LOGIN_SECRET_ID"),
                "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}");
    }

    @Test
    void twoFetchersThatFindOneSessionExpiredLogInOnceAndBothUseTheNewCookies(LocalAws aws) {
        try (LoginSimulator login = new LoginSimulator(USER, PASSWORD);
             FetcherRig rig = FetcherRig.start(aws, withLogin("frace", login, Map.of("5100001", "gamma", "5100002", "gamma")),
                     CYCLE)) {
            login.attach(rig.pipeline.naver).latency(Duration.ofSeconds(1));
            putLoginSecret(rig);
            var naver = rig.pipeline.naver;
            rig.pipeline.importSession("gamma", "old-aut", "old-ses");
            naver.setBookings("5100001", bookings("5100001", 51_000, 4, "RC03"));
            naver.setBookings("5100002", bookings("5100002", 52_000, 6, "RC03"));
            // Both stores' first requests are in flight together, so both see the session expire.
            naver.setLatency(Duration.ofMillis(300));

            rig.backfill("b-race", CYCLE, List.of("5100001", "5100002"), FetchQueries.scheduledWindow(CYCLE, 14),
                    FetchMode.SEED);

            List<StoreFetched> fetched = rig.await(StoreFetched.class, l -> l.size() >= 2, WAIT);
            assertThat(fetched).extracting(StoreFetched::storeId).containsExactlyInAnyOrder("5100001", "5100002");
            assertThat(fetched).extracting(f -> f.bookingsByStatus().get("RC03")).containsExactlyInAnyOrder(4, 6);
            // The race really happened: each store first tried the expired cookies...
            for (String store : List.of("5100001", "5100002")) {
                List<BookingListRequest> requests = naver.requestsFor(store).stream()
                        .sorted(Comparator.comparing(BookingListRequest::receivedAt)).toList();
                assertThat(requests.get(0).nidAut()).as(store).isEqualTo("old-aut");
                assertThat(requests.get(0).sessionValid()).isFalse();
                assertThat(requests.get(requests.size() - 1).nidAut()).as(store).isEqualTo("auto-aut-1");
                assertThat(requests.get(requests.size() - 1).sessionValid()).isTrue();
            }
            // ...and exactly one of them logged in, with the credentials from Secrets Manager.
            assertThat(login.logins()).isEqualTo(1);
            assertThat(login.usernames()).containsExactly(USER);
            var item = rig.sessionItem("gamma");
            assertThat(item.get("status").s()).isEqualTo("VALID");
            assertThat(item.get("nidAut").s()).isEqualTo("auto-aut-1");
            assertThat(item).doesNotContainKeys("renewalLeaseUntil", "loginBlocked");
            assertThat(rig.results(Alert.class)).isEmpty();
        }
    }

    @Test
    void aLoginThatDemandsACaptchaStopsWithOneAlertInsteadOfLoopingUntilAnOperatorImports(LocalAws aws) {
        try (LoginSimulator login = new LoginSimulator(USER, PASSWORD);
             FetcherRig rig = FetcherRig.start(aws, withLogin("fcaptcha", login, Map.of("5200001", "delta"))
                     .withVisibility(Duration.ofSeconds(1)), CYCLE)) {
            login.attach(rig.pipeline.naver).mode(LoginSimulator.Mode.CAPTCHA);
            putLoginSecret(rig);
            var naver = rig.pipeline.naver;
            rig.pipeline.importSession("delta", "stale-aut", "stale-ses");
            naver.setBookings("5200001", bookings("5200001", 53_000, 3, "RC03"));

            rig.backfill("b-captcha", CYCLE, List.of("5200001"), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            rig.await(StoreFetchFailed.class, l -> !l.isEmpty(), WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (rig.dlqDepth(Topology.FETCH) < 1 && System.nanoTime() < deadline) {
                FetcherRig.sleep(100);
            }
            assertThat(rig.dlqDepth(Topology.FETCH)).isEqualTo(1);
            // Three deliveries, one login attempt: the block recorded on the session item stops the others.
            assertThat(login.logins()).isEqualTo(1);
            assertThat(rig.sessionItem("delta").get("loginBlocked").s()).contains("captcha");
            List<Alert> alerts = rig.results(Alert.class);
            assertThat(alerts).isNotEmpty().allSatisfy(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.LOGIN_NEEDS_HUMAN);
                assertThat(a.subject()).isEqualTo("delta");
                assertThat(a.detail()).contains("captcha").contains("session import");
            });
            assertThat(rig.bookingStates("5200001")).isEmpty();

            // The operator logs in by hand and imports the cookies; the next fetch works and unblocks login.
            naver.acceptSession("human-aut", "human-ses");
            rig.sessions().importCookies("delta", "human-aut", "human-ses", CYCLE);
            rig.backfill("b-after-import", CYCLE, List.of("5200001"), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.runId()).isEqualTo("b-after-import");
            assertThat(login.logins()).isEqualTo(1);
            var item = rig.sessionItem("delta");
            assertThat(item.get("status").s()).isEqualTo("VALID");
            assertThat(item).doesNotContainKeys("loginBlocked", "expiredAt");
        }
    }

    @Test
    void eightRenewersRacingOnOneExpiredSessionItemProduceOneLogin(LocalAws aws) throws Exception {
        try (LoginSimulator login = new LoginSimulator(USER, PASSWORD);
             LocalPipeline p = LocalPipeline.start(aws, Options.defaults(LocalAwsExtension.uniqueStage("frenew")).withoutStages(),
                     new SimulatedClock(CYCLE))) {
            login.attach(p.naver).latency(Duration.ofMillis(500));
            SessionStore sessions = new SessionStore(p.aws().dynamo(), p.table(Topology.SESSIONS));
            sessions.importCookies("omega", "dead-aut", "dead-ses", CYCLE);
            NaverSession seen = sessions.find("omega").orElseThrow();
            assertThat(sessions.markExpired(seen, CYCLE)).isTrue();
            Optional<NaverSession> expired = sessions.find("omega");

            int renewers = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(renewers);
            List<Future<NaverSession>> results = new ArrayList<>();
            for (int i = 0; i < renewers; i++) {
                AutomatedLogin renewal = automatedLogin(sessions, login, p.clock(), Duration.ofSeconds(30));
                results.add(threads.submit(() -> {
                    start.await();
                    return renewal.renew("omega", expired);
                }));
            }
            start.countDown();
            List<NaverSession> renewed = new ArrayList<>();
            for (Future<NaverSession> f : results) {
                renewed.add(f.get());
            }
            threads.shutdown();

            assertThat(login.logins()).isEqualTo(1);
            assertThat(renewed).extracting(NaverSession::nidAut).containsOnly("auto-aut-1");
            assertThat(renewed).allSatisfy(s -> assertThat(s.valid()).isTrue());
            assertThat(sessions.find("omega").orElseThrow().nidAut()).isEqualTo("auto-aut-1");
        }
    }

    @Test
    void aRenewerThatDiedHoldingTheLeaseDelaysTheOthersOnlyUntilTheLeaseEnds(LocalAws aws) throws Exception {
        try (LoginSimulator login = new LoginSimulator(USER, PASSWORD);
             LocalPipeline p = LocalPipeline.start(aws, Options.defaults(LocalAwsExtension.uniqueStage("flease")).withoutStages(),
                     new SimulatedClock(CYCLE))) {
            login.attach(p.naver);
            SessionStore sessions = new SessionStore(p.aws().dynamo(), p.table(Topology.SESSIONS));
            Instant now = p.clock().instant();
            // A renewer claimed the (missing) session and vanished; its lease runs 2 s.
            assertThat(sessions.claimRenewal("sigma", Optional.empty(), "crashed", now, now.plusSeconds(2))).isPresent();
            NaverSession claimed = sessions.find("sigma").orElseThrow();
            assertThat(claimed.renewingAt(now)).isTrue();

            // A fetcher that will not wait that long gives up (SQS redelivers later)...
            AutomatedLogin impatient = automatedLogin(sessions, login, p.clock(), Duration.ofMillis(300));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> impatient.renew("sigma", Optional.of(claimed))))
                    .isInstanceOf(SessionUnavailableException.class).hasMessageContaining("another fetcher");
            assertThat(login.logins()).isZero();
            // ...one that waits takes the lease over when it ends, and logs in once.
            AutomatedLogin patient = automatedLogin(sessions, login, p.clock(), Duration.ofSeconds(10));
            NaverSession renewed = patient.renew("sigma", Optional.of(claimed));
            assertThat(renewed.nidAut()).isEqualTo("auto-aut-1");
            assertThat(login.logins()).isEqualTo(1);
        }
    }

    private static AutomatedLogin automatedLogin(SessionStore sessions, LoginSimulator login, java.time.Clock clock,
                                                 Duration waitForOther) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        Supplier<LoginCredentials> credentials = () -> new LoginCredentials(USER, PASSWORD);
        return new AutomatedLogin(sessions, new NaverLoginClient(http, URI.create(login.url()), Duration.ofSeconds(5)),
                credentials, clock, Duration.ofSeconds(30), waitForOther, Duration.ofMillis(50));
    }
}
