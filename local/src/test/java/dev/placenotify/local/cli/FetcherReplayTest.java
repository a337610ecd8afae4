package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Topology;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fetcher fault that an operator can fix: the Naver session expired, so the store's fetch fails on every
 * delivery and the redrive policy takes it to the fetch DLQ. Importing fresh cookies fixes the cause;
 * replaying the DLQ fetches the store and its new booking is confirmed.
 */
@ExtendWith(LocalAwsExtension.class)
class FetcherReplayTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST
    private static final String STORE = "1051707";

    @Test
    void anExpiredSessionsFetchIsReplayedAfterFreshCookiesAreImported(LocalAws aws, @TempDir Path dir) throws Exception {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("opfetch"))
                .withVisibility(Duration.ofSeconds(1)), new SimulatedClock(CYCLE))) {
            p.naver.setBookings(STORE, List.of(NaverBookingJson.of(9001, STORE, "룸 A", "RC03", "김민수", "010-1234-5678", 2,
                    CYCLE.minusSeconds(3600), CYCLE.plus(Duration.ofDays(1)), Duration.ofHours(2))));
            p.naver.expireAllSessions();
            OperatorRun op = new OperatorRun(p);
            String fetchDlq = p.resources().dlqUrl(Topology.FETCH);

            OperatorRun.Result backfill = op.run("backfill", "--store", STORE, "--from", "2025-10-23", "--to", "2025-10-23",
                    "--mode", "normal", "--yes");
            assertThat(backfill.code()).as(backfill.toString()).isZero();
            String runId = backfill.runId();
            await().atMost(Duration.ofSeconds(40)).until(() -> p.depth(fetchDlq, true) == 1);

            // Status shows it; the session is expired and Naver says so.
            assertThat(op.run("status", "--stage", "fetcher", "--json").json().path("stages").get(0).path("dlq")
                    .path("visible").asLong()).isEqualTo(1);
            OperatorRun.Result expired = op.run("session", "check", "--account", LocalPipeline.NAVER_ACCOUNT);
            assertThat(expired.code()).as(expired.toString()).isEqualTo(1);
            assertThat(expired.out()).contains("EXPIRED").contains("rejects the cookies");

            // A dry run lists the message and moves nothing.
            OperatorRun.Result dry = op.run("replay", "--stage", "fetcher", "--dry-run");
            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains(runId).contains(STORE).contains("(redriven after max receives)")
                    .contains("dry run: nothing moved");
            assertThat(p.depth(fetchDlq, true)).isEqualTo(1);
            assertThat(p.depth(p.resources().queueUrl(Topology.FETCH), true)).isZero();

            // Cookies Naver rejects are not stored.
            p.naver.acceptSession("fresh-aut", "fresh-ses");
            Path bad = Files.writeString(dir.resolve("bad.txt"), "NID_AUT=stale-aut; NID_SES=stale-ses");
            OperatorRun.Result refused = op.run("session", "import", "--account", LocalPipeline.NAVER_ACCOUNT,
                    "--cookies", bad.toString(), "--yes");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("Naver did not accept these cookies").contains("Nothing was stored")
                    .doesNotContain("stale-aut");
            long versionBefore = Long.parseLong(session(p).get("version").n());

            // The fix: fresh cookies, piped in as JSON.
            OperatorRun.Result imported = op.runWithStdin("{\"NID_AUT\":\"fresh-aut\",\"NID_SES\":\"fresh-ses\"}",
                    "session", "import", "--account", LocalPipeline.NAVER_ACCOUNT, "--cookies", "-", "--yes");
            assertThat(imported.code()).as(imported.toString()).isZero();
            assertThat(imported.out()).contains("stored: VALID, version " + (versionBefore + 1)).doesNotContain("fresh-aut");
            Map<String, AttributeValue> stored = session(p);
            assertThat(stored.get("nidAut").s()).isEqualTo("fresh-aut");
            assertThat(stored.get("status").s()).isEqualTo("VALID");
            assertThat(stored.get("importedBy").s()).isEqualTo("ci-operator");
            OperatorRun.Result valid = op.run("session", "check", "--account", LocalPipeline.NAVER_ACCOUNT);
            assertThat(valid.code()).as(valid.toString()).isZero();
            assertThat(valid.out()).contains("VALID").contains("accepts the cookies");

            // Replay: the fetch goes back once; the store is fetched with the new session.
            OperatorRun.Result replay = op.run("replay", "--stage", "fetcher", "--yes");
            assertThat(replay.code()).as(replay.toString()).isZero();
            assertThat(replay.out()).contains("1 message(s) in " + fetchDlq.substring(fetchDlq.lastIndexOf('/') + 1) + " when the replay started")
                    .contains("replayed 1 message(s)").contains("none of them came back");
            await().atMost(Duration.ofSeconds(30)).until(() -> p.sens.messages().stream()
                    .anyMatch(m -> m.idempotencyKey().startsWith(STORE + ":9001:CONFIRMATION")));
            assertThat(p.naver.requestsFor(STORE)).anyMatch(r -> "fresh-aut".equals(r.nidAut()) && r.sessionValid());
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(p.depth(fetchDlq, true)).isZero();
            assertThat(p.sens.countByKey(p.sens.messages().get(0).idempotencyKey())).isEqualTo(1);
        }
    }

    private static Map<String, AttributeValue> session(LocalPipeline p) {
        return p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.SESSIONS)).consistentRead(true)
                .key(Map.of("accountId", AttributeValue.fromS(LocalPipeline.NAVER_ACCOUNT)))).item();
    }
}
