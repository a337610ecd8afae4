package dev.placenotify.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.local.ScenarioCommand;
import dev.placenotify.local.scenario.ScenarioReport.Sms;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planner's rules, each with its edge, proven through the whole local pipeline: every scenario file in
 * {@code src/test/resources/scenarios} runs once ({@code ./run-local simulate}: fresh emulators, all four
 * stages, real queues and tables) and its report is checked tick by tick. Several rules share a scenario
 * where their bookings cannot interfere, because each run costs a few seconds.
 */
class ScenarioSuiteTest {
    private static final Charset EUC_KR = Charset.forName("EUC-KR");

    private static long kstEpoch(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(Messages.KST).toEpochSecond();
    }

    /** Checks every scenario shares: no key twice, text SENS can carry, and summaries that add up. */
    private static void assertCommonProperties(ScenarioReport report) {
        Map<String, Long> perKey = report.allSms().stream().collect(Collectors.groupingBy(Sms::key, Collectors.counting()));
        assertThat(perKey).as("SMS per idempotency key over the whole scenario").allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
        for (Sms s : report.allSms()) {
            assertThat(s.key()).startsWith(s.storeId() + ":" + s.bookingId() + ":" + s.kind());
            assertThat(EUC_KR.newEncoder().canEncode(s.content())).as("EUC-KR content of " + s).isTrue();
            int bytes = s.content().getBytes(EUC_KR).length;
            if (s.type().equals("SMS")) {
                assertThat(bytes).as("SMS bytes of " + s).isLessThanOrEqualTo(90);
                assertThat(s.subject()).isNull();
            } else {
                assertThat(s.type()).isEqualTo("LMS");
                assertThat(bytes).as("LMS bytes of " + s).isBetween(91, 2000);
                assertThat(s.subject().getBytes(EUC_KR).length).isBetween(1, 40);
            }
            assertThat(s.contentType()).isEqualTo(s.kind().equals("EVENT") ? "AD" : "COMM");
            assertThat(s.to()).matches("01[016789]\\d{7,8}");
        }
        for (JsonNode tick : report.ticks()) {
            String at = tick.get("at").asText();
            JsonNode summary = tick.get("summary");
            int sms = tick.get("sms").size();
            assertThat(summary.get("summarized").asBoolean()).as("summarized at " + at).isTrue();
            assertThat(summary.get("complete").asBoolean()).as("complete at " + at).isTrue();
            assertThat(summary.get("sent").asInt()).as("sent at " + at).isEqualTo(sms);
            assertThat(summary.get("planned").asInt()).as("planned at " + at).isEqualTo(sms);
            assertThat(summary.get("failed").asInt()).isZero();
            assertThat(summary.get("skipped").asInt()).isZero();
            assertThat(summary.get("unknown").asInt()).isZero();
            Map<String, Long> byKind = report.sms(at).stream().collect(Collectors.groupingBy(Sms::kind, Collectors.counting()));
            summary.get("sentByKind").fields().forEachRemaining(e ->
                    assertThat(e.getValue().asLong()).as(e.getKey() + " sent at " + at).isEqualTo(byKind.getOrDefault(e.getKey(), 0L)));
            // One summary per channel per run, naming no customer.
            assertThat(report.telegram(at)).singleElement().satisfies(text -> {
                assertThat(text).contains("SMS 발송 " + sms + "건");
                assertThat(text).doesNotContainPattern("01[016789]-?\\d{3,4}-?\\d{4}");
            });
            assertThat(report.slack(at)).singleElement().satisfies(p -> assertThat(p.get("blocks").size()).isGreaterThan(1));
            for (Sms s : report.sms(at)) {
                assertThat(String.join("\n", report.telegram(at))).doesNotContain(s.to());
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class ServiceRules {
        static final String T1 = "2025-10-22T14:00:00+09:00";
        static final String T2 = "2025-10-22T14:20:00+09:00";
        static final String T3 = "2025-10-22T14:40:00+09:00";

        ScenarioReport report;
        int exitCode;
        String output;

        /** This scenario goes through the command line entry, so the report file itself is checked too. */
        @BeforeAll
        void runThroughTheCommand(@TempDir Path dir) throws Exception {
            Path scenario = dir.resolve("service-rules.json");
            Files.writeString(scenario, ScenarioReport.resource("service-rules.json"), StandardCharsets.UTF_8);
            Path reportFile = dir.resolve("out/report.json");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            exitCode = ScenarioCommand.run(List.of("--scenario", scenario.toString(), "--report", reportFile.toString()),
                    new PrintStream(buffer, true, StandardCharsets.UTF_8));
            output = buffer.toString(StandardCharsets.UTF_8);
            System.out.print(output);
            report = new ScenarioReport(MessageCodec.mapper().readTree(Files.readString(reportFile, StandardCharsets.UTF_8)));
        }

        @Test
        void theCommandExitsZeroAndWritesAParsableReportWithOneEntryPerTick() {
            assertThat(exitCode).as(output).isZero();
            assertThat(output).contains("report written to");
            assertThat(report.ticks()).extracting(t -> t.get("at").asText()).containsExactly(T1, T2, T3);
            assertThat(report.ticks()).extracting(t -> t.get("runId").asText())
                    .containsExactly("c20251022T1400", "c20251022T1420", "c20251022T1440");
            for (JsonNode tick : report.ticks()) {
                assertThat(tick.fieldNames()).toIterable().contains("at", "sms", "summary", "telegram", "slack");
                for (JsonNode sms : tick.get("sms")) {
                    assertThat(sms.fieldNames()).toIterable()
                            .contains("storeId", "bookingId", "kind", "to", "type", "contentType", "content");
                }
                assertThat(tick.get("summary").fieldNames()).toIterable().contains("sent", "failed", "skipped", "skipReasons");
            }
            assertCommonProperties(report);
        }

        @Test
        void noReminderAtExactlyTheLeadButAtTheNextTick() {
            // 7001 starts 16:00: 14:00 is exactly 120 min before (not strictly under the lead).
            assertThat(report.kinds(T1, "7001")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "7001")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("REMINDER");
                assertThat(s.key()).isEqualTo("1051707:7001:REMINDER:" + kstEpoch("2025-10-22T16:00"));
                assertThat(s.content()).contains("10월 22일(수) 16:00");
            });
            assertThat(report.sms(T3, "7001")).isEmpty();
        }

        @Test
        void eachStoreKeepsItsOwnLead() {
            // 안산점 reminds 60 min ahead: 7101 starts 15:00, so 14:00 is exactly the lead.
            assertThat(report.kinds(T1, "7101")).containsExactly("CONFIRMATION");
            assertThat(report.kinds(T2, "7101")).containsExactly("REMINDER");
        }

        @Test
        void aNewBookingInsideTheLeadGetsItsConfirmationBeforeItsReminder() {
            List<Sms> all = report.sms(T1);
            assertThat(report.kinds(T1, "7002")).containsExactly("CONFIRMATION", "REMINDER");
            Function<String, Integer> position = kind -> all.indexOf(all.stream()
                    .filter(s -> s.bookingId().equals("7002") && s.kind().equals(kind)).findFirst().orElseThrow());
            assertThat(position.apply("CONFIRMATION")).isLessThan(position.apply("REMINDER"));
        }

        @Test
        void repeatedTicksWithTheSameBookingsSendNothingAgain() {
            assertThat(report.sms(T3)).isEmpty();
            assertThat(report.summary(T3).get("planned").asInt()).isZero();
            assertThat(report.allSms()).extracting(Sms::key).doesNotHaveDuplicates();
        }

        @Test
        void anEmojiInTheNameIsStrippedAndTheMessageStillSent() {
            assertThat(report.sms(T1, "7003")).singleElement().satisfies(s -> {
                assertThat(s.to()).isEqualTo("01022223333"); // written "+82 10-2222-3333"
                assertThat(s.content()).isEqualTo("[화성점] 지수님, 10월 23일(목) 11:00 예약이 확정되었습니다. 감사합니다.");
            });
        }

        @Test
        void aLandlineIsSkippedOnceWithAMaskedReasonInTheSummary() {
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("7004"));
            assertThat(report.skipReasons(T1)).contains("1051707: CONFIRMATION not sent: phone ***67 is a landline number, not a mobile");
            assertThat(report.skipReasons(T1)).noneMatch(r -> r.contains("123-4567") || r.contains("박서준"));
            assertThat(report.telegram(T1)).singleElement().asString().contains("건너뛴 예약 2건");
            assertThat(report.slack(T1).getFirst().toString()).contains("landline number");
            // Recorded as handled: not reported again next cycle, and no tick fails because of it.
            assertThat(report.skipReasons(T2)).isEmpty();
        }

        @Test
        void aRequestedBookingWaitsUntilItIsConfirmed() {
            assertThat(report.sms(T1, "7005")).isEmpty();
            assertThat(report.kinds(T2, "7005")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T3, "7005")).isEmpty();
        }

