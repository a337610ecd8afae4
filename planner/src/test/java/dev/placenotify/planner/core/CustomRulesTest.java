package dev.placenotify.planner.core;

import static dev.placenotify.planner.core.Fixtures.STORE_ID;
import static dev.placenotify.planner.core.Fixtures.TTL;
import static dev.placenotify.planner.core.Fixtures.booking;
import static dev.placenotify.planner.core.Fixtures.kst;
import static dev.placenotify.planner.core.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.planner.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an owner's rule file can do beyond the defaults. */
class CustomRulesTest {
    static final StoreSettings STORE = store().optOut("0801234567").build();

    static Decision decide(RuleSet rules, Instant now, StoreSettings store, Booking... bookings) {
        return Planner.decide(new Planner.Cycle(now, store, rules, FetchMode.NORMAL, now, TTL), List.of(bookings), Map.of());
    }

    static RuleSet examplesWith(String... enabledIds) throws Exception {
        String yaml = Files.readString(Path.of("../rules/examples.yaml"));
        for (String id : enabledIds) {
            yaml = yaml.replaceFirst("(- id: " + id + "\n(?:.*\n)*?    )enabled: false", "$1enabled: true");
        }
        return Fixtures.rules(yaml);
    }

    @Test
    void theDateRangePromotionIsAdvertisingFramedAndStaleAtNine() throws Exception {
        RuleSet rules = examplesWith("PROMOTION");
        Booking christmas = booking("5011").start("2025-12-25T15:00").build();
        Decision d = decide(rules, kst("2025-12-24T19:40"), STORE, christmas);
        assertThat(d.messages()).filteredOn(m -> m.rule().equals("PROMOTION")).singleElement().satisfies(m -> {
            assertThat(m.label()).isEqualTo("연말이벤트");
            assertThat(m.contentType()).isEqualTo(ContentType.AD);
            assertThat(m.content()).startsWith("(광고)[화성 새솔점] 김민수님, 12월 25일(목) 예약해 주셔서 감사합니다.")
                    .endsWith("\n무료수신거부 080-123-4567");
            assertThat(m.notAfter()).as("the end of its hour, before quiet hours").isEqualTo(kst("2025-12-24T20:00"));
            assertThat(m.afterKey()).isEqualTo(STORE_ID + ":5011:CONFIRMATION");
        });
        assertThat(decide(rules, kst("2025-12-24T20:00"), STORE, christmas).messages())
                .noneMatch(m -> m.rule().equals("PROMOTION"));
        assertThat(decide(rules, kst("2025-12-24T19:40"), store().id("951291").optOut("0801234567").build(), christmas)
                .messages()).as("storeIn").noneMatch(m -> m.rule().equals("PROMOTION"));
        assertThat(decide(rules, kst("2025-12-20T19:40"), STORE, booking("5012").start("2025-12-23T15:00").build()).messages())
                .as("outside the range").noneMatch(m -> m.rule().equals("PROMOTION"));
    }

    @Test
    void aDigestRuleAddsAMaskedSummaryLineOnceAndTextsNobody() throws Exception {
        RuleSet rules = examplesWith("EXPERT_RETOUCH");
        var shell = new Fixtures.Store(rules);
        Booking b = booking("5011").name("김민수").option("110분 촬영").option("전문가 보정", 2).build();
        Decision first = shell.cycle(kst("2025-10-20T10:00"), STORE, b);
        assertThat(first.messages()).extracting(PlannedMessage::rule).containsExactly("CONFIRMATION");
        assertThat(first.notes()).singleElement().satisfies(n -> {
            assertThat(n.rule()).isEqualTo("EXPERT_RETOUCH");
            assertThat(n.label()).isEqualTo("전문가보정");
            assertThat(n.customer()).isEqualTo("김*수");
            assertThat(n.phoneLast4()).isEqualTo("5678");
            assertThat(n.text()).isEqualTo("화성 새솔점 10월 22일(수) 15:30 김*수(5678) 110분 촬영, 전문가 보정 ×2");
            assertThat(n.channels()).containsExactly(RunNote.Channel.SLACK);
            assertThat(n.idempotencyKey()).isEqualTo(STORE_ID + ":5011:EXPERT_RETOUCH");
        });
        assertThat(shell.get("5011").plannedKeys()).contains(STORE_ID + ":5011:EXPERT_RETOUCH");
        assertThat(shell.cycle(kst("2025-10-20T10:20"), STORE, b).notes()).isEmpty();
    }

