package dev.placenotify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void fetchRequestRoundTripsAndToleratesUnknownFields() {
        FetchRequest req = FetchRequest.of("run-1", "1051707",
                new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 11, 5)), FetchMode.SEED, CYCLE);
        String json = MessageCodec.encode(req);
        String withExtra = json.replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");
        assertThat(MessageCodec.decode(withExtra, FetchRequest.class)).isEqualTo(req);
    }

    @Test
    void missingRequiredFieldIsNamed() {
        String json = "{\"schemaVersion\":1,\"storeId\":\"1\",\"window\":{\"from\":\"2025-10-22\",\"to\":\"2025-10-23\"},"
                + "\"cycleAt\":\"2025-10-22T05:00:00Z\"}";
        assertThatThrownBy(() -> MessageCodec.decode(json, FetchRequest.class))
                .isInstanceOf(MessageDecodingException.class)
                .hasMessageContaining("FetchRequest")
                .hasMessageContaining("runId");
    }

    @Test
    void futureSchemaVersionIsRejected() {
        String json = "{\"schemaVersion\":99,\"runId\":\"r\",\"storeId\":\"1\",\"window\":{\"from\":\"2025-10-22\","
                + "\"to\":\"2025-10-23\"},\"cycleAt\":\"2025-10-22T05:00:00Z\"}";
        assertThatThrownBy(() -> MessageCodec.decode(json, FetchRequest.class))
                .hasMessageContaining("unsupported schemaVersion 99");
    }

    @Test
    void garbageIsADecodingError() {
        assertThatThrownBy(() -> MessageCodec.decode("not json", SmsJob.class))
                .isInstanceOf(MessageDecodingException.class).hasMessageStartingWith("SmsJob:");
        assertThatThrownBy(() -> MessageCodec.decode("", SmsJob.class))
                .isInstanceOf(MessageDecodingException.class).hasMessageContaining("empty");
    }

    @Test
    void runEventsArePolymorphic() {
        JobRef ref = new JobRef("1051707", "5011", "CONFIRMATION", "예약확정", "1051707:5011:CONFIRMATION", SmsType.SMS, "김*수", "5678");
        List<RunEvent> events = List.of(
                RunStarted.of("run-1", CYCLE, FetchMode.NORMAL, List.of("1051707")),
                new StoreFetched(1, "run-1", "1051707", 2, Map.of("RC03", 3), List.of(), 120L, 1),
                new ChunkPlanned(1, "run-1", "1051707", 0, List.of(ref), List.of(new SkippedItem("9", "landline"))),
                SendOutcome.of("run-1", ref, OutcomeStatus.SENT, "req-1", null, CYCLE, false),
                Alert.of("run-1", AlertCause.SESSION_EXPIRED, "default", "Naver session expired", CYCLE));
        for (RunEvent e : events) {
            assertThat(MessageCodec.decode(MessageCodec.encode(e), RunEvent.class)).isEqualTo(e);
        }
        assertThat(MessageCodec.encode(events.get(0))).contains("\"type\":\"RunStarted\"");
    }

    @Test
    void smsJobToStringMasksTheRecipient() {
        SmsJob job = new SmsJob(1, "r", "s", "b", "REMINDER", null, null, "01012345678", "0311234567", SmsType.SMS,
                ContentType.COMM, null, "hi", "k", CYCLE, CYCLE.plusSeconds(86_400), null);
        assertThat(job.toString()).contains("010-****-5678").doesNotContain("01012345678");
    }

    @Test
    void smsJobWithoutNotAfterIsRejectedByName() {
        SmsJob job = new SmsJob(1, "r", "s", "b", "REMINDER", "상세안내", "김*수", "01012345678", "0311234567", SmsType.SMS,
                ContentType.COMM, null, "hi", "k", CYCLE, CYCLE.plusSeconds(3600), null);
        String json = MessageCodec.encode(job).replaceFirst(",\"notAfter\":\"[^\"]+\"", "");
        assertThatThrownBy(() -> MessageCodec.decode(json, SmsJob.class)).hasMessageContaining("notAfter");
    }

    @Test
    void aJobWrittenWithKindStillDecodesItsRule() {
        SmsJob job = new SmsJob(1, "r", "s", "b", "REMINDER", null, null, "01012345678", "0311234567", SmsType.SMS,
                ContentType.COMM, null, "hi", "k", CYCLE, CYCLE.plusSeconds(3600), null);
        String old = MessageCodec.encode(job).replace("\"rule\":", "\"kind\":");
        SmsJob decoded = MessageCodec.decode(old, SmsJob.class);
        assertThat(decoded.rule()).isEqualTo("REMINDER");
        assertThat(decoded.label()).isEqualTo("REMINDER");
        assertThat(decoded.ref().phoneLast4()).isEqualTo("5678");
    }

    @Test
    void aJobIsExpiredFromItsNotAfterOn() {
        SmsJob job = new SmsJob(1, "r", "s", "b", "REMINDER", null, null, "01012345678", "0311234567", SmsType.SMS,
                ContentType.COMM, null, "hi", "k", CYCLE, CYCLE.plusSeconds(3600), null);
        assertThat(job.expiredAt(CYCLE.plusSeconds(3599))).isFalse();
        assertThat(job.expiredAt(CYCLE.plusSeconds(3600))).isTrue();
    }

    @Test
    void bookingOptionsAndFormAnswersTravelInTheSnapshot() {
        Booking b = new Booking("5011", "1051707", "촬영", "RC03", "김민수", "010-1234-5678", 2, CYCLE,
                LocalDate.of(2025, 10, 22), CYCLE, CYCLE.plusSeconds(3600),
                List.of(new BookingOption("20266307", "110분/1~4인촬영 (네이버 리뷰 이벤트)", 1)),
                List.of(new FormAnswer("리뷰 이벤트", "네~ :)")), true);
        BookingSnapshot snap = new BookingSnapshot(1, "run-1", "1051707", CYCLE, CYCLE, FetchMode.NORMAL,
                new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 10, 22)), 0, 1, List.of(b), List.of());
        BookingSnapshot back = MessageCodec.decode(MessageCodec.encode(snap), BookingSnapshot.class);
        assertThat(back).isEqualTo(snap);
        assertThat(back.bookings().get(0).options().get(0).name()).contains("네이버");
        assertThat(back.bookings().get(0).privacyMasked()).isTrue();
        assertThat(b.toString()).doesNotContain("네~").doesNotContain("김민수");
    }

    @Test
    void dateWindowSlicesCoverExactlyInPiecesOfAtMost31Days() {
        DateWindow w = new DateWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1));
        List<DateWindow> slices = w.slices(31);
        assertThat(slices).hasSize(2);
        assertThat(slices.get(0)).isEqualTo(new DateWindow(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31)));
        assertThat(slices.get(1)).isEqualTo(new DateWindow(LocalDate.of(2025, 2, 1), LocalDate.of(2025, 3, 1)));
    }
}
