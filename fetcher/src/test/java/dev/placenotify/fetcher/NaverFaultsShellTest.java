package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.bookings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreFetchFailed;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SimResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Naver failing, as docs/fetcher.md "Retries and timeouts" says the fetcher answers it: 5xx and timeouts retried
 * in process, then handed back to SQS; the last delivery reports {@code StoreFetchFailed}; the message itself
 * ends in the fetch DLQ, whole, for a replay. No snapshot is published for a fetch that failed.
 */
@ExtendWith(LocalAwsExtension.class)
class NaverFaultsShellTest {
    private static final String STORE = "3200001";

    private static FetcherShellRig start(LocalAws aws, String prefix, Map<String, String> env) {
        return FetcherShellRig.start(aws, prefix, FetcherShellRig.defaultAccountStores(STORE), env);
    }

    @Test
    void aServerErrorIsRetriedInProcessAndTheFetchSucceeds(LocalAws aws) {
        try (FetcherShellRig rig = start(aws, "fretry", Map.of())) {
            rig.naver.setBookings(STORE, bookings(STORE, 7_000, 10, "RC03"));
            rig.naver.enqueueFault(Fault.json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\"}"));
            rig.tick(CYCLE);

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            assertThat(rig.results(StoreFetched.class)).singleElement()
                    .satisfies(f -> assertThat(f.bookingsByStatus()).isEqualTo(Map.of("RC03", 10)));
            assertThat(rig.naver.requestsFor(STORE)).hasSize(3 + 1);
            // The failed request was asked again, identically.
            assertThat(rig.naver.requestsFor(STORE).stream().collect(Collectors.groupingBy(
                    r -> r.statusCodes() + "@" + r.start() + "#" + r.page(), Collectors.counting())).values())
                    .containsExactlyInAnyOrder(2L, 1L, 1L);
            assertThat(rig.snapshots(STORE).stream().flatMap(s -> s.bookings().stream())).hasSize(10);
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.fetchDeadLetters()).isEmpty();
        }
    }

    @Test
    void aNaverThatDoesNotAnswerInTimeIsAskedAgainInProcess(LocalAws aws) {
        try (FetcherShellRig rig = start(aws, "ftimeout", Map.of("NAVER_TIMEOUT_SECONDS", "1", "NAVER_PARALLEL_QUERIES", "1"))) {
            rig.naver.setBookings(STORE, bookings(STORE, 7_100, 4, "RC03"));
            rig.naver.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));
            rig.tick(CYCLE);

            assertThat(rig.deliverNext().allAcknowledged()).isTrue();

            // The first query's first attempt timed out and was asked again; the other two queries once each.
            assertThat(rig.naver.requestsFor(STORE)).hasSize(3 + 1);
            assertThat(rig.naver.pendingFaults()).isZero();
            assertThat(rig.results(StoreFetched.class)).singleElement()
                    .satisfies(f -> assertThat(f.bookingsByStatus()).isEqualTo(Map.of("RC03", 4)));
            assertThat(rig.snapshots(STORE)).hasSize(1);
        }
    }

    @Test
    void serverErrorsBeyondTheInProcessBudgetAreHandedBackToSqsAndTheRedeliverySucceeds(LocalAws aws) {
        try (FetcherShellRig rig = start(aws, "fredeliver", Map.of("NAVER_PARALLEL_QUERIES", "1"))) {
            rig.naver.setBookings(STORE, bookings(STORE, 8_000, 10, "RC03"));
            rig.naver.enqueueFault(Fault.json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\"}"), 3);
            rig.tick(CYCLE);

            FetcherShellRig.Delivery first = rig.deliverNext();

            // Delivery 1: three attempts at the first query, all 500: handed back, nothing published, nothing lost.
            assertThat(first.failedIds()).containsExactly(first.messages().get(0).messageId());
            assertThat(rig.naver.requestsFor(STORE)).hasSize(3);
            assertThat(rig.snapshots()).isEmpty();
            assertThat(rig.results(StoreFetched.class)).isEmpty();
            assertThat(rig.results(StoreFetchFailed.class)).as("not the last delivery: nothing to report yet").isEmpty();
            assertThat(rig.fetchQueueDepth()).isEqualTo(1);

            rig.endVisibilityTimeout(first);
            FetcherShellRig.Delivery second = rig.deliverNext();

            // Delivery 2: the same message, the three queries.
            assertThat(second.receiveCount()).isEqualTo(2);
            assertThat(second.messages().get(0).body()).isEqualTo(first.messages().get(0).body());
            assertThat(second.allAcknowledged()).isTrue();
            assertThat(rig.naver.requestsFor(STORE)).hasSize(3 + 3);
            assertThat(rig.naver.pendingFaults()).isZero();
            assertThat(rig.results(StoreFetched.class)).singleElement()
                    .satisfies(f -> assertThat(f.bookingsByStatus()).isEqualTo(Map.of("RC03", 10)));
            assertThat(rig.snapshots(STORE).stream().flatMap(s -> s.bookings().stream()).map(Booking::bookingId))
                    .hasSize(10);
            assertThat(rig.results(StoreFetchFailed.class)).isEmpty();
            assertThat(rig.fetchQueueDepth()).isZero();
            assertThat(rig.fetchDeadLetters()).isEmpty();
        }
    }

    @Test
    void anotherClientErrorFailsTheDeliveryAtOnceWithoutRetryingInProcess(LocalAws aws) {
        try (FetcherShellRig rig = start(aws, "f404", Map.of("NAVER_PARALLEL_QUERIES", "1"))) {
            rig.naver.setBookings(STORE, bookings(STORE, 8_200, 3, "RC03"));
            rig.naver.setBusinessAnswer(STORE, SimResponse.json(404, Map.of("error", "NOT_FOUND")));
            rig.tick(CYCLE);

            FetcherShellRig.Delivery delivery = rig.deliverNext();

            assertThat(delivery.allAcknowledged()).isFalse();
            assertThat(rig.naver.requestsFor(STORE)).as("one attempt, no in-process retry").hasSize(1);
            // A 404 is not a refused login: nobody checks the session, nothing is marked.
            assertThat(rig.naver.sessionChecks()).isEmpty();
            assertThat(rig.sessions().find(LocalWorld.NAVER_ACCOUNT).orElseThrow().valid()).isTrue();
            assertThat(rig.snapshots()).isEmpty();
            assertThat(rig.fetchQueueDepth()).as("handed back to SQS").isEqualTo(1);
        }
    }

    @Test
    void aStoreNaverKeepsFailingIsReportedOnItsLastDeliveryAndEndsWholeInTheDlq(LocalAws aws) {
        try (FetcherShellRig rig = start(aws, "fdown", Map.of())) {
            rig.naver.setBookings(STORE, bookings(STORE, 8_100, 3, "RC03"));
            rig.naver.setBusinessAnswer(STORE, SimResponse.json(503, Map.of("error", "SERVICE_UNAVAILABLE")));
            String runId = rig.tick(CYCLE);

            FetcherShellRig.Delivery delivery = null;
            for (int receive = 1; receive <= Topology.FETCH.maxReceives(); receive++) {
                if (delivery != null) {
                    rig.endVisibilityTimeout(delivery);
                }
                delivery = rig.deliverNext();
                assertThat(delivery.receiveCount()).isEqualTo(receive);
                assertThat(delivery.allAcknowledged()).as("delivery %d", receive).isFalse();
                // Only the last delivery before the DLQ reports the store, so the summary names it once.
                assertThat(rig.results(StoreFetchFailed.class)).as("after delivery %d", receive)
                        .hasSize(receive == Topology.FETCH.maxReceives() ? 1 : 0);
            }

            assertThat(rig.results(StoreFetchFailed.class)).singleElement().satisfies(f -> {
                assertThat(f.runId()).isEqualTo(runId);
                assertThat(f.storeId()).isEqualTo(STORE);
                assertThat(f.reason()).isEqualTo("store " + STORE + ": Naver answered HTTP 503 after 3 attempts");
            });
            // SQS's redrive policy moves it to the DLQ instead of delivering it a fourth time: the request, whole.
            rig.endVisibilityTimeout(delivery);
            assertThat(rig.receiveFetches(1)).isEmpty();
            assertThat(rig.fetchDeadLetters()).singleElement().satisfies(m -> assertThat(MessageCodec.decode(m.body(),
                    FetchRequest.class)).isEqualTo(FetchRequest.of(runId, STORE, FetchQueries.scheduledWindow(CYCLE, 14),
                    FetchMode.NORMAL, CYCLE)));
            assertThat(rig.snapshots()).isEmpty();
            assertThat(rig.results(StoreFetched.class)).isEmpty();
            // Naver being down says nothing about the login.
            assertThat(rig.naver.sessionChecks()).isEmpty();
            assertThat(rig.sessions().find(LocalWorld.NAVER_ACCOUNT).orElseThrow().valid()).isTrue();
        }
    }
}
