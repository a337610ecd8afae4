package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.model.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code rules preview} against the local stack: bookings from the Naver simulator through the sessions
 * table, stored states from the bookings table written by a real cycle. It writes nothing (bookings,
 * sessions, queues, SENS are as before), and the next real cycle sends exactly the texts it showed.
 */
@ExtendWith(LocalAwsExtension.class)
class RulesPreviewTest {
    private static final Instant NOON = Instant.parse("2025-10-22T03:00:00Z");   // 12:00 KST
    private static final Instant TWO_PM = Instant.parse("2025-10-22T05:00:00Z"); // 14:00 KST
    private static final String STORE = "1051707";
    private static final String EXAMPLES = "../rules/examples.yaml";

    @TempDir
    Path dir;

    @Test
    void previewShowsWhatTheNextCycleSendsAndChangesNothing(LocalAws aws) throws IOException {
        SimulatedClock clock = new SimulatedClock(NOON);
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("preview")),
                clock)) {
            p.naver.setBookings(STORE, List.of(
                    booking(6101, "김민수", "010-1234-5678", "2025-10-22T06:30:00Z"),   // 15:30 KST
                    booking(6102, "이서연", "010-2222-3333", "2025-10-22T04:30:00Z"),   // 13:30 KST
                    booking(6103, "박지훈", "031-123-4567", "2025-10-22T09:00:00Z")));  // 18:00 KST, a landline
            String noon = p.tick(NOON);
            assertThat(p.awaitRun(noon, Duration.ofSeconds(90)).summarized()).isTrue();
            assertThat(p.sens.messages()).hasSize(3); // 6101 confirmed; 6102 confirmed and reminded
            p.naver.addBooking(STORE, booking(6104, "정하늘", "010-4444-5555", "2025-10-22T06:00:00Z")); // new, 15:00 KST
            clock.set(TWO_PM);
            Map<String, Map<String, AttributeValue>> bookingsBefore = scan(p, Topology.BOOKINGS);
            Map<String, Map<String, AttributeValue>> sessionsBefore = scan(p, Topology.SESSIONS);
            int naverCalls = p.naver.requestsFor(STORE).size();
            OperatorRun op = new OperatorRun(p);

            OperatorRun.Result r = op.run("rules", "preview", EXAMPLES, "--at", "2025-10-22T14:00", "--store", STORE);

            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Preview of ../rules/examples.yaml at 2025-10-22 14:00 KST: nothing is sent or written")
                    .contains("bookings: Naver " + p.naver.baseUrl() + " (2025-10-22 to 2025-11-05, as a scheduled fetch reads them)"
                            + " with the sessions of local environment " + p.resources().environmentName())
                    .contains("state:    table " + p.table(Topology.BOOKINGS) + " (read only)")
                    .contains("CONFIRMATION 예약확정: 1 text")
                    .contains("REMINDER 상세안내: 2 texts")
                    .contains("EVENT 리뷰요청: no text")
                    .contains("Skipped: none")
                    .containsPattern("화성 새솔점 +6104 +정\\*늘 +5555 +LMS +COMM +1051707:6104:CONFIRMATION +2025-10-22 15:00")
                    .containsPattern("화성 새솔점 +6101 +김\\*수 +5678 +LMS +COMM +1051707:6101:REMINDER:1761114600 +2025-10-22 15:30"
                            + " +\\[플레이스 셀프사진관\\] 상세 안내")
                    .containsPattern("화성 새솔점 +6104 +정\\*늘 +5555 +LMS +COMM +1051707:6104:REMINDER:1761112800");
            assertThat(r.out()).doesNotContain("도어락").doesNotContain("김민수").doesNotContain("1234-5678");
            assertThat(p.naver.requestsFor(STORE).size()).as("it read Naver").isGreaterThan(naverCalls);

            OperatorRun.Result shown = op.run("rules", "preview", EXAMPLES, "--at", "2025-10-22T14:00", "--store", STORE, "--show-text");
            assertThat(shown.out()).contains("도어락 비밀번호: [도어락 번호]").contains("[플레이스 셀프사진관 화성 새솔점] 김*수님")
                    .doesNotContain("김민수");

            // Every enabled store by default, as JSON.
            OperatorRun.Result json = op.run("rules", "preview", EXAMPLES, "--json");
            assertThat(json.code()).as(json.toString()).isZero();
            JsonNode doc = json.json();
            // "Now" by default: the simulated clock, set to 14:00 KST and running on since.
            assertThat(Instant.parse(doc.path("at").asText())).isAfterOrEqualTo(TWO_PM).isBefore(TWO_PM.plus(Duration.ofMinutes(5)));
            assertThat(doc.path("stores")).hasSize(8);
            List<String> previewed = new ArrayList<>();
            doc.path("rules").forEach(rule -> rule.path("texts").forEach(t -> previewed.add(t.path("key").asText())));
            assertThat(previewed).containsExactlyInAnyOrder("1051707:6104:CONFIRMATION", "1051707:6101:REMINDER:1761114600",
                    "1051707:6104:REMINDER:1761112800");

            // --compare: the same bookings under a file whose REMINDER is off.
            Path noReminder = dir.resolve("no-reminder.yaml");
            String examples = Files.readString(Path.of(EXAMPLES), StandardCharsets.UTF_8);
            Files.writeString(noReminder, examples.replace("  - id: REMINDER\n    label: 상세안내\n",
                    "  - id: REMINDER\n    enabled: false\n    label: 상세안내\n"), StandardCharsets.UTF_8);
            OperatorRun.Result compared = op.run("rules", "preview", noReminder.toString(), "--store", STORE, "--compare", "--json");
            JsonNode c = compared.json().path("compare");
            assertThat(c.path("onlyThis")).isEmpty();
            assertThat(c.path("onlyOther")).extracting(t -> t.path("key").asText())
                    .containsExactlyInAnyOrder("1051707:6101:REMINDER:1761114600", "1051707:6104:REMINDER:1761112800");

            // Nothing was written or sent by any of these.
            assertThat(scan(p, Topology.BOOKINGS)).isEqualTo(bookingsBefore);
            assertThat(scan(p, Topology.SESSIONS)).isEqualTo(sessionsBefore);
            assertThat(p.sens.messages()).hasSize(3);
            assertThat(p.depth(p.resources().queueUrl(Topology.SMS), true)).isZero();
            assertThat(p.depth(p.resources().queueUrl(Topology.SNAPSHOT), true)).isZero();

            // The real cycle at 14:00 sends exactly what the preview showed.
            String two = p.tick(TWO_PM);
            assertThat(p.awaitRun(two, Duration.ofSeconds(90)).summarized()).isTrue();
            List<String> sent = p.sens.messages().stream().skip(3).map(SensMessage::idempotencyKey).toList();
            assertThat(sent).containsExactlyInAnyOrderElementsOf(previewed);

            // A session Naver rejects is reported, not marked: the fetcher owns that.
            Map<String, Map<String, AttributeValue>> sessions = scan(p, Topology.SESSIONS);
            p.naver.expireAllSessions();
            OperatorRun.Result rejected = op.run("rules", "preview", EXAMPLES, "--store", STORE);
            assertThat(rejected.code()).as(rejected.toString()).isEqualTo(1);
            assertThat(rejected.err()).contains("Naver rejected the session of account default (store 1051707)")
                    .contains("session import");
            assertThat(scan(p, Topology.SESSIONS)).isEqualTo(sessions);
        }
    }

    private static Map<String, Object> booking(long id, String name, String phone, String startUtc) {
        return NaverBookingJson.of(id, STORE, "셀프촬영 110분", "RC03", name, phone, 2, Instant.parse("2025-10-20T01:00:00Z"),
                Instant.parse(startUtc), Duration.ofMinutes(110));
    }

    private static Map<String, Map<String, AttributeValue>> scan(LocalPipeline p, dev.placenotify.model.TableSpec table) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        p.aws().dynamo().scanPaginator(b -> b.tableName(p.table(table)).consistentRead(true)).items()
                .forEach(i -> items.put(i.get(table.partitionKey()).s() + (table.hasSortKey() ? "/" + i.get(table.sortKey()).s() : ""), i));
        return items;
    }
}
