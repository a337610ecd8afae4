package dev.placenotify.operator.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.operator.history.BookingHistory.Event;
import dev.placenotify.operator.history.HistoryRecords.BookingItem;
import dev.placenotify.operator.history.HistoryRecords.SendItem;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BookingHistoryTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    private static final Instant START = Instant.parse("2025-10-22T06:00:00Z");
    private static final String CONF = "1051707:5011:CONFIRMATION";
    private static final String REM = "1051707:5011:REMINDER:1761112800";

    private static SendItem send(String key, String rule, String label, String outcome, String error, String afterKey) {
        return new SendItem(key, "1051707", "5011", rule, label, "c20251022T1400", CYCLE, START, afterKey, "김*수",
                "010-****-5678", outcome == null ? "SENDING" : "COMPLETED", outcome, error,
                outcome == null ? null : CYCLE.plusSeconds(3), CYCLE.plusSeconds(1), outcome == null ? null : "req-1");
    }

    private static BookingItem item(Set<String> planned, Set<String> pending) {
        return new BookingItem("1051707", "5011", "RC03", START, CYCLE, CYCLE, planned, pending);
    }

    @Test
    void deliveryResultsAndEvidenceFollowTheOutcome() {
        SendItem base = send(CONF, "CONFIRMATION", "예약확정", "SENT", null, null);
        SendItem delivered = new SendItem(base.key(), base.storeId(), base.bookingId(), base.rule(), base.label(), base.runId(),
                base.plannedFor(), base.notAfter(), base.afterKey(), base.customer(), base.phone(), base.state(), base.outcome(),
                base.error(), base.completedAt(), base.sendingAt(), base.providerRequestId(), new HistoryRecords.DeliveryFacts(
                        "FAILED", "3018", "수신 거부", CYCLE.plusSeconds(240), true, "FOUND", "SENS lists message M1",
                        CYCLE.plusSeconds(120), "UNKNOWN"));
        BookingHistory h = BookingHistory.assemble(Optional.empty(), List.of(delivered));
        assertThat(h.entries()).extracting(BookingHistory.Entry::event).containsExactly(Event.PLANNED, Event.SENT,
                Event.FOUND_AT_SENS, Event.NOT_DELIVERED);
        assertThat(h.entries().get(1).detail()).contains("was UNKNOWN until SENS's list showed it");
        assertThat(h.entries().get(3).detail()).isEqualTo("the carrier refused it: 3018 수신 거부");
        assertThat(h.entries().get(3).at()).isEqualTo(CYCLE.plusSeconds(240));

        SendItem absent = new SendItem(base.key(), base.storeId(), base.bookingId(), base.rule(), base.label(), base.runId(),
                base.plannedFor(), base.notAfter(), base.afterKey(), base.customer(), base.phone(), base.state(), "UNKNOWN",
                "no answer", base.completedAt(), base.sendingAt(), null, new HistoryRecords.DeliveryFacts(null, null, null, null,
                        false, "ABSENT", "SENS lists no message to 010-****-5678", CYCLE.plusSeconds(600), null));
        assertThat(BookingHistory.assemble(Optional.empty(), List.of(absent)).entries()).last().satisfies(e -> {
            assertThat(e.event()).isEqualTo(Event.ABSENT_AT_SENS);
            assertThat(e.detail()).contains("SENS lists no message to 010-****-5678").contains("sends resend");
        });
    }

    @Test
    void aSentConfirmationAndAHeldReminderThatExpiredReadInOrder() {
        BookingHistory h = BookingHistory.assemble(Optional.of(item(Set.of(CONF, REM), Set.of())), List.of(
                send(REM, "REMINDER", "상세안내", "EXPIRED", "past notAfter", CONF),
                send(CONF, "CONFIRMATION", "예약확정", "SENT", null, null)));
        assertThat(h.entries()).extracting(BookingHistory.Entry::event).containsExactly(Event.FIRST_SEEN, Event.PLANNED,
                Event.PLANNED, Event.HELD, Event.SENT, Event.EXPIRED);
        assertThat(h.entries().get(3).detail()).contains("held until " + CONF);
        assertThat(h.entries().get(5).detail()).isEqualTo("past notAfter");
        assertThat(h.customer()).isEqualTo("김*수");
        assertThat(h.phone()).isEqualTo("010-****-5678");
        assertThat(h.status()).isEqualTo("RC03");
    }

    @Test
    void aPlannedKeyWithoutASendRecordSaysSoAndAPendingOneIsOnItsWay() {
        String event = "1051707:5011:EVENT:2025-10-22";
        BookingHistory h = BookingHistory.assemble(Optional.of(item(Set.of(CONF, REM, event), Set.of(event))),
                List.of(send(CONF, "CONFIRMATION", "예약확정", "SENT", null, null)));
        assertThat(h.entries()).filteredOn(e -> REM.equals(e.key())).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo(Event.NO_SEND_RECORD);
            assertThat(e.rule()).isEqualTo("REMINDER");
            assertThat(e.at()).isNull();
        });
        assertThat(h.entries()).filteredOn(e -> event.equals(e.key())).singleElement()
                .satisfies(e -> assertThat(e.event()).isEqualTo(Event.PENDING));
        assertThat(h.entries().get(h.entries().size() - 1).at()).as("untimed entries last").isNull();
    }

    @Test
    void aSendWithoutOutcomeIsInFlightAndUnknownExplainsTheResendRule() {
        BookingHistory h = BookingHistory.assemble(Optional.empty(), List.of(send(CONF, "CONFIRMATION", "예약확정", null, null, null),
                send(REM, "REMINDER", "상세안내", "UNKNOWN", "answer lost", null)));
        assertThat(h.storeId()).isEqualTo("1051707");
        assertThat(h.bookingId()).isEqualTo("5011");
        assertThat(h.entries()).extracting(BookingHistory.Entry::event).contains(Event.SENDING, Event.UNKNOWN);
        assertThat(h.entries()).filteredOn(e -> e.event() == Event.UNKNOWN).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("operator's resend").contains("answer lost"));
    }

    @Test
    void phoneHashesIgnoreFormatting() {
        assertThat(dev.placenotify.shell.HistoryKeys.phoneHash("010-1234-5678"))
                .isEqualTo(dev.placenotify.shell.HistoryKeys.phoneHash("01012345678"))
                .isEqualTo(dev.placenotify.shell.HistoryKeys.phoneHash("+82 10-1234-5678"))
                .isNotEqualTo(dev.placenotify.shell.HistoryKeys.phoneHash("010-1234-5679"));
    }
}
