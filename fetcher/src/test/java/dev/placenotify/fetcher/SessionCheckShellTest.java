package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.ExpiredSessionStyle;
import dev.placenotify.testsupport.sim.SessionCheckRequest;
import dev.placenotify.testsupport.sim.SimResponse;
import java.nio.file.Path;
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
class SessionCheckShellTest {
    private static final String FORBIDDEN = "4300001";
    private static final String ERROR_OBJECT = "4300002";
    private static final String MAINTENANCE_PAGE = "4300003";
    private static final String HEALTHY = "4300004";

    private static Path alphaStores(String... stores) {
        Map<String, String> accounts = new LinkedHashMap<>();
        for (String s : stores) {
            accounts.put(s, "alpha");
        }
        return FetcherShellRig.storesFile(accounts);
    }

    @Test
    void storesNaverRefusesWhileTheSessionIsValidFailAloneAndTheAccountStaysValid(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fcheckalive",
                alphaStores(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE, HEALTHY))) {
            var naver = rig.naver;
            naver.acceptSession("alpha-aut", "alpha-ses");
            rig.world.importSession("alpha", "alpha-aut", "alpha-ses");
            for (String store : List.of(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE, HEALTHY)) {
                naver.setBookings(store, bookings(store, Long.parseLong(store) * 10, 3, "RC03"));
            }
            naver.setBusinessAnswer(FORBIDDEN, SimResponse.json(403, Map.of("error", "FORBIDDEN", "message", "no permission")));
            naver.setBusinessAnswer(ERROR_OBJECT, SimResponse.json(200, Map.of("error", "BUSINESS_SUSPENDED")));
            naver.setBusinessAnswer(MAINTENANCE_PAGE, SimResponse.html(200,
                    "<!DOCTYPE html><html><head><title>서비스 점검 중</title></head><body>잠시 후 다시 이용해 주세요</body></html>"));
            String runId = rig.tick(CYCLE);

            rig.deliverUntilSettled();

            // Each refused store fails on its own: retried, then reported on its last delivery, then the DLQ.
            List<StoreFetchFailed> failed = rig.results(StoreFetchFailed.class);
            assertThat(failed).extracting(StoreFetchFailed::storeId)
                    .containsExactlyInAnyOrder(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE);
            assertThat(failed).allSatisfy(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.reason()).contains("session of account alpha is valid").contains("only this store's fetch failed");
            });
            assertThat(failed).filteredOn(f -> f.storeId().equals(FORBIDDEN)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("HTTP 403"));
            assertThat(rig.fetchDeadLetters()).extracting(m -> MessageCodec.decode(m.body(), FetchRequest.class).storeId())
                    .containsExactlyInAnyOrder(FORBIDDEN, ERROR_OBJECT, MAINTENANCE_PAGE);
            // The healthy store of the same account was fetched; the refused ones published nothing.
            assertThat(rig.results(StoreFetched.class)).extracting(StoreFetched::storeId).containsExactly(HEALTHY);
            assertThat(rig.snapshots()).isNotEmpty().allSatisfy(s -> assertThat(s.storeId()).isEqualTo(HEALTHY));
            // The login was checked, found valid, and never marked expired; nobody was told to import cookies.
            assertThat(naver.sessionChecks()).isNotEmpty().allSatisfy(c -> {
                assertThat(c.nidAut()).isEqualTo("alpha-aut");
                assertThat(c.sessionValid()).isTrue();
            });
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            assertThat(rig.sessionItem("alpha")).doesNotContainKey("expiredAt");
            assertThat(rig.results(Alert.class)).noneMatch(a -> a.cause() == AlertCause.SESSION_EXPIRED);
        }
    }

    @Test
    void a403WithADeadSessionIsStillTheExpiryPath(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fcheckdead", alphaStores(HEALTHY))) {
            var naver = rig.naver;
            rig.world.importSession("alpha", "dead-aut", "dead-ses"); // Naver no longer accepts these
            naver.setExpiredSessionStyle(ExpiredSessionStyle.FORBIDDEN_JSON);
            naver.setBookings(HEALTHY, bookings(HEALTHY, 43_000_040L, 3, "RC03"));
            rig.tick(CYCLE);

            rig.deliverUntilSettled();

            List<StoreFetchFailed> failed = rig.results(StoreFetchFailed.class);
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
            assertThat(rig.snapshots()).isEmpty();
        }
    }

    @Test
    void aSessionCheckThatProvesNothingFailsTheStoreWithoutMarkingTheAccountExpired(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fcheckunsure", alphaStores(HEALTHY))) {
            var naver = rig.naver;
            rig.world.importSession("alpha", "dead-aut", "dead-ses");
            naver.setExpiredSessionStyle(ExpiredSessionStyle.FORBIDDEN_JSON);
            naver.setSessionCheckAnswer(SimResponse.text(503, "Service Unavailable"));
            naver.setBookings(HEALTHY, bookings(HEALTHY, 43_000_040L, 3, "RC03"));
            rig.tick(CYCLE);

            rig.deliverUntilSettled();

            List<StoreFetchFailed> failed = rig.results(StoreFetchFailed.class);
            assertThat(failed).singleElement().satisfies(f -> assertThat(f.reason())
                    .contains("could not tell whether the login is gone").contains("HTTP 503"));
            assertThat(naver.sessionChecks()).hasSizeGreaterThanOrEqualTo(Topology.FETCH.maxReceives());
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            assertThat(rig.results(Alert.class)).noneMatch(a -> a.cause() == AlertCause.SESSION_EXPIRED);
            assertThat(rig.fetchDeadLetters()).hasSize(1);
        }
    }
}
