package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.Fault;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.sender.budget.BudgetCaps.Scope;
import dev.placenotify.sender.budget.BudgetLedger;
import dev.placenotify.sender.SenderHandler;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 15, budget guard: per store and per run caps on texts and estimated cost, counted across parallel
 * sender instances and redeliveries in DynamoDB; past a cap the rest is held (SKIPPED "held: …", never sent)
 * and one alert per counter reaches the owners.
 */
@ExtendWith(LocalAwsExtension.class)
class BudgetGuardTest {

    private static BudgetLedger ledger(LocalWorld p) {
        return new BudgetLedger(p.aws().dynamo(), p.table(Topology.IDEMPOTENCY), Duration.ofDays(30));
    }


    @Test
    void theRunCapHoldsAcrossStoresAndParallelSenderInstancesWithOneAlert(LocalAws aws) throws Exception {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("BUDGET_RUN_TEXTS", "12"))) {
            List<SmsJob> jobs = new ArrayList<>();
            for (String store : List.of("1051707", "951291", "1120125")) {
                for (int i = 0; i < 10; i++) {
                    jobs.add(Jobs.confirmation(store, store + "r" + i, Jobs.phone(jobs.size())));
                }
            }
            rig.enqueue(jobs);
            List<Message> all = rig.receiveExactly(30, Duration.ofSeconds(5));
            assertThat(all).hasSize(30);
            List<List<Message>> thirds = List.of(all.subList(0, 10), all.subList(10, 20), all.subList(20, 30));
            CyclicBarrier together = new CyclicBarrier(3);
            List<CompletableFuture<SenderRig.Delivery>> running = new ArrayList<>();
            for (List<Message> third : thirds) {
                SenderHandler instance = rig.handler();
                running.add(CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return rig.deliver(instance, third);
                }));
            }
            for (var r : running) {
                assertThat(r.get().allAcknowledged()).isTrue();
            }

            assertThat(rig.pipeline.sens.messages()).as("SENS received exactly the run cap").hasSize(12);
            List<SendOutcome> outcomes = rig.results().stream().filter(SendOutcome.class::isInstance).map(SendOutcome.class::cast).toList();
            assertThat(outcomes).filteredOn(o -> o.status() == OutcomeStatus.SENT).hasSize(12);
            assertThat(outcomes).filteredOn(o -> o.status() == OutcomeStatus.SKIPPED).hasSize(18)
                    .allSatisfy(o -> assertThat(o.error()).startsWith("held: budget run cap 12 texts reached (run " + Jobs.RUN_ID + ")"));
            assertThat(rig.alerts()).filteredOn(a -> a.cause() == AlertCause.BUDGET_HELD).singleElement()
                    .satisfies(a -> assertThat(a.detail()).contains("budget run cap 12 texts reached for run " + Jobs.RUN_ID));
            assertThat(ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.RUN, null).texts()).isEqualTo(12);
            int storeTotal = 0;
            for (String store : List.of("1051707", "951291", "1120125")) {
                storeTotal += ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.STORE, store).texts();
            }
            assertThat(storeTotal).as("a job held by the run cap is taken back from its store's count").isEqualTo(12);
        }
    }

    @Test
    void aRedeliveredOrReplayedJobIsNotCountedTwice(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, Map.of("BUDGET_STORE_TEXTS", "3"))) {
            SmsJob a = Jobs.confirmation("1051707", "d1", Jobs.phone(1));
            SmsJob b = Jobs.confirmation("1051707", "d2", Jobs.phone(2));
            rig.enqueue(a, b);
            var sender = rig.handler();
            // SENS throttles every attempt: both are counted, nothing is sent, both go back to SQS.
            rig.pipeline.sens.enqueueFault(Fault.respond(SimResponse.json(429, "{\"status\":\"429\"}")), 3);
            assertThat(rig.deliverVisible(sender).failedIds()).hasSize(2);
            assertThat(rig.pipeline.sens.messages()).isEmpty();
            assertThat(ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.STORE, "1051707").texts()).isEqualTo(2);

            // The redelivery (below the cap of 3) finds them counted already: both go, and still count 2.
            rig.advanceClock(SenderRig.VISIBILITY.plusSeconds(1));
            List<Message> again = rig.receiveExactly(2, Duration.ofSeconds(10));
            assertThat(again).hasSize(2);
            assertThat(rig.deliver(sender, again).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(a.idempotencyKey())).isEqualTo(1);
            assertThat(rig.pipeline.sens.countByKey(b.idempotencyKey())).isEqualTo(1);
            assertThat(ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.STORE, "1051707").texts()).as("not counted twice").isEqualTo(2);

            // A replayed copy re-reports and counts nothing; so the third text of the store still fits, the fourth is held.
            SmsJob c = Jobs.confirmation("1051707", "d3", Jobs.phone(3));
            SmsJob d = Jobs.confirmation("1051707", "d4", Jobs.phone(4));
            rig.enqueue(a, c);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            rig.enqueue(d);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.messages()).hasSize(3);
            assertThat(rig.pipeline.sens.countByKey(c.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(d.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
                assertThat(o.error()).startsWith("held: budget store cap 3 texts reached");
            });
            BudgetLedger.Counter store = ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.STORE, "1051707");
            assertThat(store.texts()).isEqualTo(3);
            assertThat(store.held()).containsExactly(d.idempotencyKey());
        }
    }

    @Test
    void theEstimatedCostCapHoldsLongTextsAtTheirUnitPrice(LocalAws aws) {
        Map<String, String> env = Map.of("BUDGET_STORE_COST_KRW", "100", "LMS_UNIT_PRICE_KRW", "30");
        try (SenderRig rig = SenderRig.start(aws, Jobs.CYCLE, env)) {
            List<SmsJob> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                jobs.add(lms(Jobs.confirmation("1051707", "k" + i, Jobs.phone(i))));
            }
            rig.enqueue(jobs);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.messages()).as("3 x 30 KRW fit in 100, a fourth would not").hasSize(3);
            assertThat(rig.results().stream().filter(SendOutcome.class::isInstance).map(SendOutcome.class::cast)
                    .filter(o -> o.status() == OutcomeStatus.SKIPPED).toList()).hasSize(2)
                    .allSatisfy(o -> assertThat(o.error()).startsWith("held: budget store cap 100 KRW (estimated) reached"));
            assertThat(rig.alerts()).filteredOn(a -> a.cause() == AlertCause.BUDGET_HELD).hasSize(1);
            assertThat(ledger(rig.pipeline).read(Jobs.RUN_ID, Scope.STORE, "1051707").costKrw()).isEqualTo(90);
        }
    }

    private static SmsJob lms(SmsJob j) {
        return new SmsJob(Messages.SCHEMA_VERSION, j.runId(), j.storeId(), j.bookingId(), j.rule(), j.label(), j.customer(), j.recipient(),
                j.from(), SmsType.LMS, j.contentType(), "안내", j.content(), j.idempotencyKey(), j.dueAt(), j.notAfter(), j.afterKey());
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
