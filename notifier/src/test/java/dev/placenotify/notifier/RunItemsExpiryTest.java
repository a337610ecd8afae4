package dev.placenotify.notifier;

import static dev.placenotify.notifier.RunEvents.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every runs-table item the notifier writes expires by the clock it was given (the simulated one here, the
 * system's in Lambda), never by a clock of its own: a run's items {@code RUN_TTL_DAYS} after they were
 * written, the late-outcome marker two days after the late outcome.
 */
@ExtendWith(LocalAwsExtension.class)
class RunItemsExpiryTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void runItemsAndTheLateMarkerExpireByTheNotifiersClock(LocalAws aws) {
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(5));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nexp"))
                .withoutStages(), clock)) {
            NotifierConfig config = NotifierConfig.from(new EnvConfig(p.env()));
            NotifierHandler notifier = new NotifierHandler(new NotifierComponents(config, clock));
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            JobRef first = job("1051707", "b1", "CONFIRMATION");
            JobRef second = job("1051707", "b2", "REMINDER");
            JobRef third = job("1051707", "b3", "CONFIRMATION");
            // The simulated clock runs at real speed from where it is set: each batch is written within a window.
            Window reported = deliver(notifier, clock, List.of(run.started("1051707"), run.fetched("1051707", 1, 2),
                    run.planned("1051707", 0, List.of(first, second), List.of()), run.outcome(first, OutcomeStatus.SENT)));
            assertThat(Posts.telegramSummaries(p)).as("the run waits for its second outcome").isEmpty();
            clock.set(CYCLE.plus(Duration.ofMinutes(15)));
            Window summarised = deliver(notifier, clock, List.of(run.outcome(second, OutcomeStatus.SENT)));
            assertThat(Posts.telegramSummaries(p)).as("complete with its second outcome").singleElement();
            clock.set(CYCLE.plus(Duration.ofHours(2)));
            Window late = deliver(notifier, clock, List.of(run.outcome(third, OutcomeStatus.SENT)));

            Duration ttl = config.runTtl();
            Map<String, Window> expected = new TreeMap<>();
            expected.put("RUN", reported.plus(ttl));
            expected.put("STORE#1051707", reported.plus(ttl));
            expected.put("SUMMARY", summarised.plus(ttl));
            for (int i = 0; i < 16; i++) {
                expected.put("OUT#" + i, summarised.plus(ttl)); // closed by the summary
            }
            // An outcome's shard takes the expiry of its last write; closing keeps an existing one.
            expected.put(shard(first), reported.plus(ttl));
            expected.put(shard(second), summarised.plus(ttl));
            expected.put(shard(third), late.plus(ttl));
            String table = p.table(Topology.RUNS);
            Map<String, Long> runItems = expiresAt(aws, table, run.runId);
            assertThat(runItems).containsOnlyKeys(expected.keySet());
            expected.forEach((item, window) -> assertThat(runItems.get(item)).as(item).isBetween(window.from(), window.to()));
            Map<String, Long> markers = expiresAt(aws, table, "_late");
            assertThat(markers).containsOnlyKeys(run.runId);
            Window marker = late.plus(Duration.ofDays(2));
            assertThat(markers.get(run.runId)).isBetween(marker.from(), marker.to());
        }
    }

    /** Epoch seconds an item written between two instants of the clock may carry, {@code plus} its lifetime. */
    private record Window(Instant start, Instant end) {
        Window plus(Duration lifetime) {
            return new Window(start.plus(lifetime), end.plus(lifetime));
        }

        long from() {
            return start.getEpochSecond();
        }

        long to() {
            return end.getEpochSecond();
        }
    }

    private static Window deliver(NotifierHandler notifier, SimulatedClock clock, List<? extends RunEvent> events) {
        Instant start = clock.instant();
        notifier.handleRequest(RunEvents.sqsEvent(events), new LocalContext("notifier"));
        return new Window(start, clock.instant());
    }

    private static String shard(JobRef job) {
        return "OUT#" + Math.floorMod(job.idempotencyKey().hashCode(), 16);
    }

    /** {@code expiresAt} of every item of a partition, by sort key. */
    private static Map<String, Long> expiresAt(LocalAws aws, String table, String partition) {
        Map<String, Long> byItem = new TreeMap<>();
        aws.dynamo().queryPaginator(b -> b.tableName(table).consistentRead(true).keyConditionExpression("runId = :r")
                        .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(partition))))
                .items().forEach(i -> byItem.put(i.get("item").s(), Long.parseLong(i.get("expiresAt").n())));
        return byItem;
    }
}
