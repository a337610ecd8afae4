package dev.placenotify.operator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules preview} on a scenario file (no AWS at all) and its argument handling. Against a stage's
 * Naver sessions and bookings table it is tested in the local module ({@code RulesPreviewTest}).
 */
class RulesPreviewCommandTest {
    private static final String EXAMPLES = "../rules/examples.yaml";
    private static final String SCENARIO = "src/test/resources/scenarios/preview.json";
    private static final long START_6001 = 1761114600L; // 2025-10-22 15:30 KST

    @TempDir
    Path dir;

    @Test
    void aScenarioTickWithoutStateTreatsEveryBookingAsNew() {
        CliRun r = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "1");

        assertThat(r.code()).as(r.toString()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("Preview of ../rules/examples.yaml at 2025-10-22 14:00 KST: nothing is sent or written");
        assertThat(r.out()).contains("bookings: scenario " + SCENARIO + ", ticks[1] at 2025-10-22T14:00+09:00")
                .contains("state:    none: every booking counts as not seen yet")
                .contains("stores:   1051707 화성 새솔점")
                .contains("CONFIRMATION 예약확정: 1 text")
                .contains("REMINDER 상세안내: 1 text")
                .contains("EVENT 리뷰요청: no text");
        assertThat(r.out()).containsPattern("화성 새솔점 +6001 +김\\*수 +5678 +LMS +COMM +1051707:6001:CONFIRMATION +2025-10-22 15:30 "
                + "+\\[플레이스 셀프사진관\\] 예약 확정 안내");
        assertThat(r.out()).containsPattern("6001 +김\\*수 +5678 +LMS +COMM +1051707:6001:REMINDER:" + START_6001
                + " +2025-10-22 15:30 +\\[플레이스 셀프사진관\\] 상세 안내");
        // The landline is a skip with its reason; Naver's unreadable entry is reported, the rest planned.
        assertThat(r.out()).containsPattern("Skipped \\(2\\)").containsPattern("6004 +unreadable booking from Naver")
                .containsPattern("6003 +CONFIRMATION not sent: phone 031-\\*\\*\\*\\*-4567 is a landline number");
        // Without --show-text: no rendered text, so no door code; never a full name or number.
        assertThat(r.out()).doesNotContain("7395#").doesNotContain("김민수").doesNotContain("5678-").doesNotContain("1234-5678")
                .doesNotContain("박지훈").doesNotContain("123-4567");
    }

    @Test
    void replayingTheEarlierTicksLeavesOnlyWhatIsStillDue() {
        CliRun r = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--at", "2025-10-22T14:10", "--replay");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("at 2025-10-22 14:10 KST")
                .contains("ticks[1] at 2025-10-22T14:00+09:00")
                .contains("state:    replayed in memory from ticks[0..0]")
                .contains("CONFIRMATION 예약확정: no text")
                .contains("REMINDER 상세안내: 1 text")
                .contains("1051707:6001:REMINDER:" + START_6001);
    }

