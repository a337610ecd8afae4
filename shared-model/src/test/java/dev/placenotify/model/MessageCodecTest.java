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
        JobRef ref = new JobRef("1051707", "5011", MessageKind.CONFIRMATION, "1051707:5011:CONFIRMATION", SmsType.SMS);
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
        SmsJob job = new SmsJob(1, "r", "s", "b", MessageKind.REMINDER, "01012345678", "0311234567", SmsType.SMS,
                ContentType.COMM, null, "hi", "k", CYCLE, null);
        assertThat(job.toString()).contains("010-****-5678").doesNotContain("01012345678");
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
