package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld.Options;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.ExpiredSessionStyle;
import dev.placenotify.testsupport.sim.SessionCheckRequest;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 item 12: Naver answering one store's query without its bookings (403, an error object, a page) does
 * not by itself mean the login is gone. The fetcher opens the account page with the cookies first: a login that
 * still works makes it that store's fetch failure (retried, reported) and the account's other stores carry on;
 * only landing on the login page marks the account expired.
 */
@ExtendWith(LocalAwsExtension.class)
class SessionCheckIntegrationTest {
    private static final String FORBIDDEN = "4300001";
    private static final String ERROR_OBJECT = "4300002";
    private static final String MAINTENANCE_PAGE = "4300003";
    private static final String HEALTHY = "4300004";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Options alphaStores(String prefix, String... stores) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String s : stores) {
            accounts.put(s, "alpha");
        }
        return Options.defaults(LocalAwsExtension.uniqueEnvironment(prefix)).withStores(FetcherRig.storesFile(accounts))
                .withVisibility(Duration.ofSeconds(1));
    }

    @Test
    void storesNaverRefusesWhileTheSessionIsValidFailAloneAndTheAccountStaysValid(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, alphaStores("fcheckalive", FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE, HEALTHY),
                CYCLE).withPlanner()) {
            var naver = rig.pipeline.naver;
            naver.acceptSession("alpha-aut", "alpha-ses");
            rig.pipeline.importSession("alpha", "alpha-aut", "alpha-ses");
            for (String store : List.of(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE, HEALTHY)) {
                naver.setBookings(store, bookings(store, Long.parseLong(store) * 10, 3, "RC03"));
            }
            naver.setBusinessAnswer(FORBIDDEN, SimResponse.json(403, Map.of("error", "FORBIDDEN", "message", "no permission")));
            naver.setBusinessAnswer(ERROR_OBJECT, SimResponse.json(200, Map.of("error", "BUSINESS_SUSPENDED")));
            naver.setBusinessAnswer(MAINTENANCE_PAGE, SimResponse.html(200,
                    "<!DOCTYPE html><html><head><title>서비스 점검 중</title></head><body>잠시 후 다시 이용해 주세요</body></html>"));

            String runId = rig.tick(CYCLE);

            // Each refused store fails on its own: retried, then reported on its last delivery, then the DLQ.
            List<StoreFetchFailed> failed = rig.await(StoreFetchFailed.class, l -> l.size() >= 3, WAIT);
            assertThat(failed).extracting(StoreFetchFailed::storeId)
                    .containsExactlyInAnyOrder(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE);
            assertThat(failed).allSatisfy(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.reason()).contains("session of account alpha is valid").contains("only this store's fetch failed");
            });
            assertThat(failed).filteredOn(f -> f.storeId().equals(FORBIDDEN)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("HTTP 403"));
            waitFor(() -> rig.dlqDepth(Topology.FETCH) == 3);
            // The healthy store of the same account was fetched and planned.
            List<StoreFetched> fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT);
            assertThat(fetched).extracting(StoreFetched::storeId).containsExactly(HEALTHY);
            rig.await(ChunkPlanned.class, l -> !l.isEmpty(), WAIT);
            assertThat(rig.bookingStates(HEALTHY)).hasSize(3);
            // The login was checked, found valid, and never marked expired; nobody was told to import cookies.
            assertThat(naver.sessionChecks()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.nidAut()).isEqualTo("alpha-aut");
                assertThat(c.sessionValid()).isTrue();
            });
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            assertThat(rig.sessionItem("alpha")).doesNotContainKey("expiredAt");
            assertThat(rig.results(Alert.class)).noneMatch(a -> a.cause() == AlertCause.SESSION_EXPIRED);
            assertThat(rig.bookingStates(FORBIDDEN)).isEmpty();
        }
    }

    @Test
    void a403WithADeadSessionIsStillTheExpiryPath(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, alphaStores("fcheckdead", HEALTHY), CYCLE)) {
            var naver = rig.pipeline.naver;
            rig.pipeline.importSession("alpha", "dead-aut", "dead-ses"); // Naver no longer accepts these
            naver.setExpiredSessionStyle(ExpiredSessionStyle.FORBIDDEN_JSON);
            naver.setBookings(HEALTHY, bookings(HEALTHY, 43_000_040L, 3, "RC03"));

            rig.tick(CYCLE);

            List<StoreFetchFailed> failed = rig.await(StoreFetchFailed.class, l -> !l.isEmpty(), WAIT);
            assertThat(failed).singleElement().satisfies(f -> assertThat(f.reason()).contains("session").contains("alpha"));
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("EXPIRED");
            assertThat(rig.sessionItem("alpha")).containsKey("expiredAt");
            assertThat(rig.results(Alert.class)).isNotEmpty().allSatisfy(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.SESSION_EXPIRED);
                assertThat(a.subject()).isEqualTo("alpha");
            });
            // Every 403 was checked against the account page, which redirected to the login page.
            assertThat(naver.sessionChecks()).isNotEmpty().extracting(SessionCheckRequest::sessionValid).containsOnly(false);
            assertThat(naver.requestsFor(HEALTHY)).allSatisfy(r -> assertThat(r.statusCodes()).isNotEmpty());
        }
    }

    @Test
    void aSessionCheckThatProvesNothingFailsTheStoreWithoutMarkingTheAccountExpired(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, alphaStores("fcheckunsure", HEALTHY), CYCLE)) {
            var naver = rig.pipeline.naver;
            rig.pipeline.importSession("alpha", "dead-aut", "dead-ses");
            naver.setExpiredSessionStyle(ExpiredSessionStyle.FORBIDDEN_JSON);
            naver.setSessionCheckAnswer(SimResponse.text(503, "Service Unavailable"));
            naver.setBookings(HEALTHY, bookings(HEALTHY, 43_000_040L, 3, "RC03"));

            rig.tick(CYCLE);

            List<StoreFetchFailed> failed = rig.await(StoreFetchFailed.class, l -> !l.isEmpty(), WAIT);
            assertThat(failed).singleElement().satisfies(f -> assertThat(f.reason())
                    .contains("could not tell whether the login is gone").contains("HTTP 503"));
            assertThat(naver.sessionChecks()).hasSizeGreaterThanOrEqualTo(Topology.FETCH.maxReceives());
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            assertThat(rig.results(Alert.class)).noneMatch(a -> a.cause() == AlertCause.SESSION_EXPIRED);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT);
            }
            FetcherRig.sleep(100);
        }
    }
}
