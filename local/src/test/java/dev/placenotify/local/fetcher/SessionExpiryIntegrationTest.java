package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.LocalWorld.Options;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.BookingListRequest;
import dev.placenotify.testsupport.sim.ExpiredSessionStyle;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.ChunkPlanned;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** One account's session expires while another account's stores carry on. */
@ExtendWith(LocalAwsExtension.class)
class SessionExpiryIntegrationTest {
    private static final String ALPHA_1 = "4100001";
    private static final String ALPHA_2 = "4100002";
    private static final String BETA = "4200001";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Options twoAccounts(String prefix) {
        return Options.defaults(LocalAwsExtension.uniqueEnvironment(prefix))
                .withStores(FetcherRig.storesFile(Map.of(ALPHA_1, "alpha", ALPHA_2, "alpha", BETA, "beta")))
                .withVisibility(Duration.ofSeconds(1));
    }

    @Test
    void anExpiredSessionFailsOnlyItsAccountsStoresWithAnAlertAndLeavesTheirStateUntouched(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, twoAccounts("fexpired"), CYCLE).withPlanner()) {
            var naver = rig.pipeline.naver;
            naver.acceptSession("alpha-aut", "alpha-ses");
            rig.pipeline.importSession("alpha", "alpha-aut", "alpha-ses");
            rig.pipeline.importSession("beta", "beta-aut", "beta-ses"); // Naver no longer accepts these
            naver.setExpiredSessionStyle(ExpiredSessionStyle.REDIRECT_TO_LOGIN);
            for (String store : List.of(ALPHA_1, ALPHA_2, BETA)) {
                naver.setBookings(store, bookings(store, Long.parseLong(store) * 10, 3, "RC03"));
            }

            String runId = rig.tick(CYCLE);

            // The failing store's message goes to the DLQ after the queue's max receives...
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (rig.dlqDepth(Topology.FETCH) < 1 && System.nanoTime() < deadline) {
                FetcherRig.sleep(100);
            }
            assertThat(rig.dlqDepth(Topology.FETCH)).isEqualTo(1);
            Message dead = rig.pipeline.aws().sqs().receiveMessage(b -> b.queueUrl(rig.pipeline.resources().dlqUrl(Topology.FETCH))
                    .maxNumberOfMessages(1)).messages().get(0);
            assertThat(MessageCodec.decode(dead.body(), FetchRequest.class).storeId()).isEqualTo(BETA);
            // ...having reported StoreFetchFailed once, on its last delivery.
            List<StoreFetchFailed> failed = rig.await(StoreFetchFailed.class, l -> !l.isEmpty(), WAIT);
            assertThat(failed).singleElement().satisfies(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.storeId()).isEqualTo(BETA);
                assertThat(f.reason()).contains("session").contains("beta");
            });
            // The notifier is alerted, scoped to the account, with what to do.
            List<Alert> alerts = rig.results(Alert.class);
            assertThat(alerts).isNotEmpty().allSatisfy(a -> {
                assertThat(a.cause()).isEqualTo(AlertCause.SESSION_EXPIRED);
                assertThat(a.subject()).isEqualTo("beta");
                assertThat(a.detail()).contains(BETA).contains("session import");
            });
            // The session is marked expired; the other account's is untouched and was used.
            assertThat(rig.sessionItem("beta").get("status").s()).isEqualTo("EXPIRED");
            assertThat(rig.sessionItem("beta")).containsKey("expiredAt");
            assertThat(rig.sessionItem("alpha").get("status").s()).isEqualTo("VALID");
            // Every request for the failing store carried the dead cookies; the expiry was detected, not retried in-process.
            List<BookingListRequest> betaRequests = naver.requestsFor(BETA);
            assertThat(betaRequests).isNotEmpty().allSatisfy(r -> {
                assertThat(r.sessionValid()).isFalse();
                assertThat(r.nidAut()).isEqualTo("beta-aut");
            });
            // The other account's stores were fetched and planned.
            List<StoreFetched> fetched = rig.await(StoreFetched.class, l -> l.size() >= 2, WAIT);
            assertThat(fetched).extracting(StoreFetched::storeId).containsExactlyInAnyOrder(ALPHA_1, ALPHA_2);
            rig.await(ChunkPlanned.class, l -> l.size() >= 2, WAIT);
            assertThat(rig.bookingStates(ALPHA_1)).hasSize(3);
            assertThat(rig.bookingStates(ALPHA_2)).hasSize(3);
            // And the failing store's booking state was never touched: no snapshot, no plan, no state.
            assertThat(rig.results(ChunkPlanned.class)).extracting(ChunkPlanned::storeId).doesNotContain(BETA);
            assertThat(rig.bookingStates(BETA)).isEmpty();
        }
    }

    @Test
    void theExpiryAlertReachesTheOwnerThroughTheNotifier(LocalAws aws) {
        Options options = twoAccounts("fexpiredn");
        try (LocalPipeline p = LocalPipeline.start(aws, options, new SimulatedClock(CYCLE))) {
            p.naver.acceptSession("alpha-aut", "alpha-ses");
            p.importSession("alpha", "alpha-aut", "alpha-ses");
            p.importSession("beta", "beta-aut", "beta-ses");

            p.tick(CYCLE);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (p.telegram.messages().stream().noneMatch(m -> m.text().contains("SESSION_EXPIRED"))
                    && System.nanoTime() < deadline) {
                FetcherRig.sleep(100);
            }
            assertThat(p.telegram.messages()).anySatisfy(m ->
                    assertThat(m.text()).contains("SESSION_EXPIRED").contains("beta"));
        }
    }
}
