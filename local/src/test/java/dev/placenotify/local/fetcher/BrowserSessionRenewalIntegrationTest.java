package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.LocalWorld.Options;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.NaverLoginSimulator;
import dev.placenotify.testsupport.sim.NaverLoginSimulator.LoginPost;
import dev.placenotify.testsupport.sim.NaverLoginSimulator.Mode;
import dev.placenotify.testsupport.sim.SessionCheckRequest;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.RenewalRequest;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.operator.OperatorCli;
import dev.placenotify.operator.Terminal;
import dev.placenotify.session.NaverSession;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * Unattended renewal for real: the fetcher finds the session expired and asks for a renewal; the session-renewal
 * function's real code drives a real headless Chromium (Debian's chromium and chromedriver) through the login
 * simulator's pages; ElasticMQ, dynalite and the Naver simulator around it. What Naver can do to a robot (captcha,
 * second factor, wrong password, a changed page) stops it with one alert; concurrent requests log in once; the
 * credentials and cookies never reach a log.
 */
@ExtendWith(LocalAwsExtension.class)
class BrowserSessionRenewalIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void aBrowserIsInstalled() {
        // Fails, never skips: the build installs Debian's packages (.ci/ensure-browser.sh) when it can.
        for (Path p : List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"))) {
            assertThat(Files.isExecutable(p)).as("%s is missing: install Debian's 'chromium' and 'chromium-driver'"
                    + " (bash .ci/ensure-browser.sh as root); these tests need a real browser", p).isTrue();
        }
    }

    private static Options renewing(String prefix, Map<String, String> accountByStore) {
        return Options.defaults(LocalAwsExtension.uniqueEnvironment(prefix)).withStores(FetcherRig.storesFile(accountByStore))
                .withSessionRenewal();
    }

    @Test
    void anExpiredSessionIsRenewedInARealBrowserAndTheRetriedFetchUsesTheNewCookies(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rhappy", Map.of("5300001", "kappa", "5300002", "kappa"))
                .withVisibility(Duration.ofSeconds(6)), CYCLE).withRenewal()) {
            var naver = rig.pipeline.naver;
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            rig.pipeline.importSession("kappa", "old-aut", "old-ses"); // Naver no longer accepts these
            long before = rig.sessions().find("kappa").orElseThrow().version();
            naver.setBookings("5300001", bookings("5300001", 53_000, 4, "RC03"));
            naver.setBookings("5300002", bookings("5300002", 53_100, 6, "RC03"));

            rig.backfill("b-renew", CYCLE, List.of("5300001", "5300002"), FetchQueries.scheduledWindow(CYCLE, 14),
                    FetchMode.SEED);

            List<StoreFetched> fetched = rig.await(StoreFetched.class, l -> l.size() >= 2, WAIT);
            assertThat(fetched).extracting(StoreFetched::storeId).containsExactlyInAnyOrder("5300001", "5300002");
            assertThat(fetched).extracting(f -> f.bookingsByStatus().get("RC03")).containsExactlyInAnyOrder(4, 6);

            // One login, in a browser that ran the page's script (credentials encoded, visible fields blanked).
            assertThat(login.logins()).isEqualTo(1);
            assertThat(login.posts()).hasSize(1).allSatisfy(p -> {
                assertThat(p.encoded()).isTrue();
                assertThat(p.plainFieldsBlank()).isTrue();
                assertThat(p.username()).isEqualTo(LocalPipeline.NAVER_USER);
                assertThat(p.outcome()).isEqualTo("LOGGED_IN");
            });
            NaverSession renewed = rig.sessions().find("kappa").orElseThrow();
            assertThat(renewed.valid()).isTrue();
            assertThat(renewed.nidAut()).startsWith("renewed-aut-1-");
            assertThat(renewed.version()).isGreaterThan(before);
            assertThat(renewed.loginBlocked()).isNull();
            assertThat(renewed.renewalLeaseUntil()).isNull();
            assertThat(rig.sessionItem("kappa").get("renewedBy").s()).isEqualTo("session-renewal");
            // The browser verified the new cookies on the account page before they were stored.
            assertThat(naver.sessionChecks()).anySatisfy(c -> {
                assertThat(c.nidAut()).isEqualTo(renewed.nidAut());
                assertThat(c.sessionValid()).isTrue();
            });
            // Each store first met the expired cookies, then was fetched with the renewed ones.
            for (String store : List.of("5300001", "5300002")) {
                List<BookingListRequest> requests = naver.requestsFor(store).stream()
                        .sorted(Comparator.comparing(BookingListRequest::receivedAt)).toList();
                assertThat(requests.get(0).nidAut()).as(store).isEqualTo("old-aut");
                assertThat(requests.get(requests.size() - 1).nidAut()).as(store).isEqualTo(renewed.nidAut());
                assertThat(requests.get(requests.size() - 1).sessionValid()).isTrue();
            }
            assertThat(rig.results(Alert.class)).as("nobody needs waking for a renewal that worked").isEmpty();
            assertThat(rig.dlqDepth(Topology.FETCH)).isZero();
            assertThat(rig.dlqDepth(Topology.RENEWAL)).isZero();
        }
    }

    @Test
    void aCaptchaStopsRenewalWithOneAlertAndNoFurtherLoginsUntilAnOperatorImports(LocalAws aws) throws IOException {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rcaptcha", Map.of("5400001", "lambda"))
                .withVisibility(Duration.ofSeconds(1)), CYCLE).withRenewal()) {
            var naver = rig.pipeline.naver;
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            login.setMode(Mode.CAPTCHA);
            rig.pipeline.importSession("lambda", "stale-aut", "stale-ses");
            naver.setBookings("5400001", bookings("5400001", 54_000, 3, "RC03"));

            rig.backfill("b-captcha", CYCLE, List.of("5400001"), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            rig.await(Alert.class, l -> !l.isEmpty(), WAIT);
            rig.await(StoreFetchFailed.class, l -> !l.isEmpty(), WAIT);
            awaitTrue(() -> rig.dlqDepth(Topology.FETCH) == 1 && rig.depth(Topology.RENEWAL) == 0, "fetch in the DLQ");
            // Three deliveries of the fetch, one login attempt: the stop recorded on the item holds the others back.
            assertThat(login.posts()).extracting(LoginPost::outcome).containsExactly("CAPTCHA");
            assertThat(rig.sessionItem("lambda").get("loginBlocked").s()).startsWith("CAPTCHA");
            List<Alert> alerts = rig.results(Alert.class);
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.LOGIN_NEEDS_HUMAN);
                assertThat(a.subject()).isEqualTo("lambda");
                assertThat(a.detail()).contains("captcha").contains("session import --account lambda")
                        .contains("No further login");
            });
            assertThat(rig.bookingStates("5400001")).isEmpty();

            // The next run fails too, without a login attempt or another alert.
            int pagesBefore = login.pagesServed().size();
            rig.backfill("b-captcha-2", CYCLE, List.of("5400001"), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);
            rig.await(StoreFetchFailed.class, l -> l.size() >= 2, WAIT);
            assertThat(login.pagesServed()).hasSize(pagesBefore);
            assertThat(login.posts()).hasSize(1);
            assertThat(rig.results(Alert.class)).hasSize(1);

            // The operator logs in by hand and imports the cookies with the CLI; the next fetch works and login is unblocked.
            naver.acceptSession("human-aut", "human-ses");
            Path cookies = Files.createTempFile("cookies-", ".txt");
            Files.writeString(cookies, "NID_AUT=human-aut; NID_SES=human-ses");
            String[] imported = operator(rig.pipeline, "session", "import", "--account", "lambda", "--cookies",
                    cookies.toString(), "--store", "5400001", "--yes");
            assertThat(imported[0]).as(imported[1] + imported[2]).isEqualTo("0");
            rig.backfill("b-after-import", CYCLE, List.of("5400001"), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);

            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.runId()).isEqualTo("b-after-import");
            assertThat(login.posts()).hasSize(1);
            NaverSession after = rig.sessions().find("lambda").orElseThrow();
            assertThat(after.valid()).isTrue();
            assertThat(after.loginBlocked()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"SECOND_FACTOR", "CHANGED_PAGE", "NORMAL"})
    void eachThingNaverDoesToARobotStopsRenewalWithAdviceForAPerson(Mode mode, LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rstop", Map.of("5500001", "mu")), CYCLE).withRenewal()) {
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            login.setMode(mode);
            if (mode == Mode.NORMAL) {
                // The wrong password: the secret says one thing, Naver knows another.
                login.setAccount(LocalPipeline.NAVER_USER, "changed-Last7!");
            }
            expire(rig, "mu");

            requestRenewal(rig, "mu", false);

            Alert alert = rig.await(Alert.class, l -> !l.isEmpty(), WAIT).get(0);
            String problem = switch (mode) {
                case SECOND_FACTOR -> "SECOND_FACTOR";
                case CHANGED_PAGE -> "PAGE_CHANGED";
                default -> "WRONG_PASSWORD";
            };
            String advice = switch (mode) {
                case SECOND_FACTOR -> "approve the login on the account's phone";
                case CHANGED_PAGE -> "update the page selectors";
                default -> "put the right {\"username\",\"password\"} into the login secret";
            };
            assertThat(alert.cause()).isEqualTo(AlertCause.LOGIN_NEEDS_HUMAN);
            assertThat(alert.detail()).contains(advice);
            awaitTrue(() -> rig.depth(Topology.RENEWAL) == 0, "renewal done");
            assertThat(rig.sessionItem("mu").get("loginBlocked").s()).startsWith(problem);
            assertThat(login.posts()).hasSize(mode == Mode.CHANGED_PAGE ? 0 : 1);

            // Asked again: nothing is tried.
            int pages = login.pagesServed().size();
            requestRenewal(rig, "mu", false);
            awaitTrue(() -> rig.depth(Topology.RENEWAL) == 0, "second request handled");
            assertThat(login.pagesServed()).hasSize(pages);
            assertThat(rig.results(Alert.class)).hasSize(1);
        }
    }

    @Test
    void concurrentRenewalRequestsForOneAccountLogInOnce(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rrace", Map.of("5600001", "nu")), CYCLE).withRenewal()) {
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            login.setLatency(Duration.ofMillis(300)); // every page a little slow: the requests overlap for sure
            expire(rig, "nu");

            for (int i = 0; i < 6; i++) {
                requestRenewal(rig, "nu", false);
            }

            awaitTrue(() -> rig.sessions().find("nu").orElseThrow().valid() && rig.depth(Topology.RENEWAL) == 0,
                    "renewed and every request handled");
            assertThat(login.logins()).isEqualTo(1);
            assertThat(login.posts()).hasSize(1);
            assertThat(login.pagesServed().stream().filter(NaverLoginSimulator.LOGIN_PATH::equals)).hasSize(1);
            assertThat(rig.dlqDepth(Topology.RENEWAL)).isZero();
        }
    }

    @Test
    void neitherTheCredentialsNorTheCookiesReachTheLogs(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rlogs", Map.of("5700001", "xi")), CYCLE).withRenewal()) {
            expire(rig, "xi");
            NaverSession renewed;
            String captured;
            try (CapturedLogs logs = new CapturedLogs()) {
                requestRenewal(rig, "xi", false);
                awaitTrue(() -> rig.sessions().find("xi").orElseThrow().valid() && rig.depth(Topology.RENEWAL) == 0,
                        "renewed");
                renewed = rig.sessions().find("xi").orElseThrow();
                captured = logs.text();
            }
            // The capture worked: the renewal's own lines are there.
            assertThat(captured).contains("renewing the Naver session of account xi").contains("renewed by browser login");
            assertThat(captured).doesNotContain(LocalPipeline.NAVER_PASSWORD).doesNotContain(LocalPipeline.NAVER_USER)
                    .doesNotContain(renewed.nidAut()).doesNotContain(renewed.nidSes())
                    .doesNotContain("expired-aut").doesNotContain("expired-ses");
        }
    }

    @Test
    void aTransientFailureBacksOffWithoutBlockingAndTheOperatorsRenewLogsInAtOnce(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rflaky", Map.of("5800001", "omicron")), CYCLE).withRenewal()) {
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            login.setMode(Mode.UNAVAILABLE);
            expire(rig, "omicron");

            requestRenewal(rig, "omicron", false);

            awaitTrue(() -> rig.sessionItem("omicron").containsKey("lastLoginError")
                    && !rig.sessionItem("omicron").containsKey("renewalLeaseUntil"), "the failed login given back");
            var item = rig.sessionItem("omicron");
            assertThat(item).doesNotContainKey("loginBlocked");
            assertThat(item.get("loginFailures").n()).isEqualTo("1");
            // One failure: a minute's back-off (LOGIN_BACKOFF_SECONDS) from when the login failed.
            assertThat(Long.parseLong(item.get("loginNotBefore").n())).isBetween(CYCLE.plusSeconds(60).toEpochMilli(),
                    rig.pipeline.clock().instant().plusSeconds(60).toEpochMilli());
            assertThat(item.get("lastLoginError").s()).contains("error page");
            int pages = login.pagesServed().size();
            assertThat(rig.results(Alert.class)).as("one transient failure wakes nobody").isEmpty();

            // The fetcher's next request inside the back-off: nothing is tried.
            requestRenewal(rig, "omicron", false);
            awaitTrue(() -> login.pagesServed().size() == pages && rig.depth(Topology.RENEWAL) <= 1, "waited");
            FetcherRig.sleep(2_000);
            assertThat(login.pagesServed()).hasSize(pages);

            // Naver is back; the operator does not want to wait for the back-off.
            login.setMode(Mode.NORMAL);
            String[] renew = operator(rig.pipeline, "session", "renew", "--account", "omicron", "--wait", "80");
            assertThat(renew[0]).as(renew[1] + renew[2]).isEqualTo("0");
            assertThat(renew[1]).contains("renewal of account omicron requested").contains("renewed: VALID");
            assertThat(login.logins()).isEqualTo(1);
            assertThat(rig.sessions().find("omicron").orElseThrow().valid()).isTrue();
        }
    }

    @Test
    void aRenewerThatDiedHoldingTheClaimDelaysTheNextLoginOnlyUntilItsLeaseEnds(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rdead", Map.of("5900001", "pi")), CYCLE).withRenewal()) {
            NaverLoginSimulator login = rig.pipeline.naverLogin;
            expire(rig, "pi");
            // A renewal function claimed the login and died (the Lambda timed out, the browser hung) with 3 s left.
            NaverSession seen = rig.sessions().find("pi").orElseThrow();
            var clock = rig.pipeline.clock();
            assertThat(rig.sessions().claimRenewal("pi", java.util.Optional.of(seen), "crashed-renewer",
                    clock.instant().plusSeconds(3), seen.attempts().counted(clock.instant()))).isPresent();

            requestRenewal(rig, "pi", false);
            awaitTrue(() -> rig.depth(Topology.RENEWAL) == 0, "the request seen while the claim holds");
            assertThat(login.pagesServed()).as("no second browser while the first may still be logging in").isEmpty();

            FetcherRig.sleep(3_100);
            requestRenewal(rig, "pi", false);
            awaitTrue(() -> rig.sessions().find("pi").orElseThrow().valid() && rig.depth(Topology.RENEWAL) == 0,
                    "renewed after the lease ended");
            assertThat(login.logins()).isEqualTo(1);
            assertThat(rig.sessionItem("pi").get("loginAttempts").l()).as("both attempts count toward the hour").hasSize(2);
        }
    }

    @Test
    void anUnreadableRenewalRequestGoesToTheRenewalDlqWithItsReasonAndTheNextOneIsHandled(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, renewing("rpoison", Map.of("5900002", "rho")), CYCLE).withRenewal()) {
            expire(rig, "rho");
            var sqs = rig.pipeline.aws().sqs();
            String queue = rig.pipeline.resources().queueUrl(Topology.RENEWAL);
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"schemaVersion\":1,\"runId\":\"r-bad\",\"requestedAt\":\"2025-10-22T05:00:00Z\"}"));
            requestRenewal(rig, "rho", false);

            awaitTrue(() -> rig.dlqDepth(Topology.RENEWAL) == 1 && rig.sessions().find("rho").orElseThrow().valid(),
                    "the bad request dead-lettered and the good one renewed");
            String dlq = rig.pipeline.resources().dlqUrl(Topology.RENEWAL);
            var dead = sqs.receiveMessage(b -> b.queueUrl(dlq).messageAttributeNames("All").maxNumberOfMessages(1)).messages();
            assertThat(dead).singleElement().satisfies(m -> assertThat(m.messageAttributes().get("pn-error").stringValue())
                    .contains("accountId"));
            assertThat(rig.pipeline.naverLogin.logins()).isEqualTo(1);
        }
    }

    /** The account's session, stored and then found expired by a fetcher. */
    private static void expire(FetcherRig rig, String account) {
        rig.pipeline.importSession(account, "expired-aut", "expired-ses");
        NaverSession s = rig.sessions().find(account).orElseThrow();
        assertThat(rig.sessions().markExpired(s, CYCLE)).isTrue();
    }

    private static void requestRenewal(FetcherRig rig, String account, boolean force) {
        new QueuePublisher(rig.pipeline.aws().sqs(), rig.pipeline.resources().queueUrl(Topology.RENEWAL))
                .publish(RenewalRequest.of("r-test", account, "test", force, CYCLE));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for: " + what);
            }
            FetcherRig.sleep(100);
        }
    }

    /** The operator CLI in-process against the local stack, as ./run-local prints it; returns exit code, out, err. */
    static String[] operator(LocalPipeline pipeline, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new OperatorCli(pipeline.clock(), Map.of("USER", "ci-operator"),
                Terminal.detached(new ByteArrayInputStream(new byte[0]))));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        if (pipeline.env().containsKey("STORES_FILE")) {
            all.addAll(List.of("--stores-file", pipeline.env().get("STORES_FILE")));
        }
        all.addAll(List.of("--local-env", pipeline.resources().environmentName(), "--sqs-endpoint",
                pipeline.aws().sqsEndpoint().toString(), "--dynamodb-endpoint", pipeline.aws().dynamoEndpoint().toString(),
                "--naver-base-url", pipeline.naver.baseUrl()));
        int code = cli.execute(all.toArray(String[]::new));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
