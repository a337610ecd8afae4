package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalContext;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.JobRef;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SendOutcome;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 11 at scale: a run of 1,000 stores composed a 38,000-character summary, which Slack
 * refuses (over 12,000 characters in total). Every post stays under its documented total, and what is
 * cut is counted ("…외 N건"), never silently dropped.
 */
@ExtendWith(LocalAwsExtension.class)
class LargeRunSummaryTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final int STORES = 1_000;
    private static final int TOTAL_LIMIT = 12_000;
    private static final Pattern MORE = Pattern.compile("…외 (\\d+)건");

    @Test
    void aThousandStoreRunIsPostedToBothChannelsUnderTheDocumentedTotals(LocalAws aws, @TempDir Path dir) throws Exception {
        StringBuilder stores = new StringBuilder("{\"defaultCallbackNumber\": \"0311234567\", \"stores\": [");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < STORES; i++) {
            String id = Integer.toString(3_000_000 + i);
            ids.add(id);
            stores.append(i == 0 ? "" : ",").append("{\"storeId\": \"").append(id).append("\", \"name\": \"테스트 ")
                    .append(i).append("호점\"}");
        }
        Path storesFile = dir.resolve("stores.json");
        Files.writeString(storesFile, stores.append("]}").toString());
        SimulatedClock clock = new SimulatedClock(CYCLE.plusSeconds(30));
        try (LocalWorld p = LocalWorld.start(aws, LocalWorld.Options.defaults(LocalAwsExtension.uniqueEnvironment("nbig"))
                .withStores(storesFile).withoutStages(), clock)) {
            NotifierHandler notifier = new NotifierHandler(new NotifierComponents(NotifierConfig.from(new EnvConfig(p.env())), clock));
            LateOutcomes lateOutcomes = new LateOutcomes(aws.dynamo(), p.table(Topology.RUNS), p.clock());
            RunLedger ledger = new RunLedger(aws.dynamo(), p.table(Topology.RUNS), Duration.ofMinutes(10), Duration.ofDays(1),
                    lateOutcomes, p.clock());
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            // Every report but the last straight into the ledger (as the notifier records them, without
            // evaluating the run after each batch); the last one through the handler, which summarises.
            ledger.touchRun(run.runId, clock.instant());
            ledger.recordStarted(run.started(ids.toArray(String[]::new)));
            List<SendOutcome> outcomes = new ArrayList<>();
            try (ExecutorService writers = Executors.newFixedThreadPool(4)) {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < STORES; i++) {
                    String id = ids.get(i);
                    JobRef j = RunEvents.job(id, "b" + i, "CONFIRMATION", "예약확정", "김*수", String.format("%04d", i));
                    SendOutcome outcome = run.outcome(j, i % 10 == 0 ? OutcomeStatus.FAILED : OutcomeStatus.SENT);
                    outcomes.add(outcome);
                    boolean last = i == STORES - 1;
                    writes.add(writers.submit(() -> {
                        ledger.recordFetched(run.fetched(id, 1, 3));
                        ledger.recordPlanned(run.planned(id, 0, List.of(j), List.of()));
                        if (!last) {
                            ledger.recordOutcome(outcome);
                        }
                    }));
                }
                for (Future<?> w : writes) {
                    w.get();
                }
            }
            SendOutcome last = outcomes.get(STORES - 1);
            var response = notifier.handleRequest(RunEvents.sqsEvent(List.of(last)), new LocalContext("notifier"));
            assertThat(response.getBatchItemFailures()).isEmpty();

            var item = Posts.runItem(p, run.runId);
            assertThat(item.get("status").s()).isEqualTo("SUMMARIZED");
            assertThat(item.get("slack").s()).as("Slack accepted it").startsWith("posted");
            assertThat(item.get("telegram").s()).startsWith("posted");

            JsonNode slack = Posts.slackSummaries(p).get(0);
            String slackText = Posts.slackText(slack);
            assertThat(slackText).contains("SMS 발송 900건").contains("계획 1000 = 발송 900 + 실패 100");
            assertThat(cut(slackText)).as("what the lines left out is counted").isPositive();

            List<TelegramMessage> parts = p.telegram.messages();
            int visible = parts.stream().mapToInt(m -> Posts.visible(m.text()).length()).sum();
            assertThat(visible).isLessThanOrEqualTo(TOTAL_LIMIT);
            String telegram = String.join("\n", parts.stream().map(m -> Posts.visible(m.text())).toList());
            assertThat(telegram).contains("SMS 발송 900건").contains("실행 " + run.runId);
            // Every text is either listed or counted in "…외 N건".
            int listed = (int) telegram.lines().filter(l -> l.matches(".*예약확정 테스트 \\d+호점 김\\*수 \\d{4}.*")).count();
            assertThat(listed + cut(telegram)).isEqualTo(STORES);
        }
    }

    private static int cut(String text) {
        Matcher m = MORE.matcher(text);
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        return n;
    }
}
