package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
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
 * The budget guard holding a flood end to end: the sender texts exactly the store cap, the notifier alerts once at
 * Telegram and Slack. In {@code local} because it needs the sender and the notifier running (the sender's own
 * budget tests are in the sender module, BudgetGuardTest).
 */
@ExtendWith(LocalAwsExtension.class)
class BudgetFloodTest {

    private static BudgetLedger ledger(LocalPipeline p) {
        return new BudgetLedger(p.aws().dynamo(), p.table(Topology.IDEMPOTENCY), Duration.ofDays(30));
    }

    @Test
    void aBackfillPlanning2000TextsForOneStoreIsHeldAtTheDefaultStoreCapWithOneAlert(LocalAws aws) {
        SimulatedClock clock = new SimulatedClock(Jobs.CYCLE);
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("bfl")), clock)) {
            clock.set(Jobs.CYCLE);
            List<SmsJob> flood = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                flood.add(Jobs.confirmation("1051707", "f" + i, Jobs.phone(i)));
            }
            new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.SMS)).publishAll(flood);
            p.awaitQuiet(Duration.ofSeconds(240));

            List<SensMessage> sent = p.sens.messages();
            assertThat(sent).as("SENS received exactly the default store cap").hasSize(300);
            assertThat(sent.stream().collect(Collectors.groupingBy(SensMessage::idempotencyKey, Collectors.counting())))
                    .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));

            List<String> telegramAlerts = p.telegram.messages().stream().map(TelegramMessage::text)
                    .filter(t -> t.contains("발송 한도")).toList();
            assertThat(telegramAlerts).singleElement().satisfies(t -> assertThat(t)
                    .contains("budget store cap 300 texts reached").contains("store 1051707")
                    .contains("operator budget release --run " + Jobs.RUN_ID + " --store 1051707"));
            assertThat(p.slack.payloads().stream().filter(j -> !j.has("blocks")).map(j -> j.get("text").asText())
                    .filter(t -> t.contains("발송 한도")).toList()).hasSize(1);

            BudgetLedger.Counter store = ledger(p).read(Jobs.RUN_ID, Scope.STORE, "1051707");
            assertThat(store.texts()).isEqualTo(300);
            assertThat(store.held()).hasSize(1700);
            assertThat(ledger(p).read(Jobs.RUN_ID, Scope.RUN, null).texts()).as("held texts use up no run budget").isEqualTo(300);
            SmsJob heldOne = flood.stream().filter(j -> store.held().contains(j.idempotencyKey())).findFirst().orElseThrow();
            var record = new dev.placenotify.sender.IdempotencyStore(aws.dynamo(), p.table(Topology.IDEMPOTENCY), Duration.ofDays(30))
                    .find(heldOne.idempotencyKey()).orElseThrow();
            assertThat(record.outcome()).isEqualTo(OutcomeStatus.SKIPPED);
            assertThat(record.error()).startsWith("held: budget store cap 300 texts reached");
        }
    }

}
