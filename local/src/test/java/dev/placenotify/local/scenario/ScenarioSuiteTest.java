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
 * The default rules (the legacy v2's), each with its edge, proven through the whole local pipeline: every
 * scenario file in
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
            assertThat(s.key()).startsWith(s.storeId() + ":" + s.bookingId() + ":" + s.rule());
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
            assertThat(s.contentType()).as("the v2 texts are all informational").isEqualTo("COMM");
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
            Map<String, Long> byRule = report.sms(at).stream().collect(Collectors.groupingBy(Sms::rule, Collectors.counting()));
            Map<String, Long> reported = new java.util.HashMap<>();
            summary.get("sentByRule").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    reported.put(e.getKey(), e.getValue().asLong());
                }
            });
            assertThat(reported).as("sent per rule at " + at).isEqualTo(byRule);
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
                            .contains("storeId", "bookingId", "rule", "to", "type", "contentType", "content");
                }
                assertThat(tick.get("summary").fieldNames()).toIterable().contains("sent", "failed", "skipped", "skipReasons");
            }
            assertCommonProperties(report);
        }

        @Test
        void theReminderWindowIncludesExactlyTwoHours() {
            // 7001 starts 16:00: 14:00 is exactly 120 min before, inside the v2's window (start - 2 h <= now).
            assertThat(report.rules(T1, "7001")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T1, "7001").get(1)).satisfies(s -> {
                assertThat(s.key()).isEqualTo("1051707:7001:REMINDER:" + kstEpoch("2025-10-22T16:00"));
                assertThat(s.content()).startsWith("[플레이스 셀프사진관 화성점] 김민수님, 10월 22일(수) 16:00 예약 상세 안내입니다.")
                        .contains("도어락 비밀번호");
                assertThat(s.type()).isEqualTo("LMS");
                assertThat(s.subject()).isEqualTo("[플레이스 셀프사진관] 상세 안내");
            });
            assertThat(report.sms(T2, "7001")).isEmpty();
            assertThat(report.sms(T3, "7001")).isEmpty();
        }

        @Test
        void eachStoreKeepsItsOwnLeadAndItsOwnGuide() {
            // 안산점 reminds 60 min ahead: 7101 (15:00) is exactly at the lead at 14:00, 7102 (15:30) waits until 14:40.
            assertThat(report.rules(T1, "7101")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.rules(T1, "7102")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "7102")).isEmpty();
            assertThat(report.sms(T3, "7102")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("REMINDER");
                assertThat(s.content()).contains("중앙역 2번 출구").doesNotContain("새솔");
            });
        }

        @Test
        void aNewBookingInsideTheLeadGetsItsConfirmationBeforeItsGuide() {
            List<Sms> all = report.sms(T1);
            assertThat(report.rules(T1, "7002")).containsExactly("CONFIRMATION", "REMINDER");
            Function<String, Integer> position = rule -> all.indexOf(all.stream()
                    .filter(s -> s.bookingId().equals("7002") && s.rule().equals(rule)).findFirst().orElseThrow());
            assertThat(position.apply("CONFIRMATION")).isLessThan(position.apply("REMINDER"));
        }

        @Test
        void theV2ConfirmationSyncForAKnownBookingWithoutOne() {
            // 7008 was first seen at 13:50, already started: recorded, not confirmed. Moved to 15:30 at 14:20,
            // it is a known booking inside 2 hours with neither text: confirmation first, then the guide.
            assertThat(report.sms(T1, "7008")).isEmpty();
            assertThat(report.rules(T2, "7008")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T3, "7008")).isEmpty();
        }

        @Test
        void repeatedTicksWithTheSameBookingsSendNothingAgain() {
            assertThat(report.summary(T3).get("planned").asInt()).isEqualTo(1);
            assertThat(report.allSms()).extracting(Sms::key).doesNotHaveDuplicates();
        }

        @Test
        void anEmojiInTheNameIsStrippedAndTheMessageStillSent() {
            assertThat(report.sms(T1, "7003")).singleElement().satisfies(s -> {
                assertThat(s.to()).isEqualTo("01022223333"); // written "+82 10-2222-3333"
                assertThat(s.content()).startsWith("[플레이스 셀프사진관] 지수님, 예약이 확정되었습니다.")
                        .contains("- 일시: 10월 23일(목) 11:00");
            });
        }

        @Test
        void aLandlineIsSkippedOnceWithAMaskedReasonInTheSummary() {
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("7004"));
            assertThat(report.skipReasons(T1)).contains("1051707: CONFIRMATION not sent: phone ***67 is a landline number, not a mobile");
            assertThat(report.skipReasons(T1)).noneMatch(r -> r.contains("123-4567") || r.contains("박서준"));
            assertThat(report.slack(T1).getFirst().toString()).contains("landline number");
            // Recorded as handled: not reported again next cycle, and no tick fails because of it.
            assertThat(report.skipReasons(T2)).isEmpty();
        }

        @Test
        void aRequestedBookingWaitsUntilItIsConfirmed() {
            assertThat(report.sms(T1, "7005")).isEmpty();
            assertThat(report.rules(T2, "7005")).containsExactly("CONFIRMATION");
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
        void aStoresOwnConfirmationReplacesTheSharedOne() {
            assertThat(report.sms(T1, "7101").getFirst()).satisfies(s -> {
                assertThat(s.type()).isEqualTo("LMS");
                assertThat(s.subject()).isEqualTo("[안산점] 예약 확정");
                assertThat(s.content()).startsWith("[안산점] 최유나님, 10월 22일(수) 15:00 파티룸 6명 예약이 확정되었습니다.")
                        .endsWith("문의 031-987-6543");
            });
        }

        @Test
        void summariesCountWhatWasSentPerRule() {
            assertThat(report.summary(T1).get("sent").asInt()).isEqualTo(8);
            assertThat(report.summary(T1).get("sentByRule").get("CONFIRMATION").asInt()).isEqualTo(5);
            assertThat(report.summary(T1).get("sentByRule").get("REMINDER").asInt()).isEqualTo(3);
            assertThat(report.summary(T2).get("sent").asInt()).isEqualTo(3);
            assertThat(report.summary(T3).get("sent").asInt()).isEqualTo(1);
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

        /** The optional notices are off by default; a rule file switches them on for 안산점 only. */
        @BeforeAll
        void run() {
            report = ScenarioReport.simulate("cancel-reschedule.json", ScenarioReport.defaultRulesWith("""
                    stores:
                      "951291":
                        rules:
                          - {id: CANCELLATION, enabled: true}
                          - {id: RESCHEDULE, enabled: true}
                    """));
        }

        @Test
        void sharedProperties() {
            assertCommonProperties(report);
            assertThat(report.ticks()).extracting(t -> t.get("sms").size()).containsExactly(5, 2, 1, 1);
        }

        @Test
        void cancelledThenRescheduledThenReinstatedGetsOnlyTheGuideForTheNewStart() {
            assertThat(report.rules(T1, "8001")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "8001")).isEmpty(); // cancelled
            assertThat(report.sms(T3, "8001")).isEmpty(); // cancelled and moved: still nothing
            assertThat(report.sms(T4, "8001")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("REMINDER");
                assertThat(s.key()).isEqualTo("1051707:8001:REMINDER:" + kstEpoch("2025-10-25T11:00"));
                assertThat(s.content()).contains("10월 25일(토) 11:00");
            });
        }

        @Test
        void aCancellationSuppressesTheGuideThatWouldHaveBeenDue() {
            // 8002 starts 13:10: not yet due at 11:00 (130 min), cancelled at 12:00 when it would be.
            assertThat(report.rules(T1, "8002")).containsExactly("CONFIRMATION");
            assertThat(report.allSms()).filteredOn(s -> s.bookingId().equals("8002")).extracting(Sms::rule)
                    .containsExactly("CONFIRMATION");
        }

        @Test
        void aRescheduleReArmsTheGuideWithoutASecondConfirmation() {
            assertThat(report.rules(T1, "8003")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T1, "8003").get(1).key()).isEqualTo("1051707:8003:REMINDER:" + kstEpoch("2025-10-22T11:30"));
            assertThat(report.sms(T2, "8003")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("REMINDER");
                assertThat(s.key()).isEqualTo("1051707:8003:REMINDER:" + kstEpoch("2025-10-22T12:30"));
                assertThat(s.content()).contains("12:30");
            });
            assertThat(report.sms(T3, "8003")).isEmpty();
        }

        @Test
        void noticesOnlyWhereTheRuleFileTurnedThemOn() {
            assertThat(report.rules(T1, "8101")).containsExactly("CONFIRMATION");
            assertThat(report.sms(T2, "8101")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("RESCHEDULE");
                assertThat(s.content()).contains("10월 23일(목) 16:00").contains("변경");
            });
            assertThat(report.sms(T3, "8101")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("CANCELLATION");
                assertThat(s.content()).contains("취소");
            });
            // Never confirmed, so never told it was cancelled.
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("8102"));
            // 화성점 keeps the default (notices off).
            assertThat(report.allSms()).filteredOn(s -> s.storeId().equals("1051707"))
                    .extracting(Sms::rule).doesNotContain("CANCELLATION", "RESCHEDULE");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EveningReviewRequestAndMidnight {
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
            assertThat(report.ticks()).extracting(t -> t.get("sms").size()).containsExactly(1, 3, 0, 0, 3, 0);
        }

        @Test
        void theReviewRequestGoesAtEightToTodaysBookingsWhoseOptionsNameTheEventOnce() {
            assertThat(report.sms(T1940)).extracting(Sms::rule).doesNotContain("EVENT");
            // 9101 completed (네이버), 9102 still confirmed (RC03, 인스타), 9104 with 원본 in the middle of its option.
            assertThat(report.sms(T2000)).extracting(Sms::key).containsExactlyInAnyOrder("1051707:9101:EVENT:2025-10-22",
                    "1051707:9102:EVENT:2025-10-22", "1120125:9104:EVENT:2025-10-22");
            // 9102, completed since, is not texted again at 20:40.
            assertThat(report.sms(T2040)).isEmpty();
        }

        @Test
        void noTextWithoutTheKeywordForYesterdayOrWhenFirstSeenAtNine() {
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("9103")); // completed, option without keyword
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("9105")); // dated yesterday
            assertThat(report.allSms()).noneMatch(s -> s.bookingId().equals("9106")); // first seen at 21:00
            assertThat(report.sms(T2100)).isEmpty();
        }

        @Test
        void theReviewRequestIsTheInformationalThanksWithTheEvent() {
            assertThat(report.sms(T2000)).filteredOn(s -> s.bookingId().equals("9101")).singleElement().satisfies(s -> {
                assertThat(s.contentType()).isEqualTo("COMM");
                assertThat(s.to()).isEqualTo("01011112222");
                assertThat(s.content()).startsWith("[플레이스 셀프사진관 화성점] 윤서아님, 오늘 방문해 주셔서 감사합니다.")
                        .contains("리뷰 이벤트").doesNotContain("(광고)");
                assertThat(s.subject()).isEqualTo("[플레이스 셀프사진관] 리뷰 이벤트 안내");
            });
        }

        @Test
        void aReservationAtHalfPastMidnightIsRemindedTheEveningBeforeWithItsOwnDate() {
            // 9201 is new at 23:40 and starts 00:30 the next day: confirmation, then the guide.
            assertThat(report.rules(T2340, "9201")).containsExactly("CONFIRMATION", "REMINDER");
            assertThat(report.sms(T2340, "9201").getFirst().content()).contains("10월 23일(목) 00:30");
            // 9202 was confirmed at 19:40 (for the next day) and gets its guide at 23:40 only.
            assertThat(report.sms(T1940, "9202")).singleElement().satisfies(s -> {
                assertThat(s.rule()).isEqualTo("CONFIRMATION");
                assertThat(s.content()).contains("10월 23일(목) 00:30");
            });
            assertThat(report.rules(T2340, "9202")).containsExactly("REMINDER");
            assertThat(report.sms(T2340, "9202").getFirst().key()).isEqualTo("1120125:9202:REMINDER:" + kstEpoch("2025-10-23T00:30"));
            assertThat(report.sms(T0000)).isEmpty();
        }
    }
}
