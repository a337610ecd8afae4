package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.fetcher.FanOut;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunStarted;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, per-booking history: after real cycles through all four stages, {@code ./operator history} shows each
 * booking's trail from the bookings and idempotency tables (Queries on the new indexes, no scan), masked.
 */
@ExtendWith(LocalAwsExtension.class)
class HistoryTest {
    private static final String STORE = "1051707";

    private static Instant kst(String local) {
        return LocalDateTime.parse(local).atZone(Messages.KST).toInstant();
    }

    private static Map<String, Object> booking(long id, Instant start, String phone) {
        return NaverBookingJson.of(id, STORE, "110분/1~4인촬영", "RC03", "김민수", phone, 2, start.minus(Duration.ofDays(2)),
                start, Duration.ofHours(2));
    }

    private static List<String> eventsOf(JsonNode history) {
        List<String> out = new ArrayList<>();
        history.get("entries").forEach(e -> out.add(e.get("event").asText() + (e.get("rule").isNull() ? "" : " " + e.get("rule").asText())));
        return out;
    }

    @Test
    void aBookingsTrailAfterACycleIsPlannedThenSentAndFoundByBookingPhoneAndDay(LocalAws aws) {
        Instant cycle = kst("2025-10-22T14:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("hist1")),
                new SimulatedClock(cycle))) {
            p.naver.setBookings(STORE, List.of(booking(7301, kst("2025-10-22T15:00"), "010-7301-5678"),
                    booking(7302, kst("2025-10-22T15:30"), "02-555-1234")));
            assertThat(p.awaitRun(p.tick(cycle), Duration.ofSeconds(90)).complete()).isTrue();
            OperatorRun cli = new OperatorRun(p);

            OperatorRun.Result text = cli.run("history", "--booking", "7301");
            assertThat(text.code()).as(text.toString()).isZero();
            assertThat(text.out()).contains("booking 7301 · store 1051707 화성 새솔점 · 김*수 010-****-5678 · RC03")
                    .contains("CONFIRMATION").contains("예약확정").contains("SENT").contains("REMINDER").contains("HELD")
                    .doesNotContain("7301-5678").doesNotContain("김민수");

            JsonNode json = cli.run("history", "--booking", "7301", "--store", STORE, "--json").json();
            assertThat(json).hasSize(1);
            assertThat(eventsOf(json.get(0))).containsExactly("FIRST_SEEN", "PLANNED CONFIRMATION", "PLANNED REMINDER",
                    "HELD REMINDER", "SENT CONFIRMATION", "SENT REMINDER");

            JsonNode byPhone = cli.run("history", "--phone", "01073015678", "--json").json();
            assertThat(byPhone).singleElement().satisfies(h -> assertThat(h.get("bookingId").asText()).isEqualTo("7301"));

            // 02-... is no mobile number: the planner skipped it, so there is a plan but no send record.
            JsonNode day = cli.run("history", "--store", STORE, "--date", "2025-10-22", "--json").json();
            assertThat(day).extracting(h -> h.get("bookingId").asText()).containsExactlyInAnyOrder("7301", "7302");
            JsonNode skipped = day.get(0).get("bookingId").asText().equals("7302") ? day.get(0) : day.get(1);
            assertThat(eventsOf(skipped)).contains("NO_SEND_RECORD CONFIRMATION");
            assertThat(cli.run("history", "--phone", "010-9999-0000").out()).contains("no record found");
        }
    }

    @Test
    void aReplayHoursLateShowsTheExpiredTexts(LocalAws aws) {
        Instant cycle = kst("2025-10-22T14:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("hist2")),
                new SimulatedClock(cycle))) {
            p.naver.setBookings(STORE, List.of(booking(7311, kst("2025-10-22T15:00"), "010-7311-0001")));
            p.clock().set(kst("2025-10-22T16:30"));
            String runId = FanOut.runIdFor(cycle);
            LocalDate day = LocalDate.ofInstant(cycle, Messages.KST);
            p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.RESULT))
                    .messageBody(MessageCodec.encode(RunStarted.of(runId, cycle, FetchMode.NORMAL, List.of(STORE)))));
            p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.FETCH)).messageBody(MessageCodec.encode(
                    FetchRequest.of(runId, STORE, new DateWindow(day, day.plusDays(14)), FetchMode.NORMAL, cycle))));
            assertThat(p.awaitRun(runId, Duration.ofSeconds(90)).summarized()).isTrue();
            assertThat(p.sens.messages()).isEmpty();

            JsonNode json = new OperatorRun(p).run("history", "--booking", "7311", "--json").json();
            assertThat(eventsOf(json.get(0))).contains("EXPIRED CONFIRMATION", "EXPIRED REMINDER").doesNotContain("SENT CONFIRMATION");
        }
    }
}