    @Test
    void aNoteOfACrashedDecisionIsEmittedAgain() throws Exception {
        var shell = new Fixtures.Store(examplesWith("EXPERT_RETOUCH"));
        Booking b = booking("5011").option("전문가 보정").build();
        shell.cycle(kst("2025-10-20T10:00"), STORE, FetchMode.NORMAL, List.of(b), false);
        assertThat(shell.cycle(kst("2025-10-20T10:20"), STORE, b).notes()).hasSize(1);
    }

    @Test
    void theHolidayListNeedsTheOptionTwiceWithinTheRange() throws Exception {
        RuleSet rules = examplesWith("HOLIDAY_LIST");
        Instant now = kst("2026-02-10T10:00");
        Booking twice = booking("1").start("2026-02-16T11:00").option("전문가 보정", 2).build();
        Booking once = booking("2").start("2026-02-16T11:00").option("전문가 보정", 1).build();
        Booking outside = booking("3").start("2026-02-19T11:00").option("전문가 보정", 3).build();
        assertThat(decide(rules, now, STORE, twice, once, outside).notes()).extracting(PlannedNote::bookingId).containsExactly("1");
    }

    @Test
    void theDailyListAtTenIsOncePerDay() throws Exception {
        var shell = new Fixtures.Store(examplesWith("DAILY_LIST"));
        Booking today = booking("5011").status("RC08").start("2025-10-22T15:30").build();
        assertThat(shell.cycle(kst("2025-10-22T21:40"), STORE, today).notes()).isEmpty();
        assertThat(shell.cycle(kst("2025-10-22T22:00"), STORE, today).notes()).singleElement()
                .satisfies(n -> assertThat(n.idempotencyKey()).isEqualTo(STORE_ID + ":5011:DAILY_LIST:2025-10-22"));
        assertThat(shell.cycle(kst("2025-10-22T22:20"), STORE, today).notes()).isEmpty();
    }

    @Test
    void theOptionalNoticesWhenSwitchedOn() throws Exception {
        var shell = new Fixtures.Store(examplesWith("CANCELLATION", "RESCHEDULE"));
        shell.cycle(kst("2025-10-20T10:00"), STORE, booking("5011").build());
        Decision moved = shell.cycle(kst("2025-10-20T11:00"), STORE, booking("5011").start("2025-10-23T11:00").build());
        assertThat(moved.messages()).singleElement().satisfies(m -> {
            assertThat(m.rule()).isEqualTo("RESCHEDULE");
            assertThat(m.idempotencyKey()).isEqualTo(STORE_ID + ":5011:RESCHEDULE:" + kst("2025-10-23T11:00").getEpochSecond());
            assertThat(m.content()).isEqualTo("[플레이스 화성 새솔점] 김민수님, 예약이 10월 23일(목) 11:00(으)로 변경되었습니다. 문의: 031-123-4567");
        });
        assertThat(shell.cycle(kst("2025-10-20T11:20"), STORE, booking("5011").start("2025-10-23T11:00").build()).messages()).isEmpty();
        Decision cancelled = shell.cycle(kst("2025-10-20T12:00"), STORE, booking("5011").status("RC04").start("2025-10-23T11:00").build());
        assertThat(cancelled.messages()).extracting(PlannedMessage::rule).containsExactly("CANCELLATION");
        assertThat(shell.cycle(kst("2025-10-20T12:20"), STORE, booking("5011").status("RC04").start("2025-10-23T11:00").build())
                .messages()).isEmpty();

        var neverConfirmed = new Fixtures.Store(examplesWith("CANCELLATION"));
        neverConfirmed.cycle(kst("2025-10-20T10:00"), STORE, booking("6011").status("RC02").build());
        assertThat(neverConfirmed.cycle(kst("2025-10-20T11:00"), STORE, booking("6011").status("RC04").build()).messages())
                .as("no notice for a booking never confirmed").isEmpty();
    }