    @Test
    void showTextPrintsTheRenderedTextsWithTheNameMasked() {
        CliRun r = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "1", "--show-text");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("--- 1051707:6001:REMINDER:" + START_6001 + " (LMS, COMM, subject: [플레이스 셀프사진관] 상세 안내)")
                .contains("김*수님, 10월 22일(수) 15:30 예약 상세 안내입니다.")
                .contains("도어락 비밀번호: 7395#")
                .doesNotContain("김민수");
    }

    @Test
    void jsonCarriesTheSameAndTextsOnlyOnRequest() throws IOException {
        CliRun plain = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "1", "--json");
        CliRun withText = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "1", "--json", "--show-text");

        assertThat(plain.code()).as(plain.toString()).isZero();
        JsonNode doc = MessageCodec.mapper().readTree(plain.out());
        assertThat(doc.path("at").asText()).isEqualTo("2025-10-22T05:00:00Z");
        assertThat(doc.path("atKst").asText()).isEqualTo("2025-10-22 14:00");
        assertThat(doc.path("stores").get(0).asText()).isEqualTo("1051707");
        JsonNode reminder = doc.path("rules").get(1);
        assertThat(reminder.path("id").asText()).isEqualTo("REMINDER");
        JsonNode text = reminder.path("texts").get(0);
        assertThat(text.path("key").asText()).isEqualTo("1051707:6001:REMINDER:" + START_6001);
        assertThat(text.path("customer").asText()).isEqualTo("김*수");
        assertThat(text.path("last4").asText()).isEqualTo("5678");
        assertThat(text.path("notAfter").asText()).isEqualTo("2025-10-22T06:30:00Z");
        assertThat(text.path("afterKey").asText()).isEqualTo("1051707:6001:CONFIRMATION");
        assertThat(text.has("text")).isFalse();
        assertThat(doc.path("skipped")).hasSize(2);
        assertThat(plain.out()).doesNotContain("7395#").doesNotContain("김민수");

        JsonNode shown = MessageCodec.mapper().readTree(withText.out()).path("rules").get(1).path("texts").get(0);
        assertThat(shown.path("text").asText()).contains("7395#").contains("김*수님").doesNotContain("김민수");
    }

    @Test
    void compareShowsWhatOnlyOneOfTwoRuleFilesWouldSend() throws IOException {
        Path noReminder = dir.resolve("no-reminder.yaml");
        String examples = Files.readString(Path.of(EXAMPLES), StandardCharsets.UTF_8);
        String original = "  - id: REMINDER\n    label: 상세안내\n";
        assertThat(examples).contains(original);
        Files.writeString(noReminder, examples.replace(original, "  - id: REMINDER\n    enabled: false\n    label: 상세안내\n"),
                StandardCharsets.UTF_8);

        CliRun r = CliRun.run("rules", "preview", noReminder.toString(), "--scenario", SCENARIO, "--tick", "1", "--compare");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Compared with bundled /rules.yaml:")
                .contains("only " + noReminder + " would send no text")
                .contains("only bundled /rules.yaml would send 1 text")
                .containsPattern("REMINDER 상세안내 +화성 새솔점 +6001 +김\\*수 +5678 +LMS +COMM +1051707:6001:REMINDER:" + START_6001)
                .contains("both would send, worded differently: none");

        CliRun same = CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "1", "--compare",
                "../planner/src/main/resources/rules.yaml");
        assertThat(same.out()).contains("Compared with ../planner/src/main/resources/rules.yaml:")
                .contains("no difference: both would send the same texts and summary lines");
    }

    /** The shipped scenario of the v2's evening rule (bookings with options in Naver's shape). */
    private static final String EVENING = "../local/src/test/resources/scenarios/evening-and-midnight.json";

    @Test
    void theDefaultEveningRuleTextsOnlyTodaysBookingsWhoseOptionsNameTheEvent() {
        CliRun r = CliRun.run("rules", "preview", EXAMPLES, "--scenario", EVENING, "--tick", "1", "--replay", "--json");

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode rules = json(r).path("rules");
        assertThat(texts(rules, "CONFIRMATION")).isEmpty();
        // 9101 RC08 "네이버", 9102 RC03 "인스타", 9104 "원본"; not 9103 (no keyword) nor 9105 (dated yesterday).
        assertThat(texts(rules, "EVENT")).containsExactlyInAnyOrder("1051707:9101:EVENT:2025-10-22",
                "1051707:9102:EVENT:2025-10-22", "1120125:9104:EVENT:2025-10-22");
    }

    @Test
    void switchingOnATemplateRuleShowsItsEffectAgainstTheDefaults() throws IOException {
        Path daily = dir.resolve("daily.yaml");
        String examples = Files.readString(Path.of(EXAMPLES), StandardCharsets.UTF_8);
        String off = "one line per booking of the day.\n    enabled: false\n";
        assertThat(examples).contains(off);
        Files.writeString(daily, examples.replace(off, off.replace("false", "true")), StandardCharsets.UTF_8);

        CliRun r = CliRun.run("rules", "preview", daily.toString(), "--scenario", EVENING, "--at", "2025-10-22T22:00",
                "--replay", "--compare");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("ticks[3] at 2025-10-22T21:00+09:00").contains("DAILY_LIST 오늘예약: 5 summary lines")
                .contains("  summary lines only " + daily + " would add: 5")
                .contains("  summary lines only bundled /rules.yaml would add: 0")
                .containsPattern("화성점 +9101 +윤\\*아 +2222 +slack +화성점 12:00 윤\\*아 키즈룸 2시간")
                .doesNotContain("윤서아");
    }

    private static JsonNode json(CliRun r) {
        try {
            return MessageCodec.mapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    private static List<String> texts(JsonNode rules, String rule) {
        for (JsonNode r : rules) {
            if (r.path("id").asText().equals(rule)) {
                return r.path("texts").findValues("key").stream().map(JsonNode::asText).toList();
            }
        }
        throw new AssertionError("no rule " + rule + " in " + rules);
    }

    @Test
    void anInvalidRuleFileIsRefusedBeforeAnyBookingIsRead() {
        CliRun r = CliRun.run("rules", "preview", "src/test/resources/rules/broken.yaml", "--scenario", SCENARIO);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("$.rules[1].when[0].hourOfDay");
    }

    @Test
    void argumentMistakesAreUsageErrors() {
        assertUsage(CliRun.run("rules", "preview", EXAMPLES), "preview needs bookings: name a pipeline");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--tick", "1", "--local-env", "x"), "--tick needs --scenario FILE");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--replay", "--local-env", "x",
                "--dynamodb-endpoint", "http://127.0.0.1:9"), "use one or the other");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--at", "tomorrow"),
                "--at 'tomorrow' is not a time");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--tick", "7"),
                "--tick 7: the scenario has ticks[0..1]");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--scenario", SCENARIO, "--store", "951291"),
                "store 951291 is not in the scenario's stores");
        assertUsage(CliRun.run("rules", "preview", EXAMPLES, "--scenario", "nope.json"), "cannot read scenario nope.json");
        assertThat(CliRun.run("rules", "preview").code()).isEqualTo(2); // picocli: FILE is required
    }

    private static void assertUsage(CliRun r, String message) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains(message);
    }
}