        @Test
        void aBookingFirstSeenAfterItsStartGetsNoMessage() {
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("7006"));
        }

        @Test
        void aMalformedBookingIsSkippedWithItsReasonAndTheRestIsPlanned() {
            assertThat(report.skipReasons(T1)).contains("1051707: malformed booking: no start time");
            assertThat(report.summary(T1).get("bookingsSkipped").asInt()).isEqualTo(2);
            assertThat(report.sms(T1)).extracting(Sms::bookingId).contains("7001", "7002", "7003");
        }

        @Test
        void aLongTemplateGoesAsLmsWithItsSubject() {
            assertThat(report.sms(T1, "7101")).singleElement().satisfies(s -> {
                assertThat(s.type()).isEqualTo("LMS");
                assertThat(s.subject()).isEqualTo("[안산점] 예약 확정");
                assertThat(s.content()).startsWith("[안산점] 최유나님, 10월 22일(수) 15:00 파티룸 6명 예약이 확정되었습니다.")
                        .endsWith("문의 031-987-6543");
                assertThat(s.content().getBytes(EUC_KR).length).isGreaterThan(90);
            });
            // The default templates of the same store still fit one SMS.
            assertThat(report.sms(T2, "7101")).singleElement().extracting(Sms::type).isEqualTo("SMS");
        }

        @Test
        void summariesCountWhatWasSentPerKind() {
            assertThat(report.summary(T1).get("sent").asInt()).isEqualTo(5);
            assertThat(report.summary(T1).get("sentByKind").get("CONFIRMATION").asInt()).isEqualTo(4);
            assertThat(report.summary(T1).get("sentByKind").get("REMINDER").asInt()).isEqualTo(1);
            assertThat(report.summary(T2).get("sent").asInt()).isEqualTo(3);
            assertThat(report.summary(T2).get("sentByKind").get("REMINDER").asInt()).isEqualTo(2);
            assertThat(report.summary(T3).get("sent").asInt()).isZero();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class CancellationAndReschedule {
        static final String T1 = "2025-10-22T10:00:00+09:00";
        static final String T2 = "2025-10-22T11:00:00+09:00";
        static final String T3 = "2025-10-22T12:00:00+09:00";
        static final String T4 = "2025-10-25T10:00:00+09:00";

        ScenarioReport report;

        @BeforeAll
        void run() {
            report = ScenarioReport.simulate("cancel-reschedule.json");
        }

        @Test
        void sharedProperties() {
            assertCommonProperties(report);
            assertThat(report.ticks()).extracting(t -> t.get("sms").size()).containsExactly(5, 2, 1, 1);
        }

        @Test
        void cancelledThenRescheduledThenReinstatedGetsOnlyTheReminderForTheNewStart() {
            assertThat(report.kinds(T1, "8001")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "8001")).isEmpty(); // cancelled
            assertThat(report.sms(T3, "8001")).isEmpty(); // cancelled and moved: still nothing
            assertThat(report.sms(T4, "8001")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("REMINDER");
                assertThat(s.key()).isEqualTo("1051707:8001:REMINDER:" + kstEpoch("2025-10-25T11:00"));
                assertThat(s.content()).contains("10월 25일(토) 11:00");
            });
        }

        @Test
        void aCancellationSuppressesTheReminderThatWouldHaveBeenDue() {
            // 8002 starts 13:00: 11:00 is exactly the lead (no reminder), at 12:00 it is cancelled.
            assertThat(report.kinds(T1, "8002")).containsExactly("CONFIRMATION");
            assertThat(report.allSms()).filteredOn(s -> s.bookingId().equals("8002")).extracting(Sms::kind)
                    .containsExactly("CONFIRMATION");
        }

        @Test
        void aRescheduleReArmsTheReminderWithoutASecondConfirmation() {
            assertThat(report.kinds(T1, "8003")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T1, "8003").get(1).key()).isEqualTo("1051707:8003:REMINDER:" + kstEpoch("2025-10-22T11:30"));
            assertThat(report.sms(T2, "8003")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("REMINDER");
                assertThat(s.key()).isEqualTo("1051707:8003:REMINDER:" + kstEpoch("2025-10-22T12:30"));
                assertThat(s.content()).contains("12:30");
            });
            assertThat(report.sms(T3, "8003")).isEmpty();
        }

        @Test
        void noticesOnlyWhereTheStoreTurnedThemOn() {
            assertThat(report.kinds(T1, "8101")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "8101")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("RESCHEDULE");
                assertThat(s.content()).contains("10월 23일(목) 16:00").contains("변경");
            });
            assertThat(report.sms(T3, "8101")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("CANCELLATION");
                assertThat(s.content()).contains("취소");
            });
            // Never confirmed, so never told it was cancelled.
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("8102"));
            // 화성점 has the notices off (the default).
            assertThat(report.allSms()).filteredOn(s -> s.storeId().equals("1051707"))
                    .extracting(Sms::kind).doesNotContain("CANCELLATION", "RESCHEDULE");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EveningEventAndMidnight {
        static final String T1940 = "2025-10-22T19:40:00+09:00";
        static final String T2000 = "2025-10-22T20:00:00+09:00";
        static final String T2040 = "2025-10-22T20:40:00+09:00";
        static final String T2100 = "2025-10-22T21:00:00+09:00";
        static final String T2340 = "2025-10-22T23:40:00+09:00";
        static final String T0000 = "2025-10-23T00:00:00+09:00";

        ScenarioReport report;

        @BeforeAll
        void run() {
            report = ScenarioReport.simulate("evening-and-midnight.json");
        }

        @Test
        void sharedProperties() {
            assertCommonProperties(report);
            assertThat(report.ticks()).extracting(t -> t.get("sms").size()).containsExactly(1, 1, 1, 0, 3, 0);
        }

        @Test
        void eventOnlyFromEightUntilNineOncePerCompletedBooking() {
            assertThat(report.sms(T1940)).extracting(Sms::kind).doesNotContain("EVENT");
            assertThat(report.sms(T2000)).extracting(Sms::key).containsExactly("1051707:9101:EVENT:2025-10-22");
            // 9101 is not sent again at 20:40; 9102, completed since, is.
            assertThat(report.sms(T2040)).extracting(Sms::key).containsExactly("1051707:9102:EVENT:2025-10-22");
            // 9103 is completed at 21:00: too late, then and afterwards.
            assertThat(report.sms(T2100)).isEmpty();
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("9103"));
        }

        @Test
        void eventOnlyInStoresThatEnableIt() {
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("9104"));
            assertThat(report.allSms()).filteredOn(s -> s.kind().equals("EVENT")).extracting(Sms::storeId).containsOnly("1051707");
        }

        @Test
        void eventIsAdvertisingThatNamesTheStoreAndEndsWithTheOptOutNumber() {
            assertThat(report.sms(T2000)).singleElement().satisfies(s -> {
                assertThat(s.contentType()).isEqualTo("AD");
                assertThat(s.to()).isEqualTo("01011112222");
                assertThat(s.content()).startsWith("(광고)[화성점]").endsWith("080-123-4567").contains("무료수신거부");
                assertThat(s.subject()).startsWith("(광고)");
            });
        }

        @Test
        void aReservationAtHalfPastMidnightIsRemindedTheEveningBeforeWithItsOwnDate() {
            // 9201 is new at 23:40 and starts 00:30 the next day: confirmation, then reminder.
            assertThat(report.kinds(T2340, "9201")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T2340, "9201")).allSatisfy(s -> assertThat(s.content()).contains("10월 23일(목) 00:30"));
            // 9202 was confirmed at 19:40 (for the next day) and is reminded at 23:40 only.
            assertThat(report.sms(T1940, "9202")).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("CONFIRMATION");
                assertThat(s.content()).contains("10월 23일(목) 00:30");
            });
            assertThat(report.kinds(T2340, "9202")).containsExactly("REMINDER");
            assertThat(report.sms(T2340, "9202").getFirst().key()).isEqualTo("1120125:9202:REMINDER:" + kstEpoch("2025-10-23T00:30"));
            assertThat(report.sms(T0000)).isEmpty();
        }
    }
}