    @Test
    void aRescheduleNoticeIntoTheLeadPrecedesTheReminder() throws Exception {
        var shell = new Fixtures.Store(examplesWith("RESCHEDULE"));
        shell.cycle(kst("2025-10-21T10:00"), STORE, booking("5011").build());
        Decision d = shell.cycle(kst("2025-10-21T10:10"), STORE, booking("5011").start("2025-10-21T11:00").build());
        assertThat(d.messages()).extracting(PlannedMessage::rule).containsExactly("RESCHEDULE", "REMINDER");
        assertThat(d.messages().get(1).afterKey()).isEqualTo(d.messages().get(0).idempotencyKey());
    }

    @Test
    void formAnswersAndValidityLimits() {
        RuleSet rules = Fixtures.rules("""
                version: 1
                templates: {thanks: {body: "{customerName}님 리뷰 이벤트 참여 감사합니다"}}
                rules:
                  - id: FORM
                    label: 폼응답
                    when: [{formAnswer: {title: 리뷰 이벤트, contains: 네}}, {status: RC03}]
                    send: {template: thanks}
                    validForMinutes: 30
                """);
        Instant now = kst("2025-10-20T10:00");
        Decision d = decide(rules, now, STORE, booking("1").answer("리뷰 이벤트", "네~ :)").build(),
                booking("2").answer("리뷰 이벤트", "아니요").build(), booking("3").build());
        assertThat(d.messages()).singleElement().satisfies(m -> {
            assertThat(m.bookingId()).isEqualTo("1");
            assertThat(m.notAfter()).isEqualTo(now.plusSeconds(1800));
        });
    }

    @Test
    void aRuleThatImpliesNoBoundIsValidForADay() {
        RuleSet rules = Fixtures.rules("""
                version: 1
                templates: {t: {body: "안녕하세요"}}
                rules: [{id: ANY, label: any, when: [{status: RC08}], send: {template: t}}]
                """);
        Instant now = kst("2025-10-22T16:00");
        assertThat(decide(rules, now, STORE, booking("1").status("RC08").build()).messages().getFirst().notAfter())
                .isEqualTo(now.plusSeconds(24 * 3600));
    }

    @Test
    void advertisingPlannedInQuietHoursIsStaleAtOnce() {
        RuleSet rules = Fixtures.rules("""
                version: 1
                templates: {t: {body: "쿠폰"}}
                rules: [{id: AD, label: ad, when: [], send: {template: t, contentType: AD}}]
                """);
        Instant late = kst("2025-10-22T21:10");
        assertThat(decide(rules, late, STORE, booking("1").build()).messages().getFirst().notAfter()).isEqualTo(late);
        Instant morning = kst("2025-10-22T09:00");
        assertThat(decide(rules, morning, STORE, booking("1").build()).messages().getFirst().notAfter())
                .isEqualTo(kst("2025-10-22T21:00"));
    }

    @Test
    void aStoreOverrideDisablesARuleForOneStoreOnly() {
        RuleSet rules = Fixtures.rules(Fixtures.V2Text.TEXT + """
                stores:
                  "951291":
                    rules:
                      - {id: EVENT, enabled: false}
                """);
        Booking reviewer = booking("5011").status("RC08").option("네이버 리뷰").build();
        assertThat(decide(rules, kst("2025-10-22T20:00"), STORE, reviewer).messages()).hasSize(1);
        assertThat(decide(rules, kst("2025-10-22T20:00"), store().id("951291").build(), reviewer).messages()).isEmpty();
    }
}
