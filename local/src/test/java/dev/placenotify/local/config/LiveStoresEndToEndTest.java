package dev.placenotify.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, live store settings in the fetcher and notifier: a store switched off with {@code config push}
 * is not fetched from the next cycle on, and a branch renamed is named so in the next summary, with no
 * build and no redeploy (the same AppConfig stores profile the planner reads).
 */
@ExtendWith(LocalAwsExtension.class)
class LiveStoresEndToEndTest {
    private static final String RENAMED = "1051707";
    private static final String SWITCHED_OFF = "951291";
    private static final String NEW_NAME = "새솔 리뉴얼점";

    private static Instant kst(String local) {
        return LocalDateTime.parse(local).atZone(Messages.KST).toInstant();
    }

    private static Map<String, Object> booking(long id, String store, Instant start) {
        return NaverBookingJson.of(id, store, "110분/1~4인촬영", "RC03", "김민수", "010-7" + id % 1000 + "-" + (1000 + id % 9000),
                2, start.minus(Duration.ofDays(1)), start, Duration.ofHours(2));
    }

    private static List<String> summaries(LocalPipeline p) {
        return p.telegram.messages().stream().map(TelegramMessage::text).filter(t -> t.contains("place-notify ")).toList();
    }

    @Test
    void aStoreSwitchedOffAndABranchRenamedLiveReachTheFetcherAndNotifierOnTheNextCycle(LocalAws aws, @TempDir Path dir)
            throws Exception {
        Instant first = kst("2025-10-22T14:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("cfgsto"))
                .withAppConfig(Duration.ofSeconds(1)), new SimulatedClock(first))) {
            p.naver.setBookings(RENAMED, List.of(booking(9301, RENAMED, kst("2025-10-23T15:00"))));
            assertThat(p.awaitRun(p.tick(first), Duration.ofSeconds(90)).complete()).isTrue();
            assertThat(p.naver.requestsFor(SWITCHED_OFF)).as("bundled catalog: every store is fetched").isNotEmpty();
            assertThat(summaries(p)).last().satisfies(s -> assertThat(s).contains("화성 새솔점").doesNotContain(NEW_NAME));

            ObjectNode doc = (ObjectNode) StoreCatalog.bundledDocument().deepCopy();
            ((ObjectNode) doc.get("stores").get(0)).put("name", NEW_NAME);
            ((ObjectNode) doc.get("stores").get(1)).put("enabled", false);
            assertThat(doc.get("stores").get(0).get("storeId").asText()).isEqualTo(RENAMED);
            assertThat(doc.get("stores").get(1).get("storeId").asText()).isEqualTo(SWITCHED_OFF);
            Path stores = dir.resolve("stores.json");
            Files.writeString(stores, doc.toPrettyString());
            LiveConfigEndToEndTest.Cli.Result push = new LiveConfigEndToEndTest.Cli(p).run("config", "push", stores.toString(),
                    "--kind", "stores", "--yes");
            assertThat(push.code()).as(push.toString()).isZero();

            Thread.sleep(1_200); // the stages' cached copy (max age 1 s here, 60 s deployed) ages out
            int fetchedBefore = p.naver.requestsFor(SWITCHED_OFF).size();
            Instant second = kst("2025-10-22T14:20");
            p.naver.setBookings(RENAMED, List.of(booking(9301, RENAMED, kst("2025-10-23T15:00")),
                    booking(9302, RENAMED, kst("2025-10-23T16:00"))));
            assertThat(p.awaitRun(p.tick(second), Duration.ofSeconds(90)).complete()).isTrue();

            assertThat(p.naver.requestsFor(SWITCHED_OFF)).as("the switched-off store is not fetched").hasSize(fetchedBefore);
            assertThat(summaries(p)).last().satisfies(s -> assertThat(s).contains(NEW_NAME).contains("매장 7/7"));
        }
    }
}
