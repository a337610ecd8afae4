package dev.placenotify.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.fetcher.FanOut;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.BookingSnapshot;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Replays hours late texts nobody about what is over (issue 13, item 5): a fetch replayed from its DLQ is
 * judged against its own cycle, so it plans what that cycle would have, and every text it plans carries
 * the moment it goes stale, which the sender enforces (EXPIRED, counted in the run's summary); an old
 * snapshot planned after a newer one never moves a booking's state back.
 */
@ExtendWith(LocalAwsExtension.class)
class StaleReplayTest {
    private static final String STORE = "1051707";

    private static Instant kst(String local) {
        return LocalDateTime.parse(local).atZone(Messages.KST).toInstant();
    }

    private static Map<String, Object> booking(long id, String status, Instant start, String phone, List<BookingOption> options) {
        return NaverBookingJson.withOptions(NaverBookingJson.of(id, STORE, "110분/1~4인촬영", status, "김민수", phone, 2,
                start.minus(Duration.ofDays(2)), start, Duration.ofHours(2)), options);
    }

    /** What a DLQ replay of one store's fetch of {@code cycleAt} puts back on the fetch queue, announced like a backfill. */
    private static String replayFetch(LocalPipeline p, Instant cycleAt) {
        String runId = FanOut.runIdFor(cycleAt);
        LocalDate day = LocalDate.ofInstant(cycleAt, Messages.KST);
        p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.RESULT))
                .messageBody(MessageCodec.encode(RunStarted.of(runId, cycleAt, FetchMode.NORMAL, List.of(STORE)))));
        p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.FETCH)).messageBody(MessageCodec.encode(
                FetchRequest.of(runId, STORE, new DateWindow(day, day.plusDays(14)), FetchMode.NORMAL, cycleAt))));
        return runId;
    }

    @Test
    void aFetchOfTwoOClockReplayedAtHalfPastFourTextsNobodyAboutAReservationAtThree(LocalAws aws) {
        Instant cycle = kst("2025-10-22T14:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("stale1")),
                new SimulatedClock(cycle))) {
            p.naver.setBookings(STORE, List.of(
                    booking(8801, "RC03", kst("2025-10-22T15:00"), "010-8801-0001", List.of()),
                    booking(8802, "RC03", kst("2025-10-24T15:00"), "010-8802-0002", List.of())));
            // The 14:00 fetch failed into its DLQ; an operator replays it at 16:30.
            p.clock().set(kst("2025-10-22T16:30"));
            String runId = replayFetch(p, cycle);
            LocalPipeline.RunStatus status = p.awaitRun(runId, Duration.ofSeconds(90));

            // Judged as 14:00: 8801 was due its confirmation and guide, both stale since 15:00; 8802's
            // confirmation is still worth sending.
            assertThat(p.sens.countByKey(STORE + ":8801:CONFIRMATION")).isZero();
            assertThat(p.sens.countByKey(STORE + ":8801:REMINDER:" + kst("2025-10-22T15:00").getEpochSecond())).isZero();
            assertThat(p.sens.countByKey(STORE + ":8802:CONFIRMATION")).isEqualTo(1);
            assertThat(p.sens.messages()).hasSize(1);
            assertThat(status.summarized()).isTrue();
            assertThat(status.summaryLine()).contains("발송 1").contains("만료 2");
            assertThat(p.telegram.messages()).singleElement().satisfies(m -> assertThat(m.text()).contains("만료 2"));
        }
    }

    @Test
    void theEveningRequestReplayedTheNextMorningIsNotSent(LocalAws aws) {
        Instant evening = kst("2025-10-22T20:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("stale2")),
                new SimulatedClock(evening))) {
            p.naver.setBookings(STORE, List.of(booking(8811, "RC08", kst("2025-10-22T15:00"), "010-8811-0001",
                    List.of(new BookingOption("20266308", "네이버 리뷰 이벤트", 1)))));
            p.clock().set(kst("2025-10-23T09:00"));
            String runId = replayFetch(p, evening);
            LocalPipeline.RunStatus status = p.awaitRun(runId, Duration.ofSeconds(90));

            assertThat(p.sens.messages()).as("20:00's review request is stale at 21:00").isEmpty();
            assertThat(status.summarized()).isTrue();
            assertThat(status.summaryLine()).contains("발송 0").contains("만료 1");
        }
    }

    @Test
    void anOldSnapshotPlannedAfterANewerOneDoesNotUndoACancellation(LocalAws aws) {
        Instant t1 = kst("2025-10-22T14:00");
        Instant t2 = kst("2025-10-22T14:20");
        Instant start = kst("2025-10-24T15:00");
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("stale3")),
                new SimulatedClock(t1))) {
            p.naver.setBookings(STORE, List.of(booking(8821, "RC03", start, "010-8821-0001", List.of())));
            assertThat(p.awaitRun(p.tick(t1), Duration.ofSeconds(90)).complete()).isTrue();
            p.naver.setBookings(STORE, List.of(booking(8821, "RC04", start, "010-8821-0001", List.of())));
            assertThat(p.awaitRun(p.tick(t2), Duration.ofSeconds(90)).complete()).isTrue();
            assertThat(bookingStatus(p, "8821")).isEqualTo("RC04");

            // A snapshot read at 14:00 (the booking still confirmed) is planned only now, e.g. from its DLQ.
            Booking stale = new Booking("8821", STORE, "110분/1~4인촬영", "RC03", "김민수", "010-8821-0001", 2, t1, null, start,
                    start.plus(Duration.ofHours(2)));
            BookingSnapshot old = new BookingSnapshot(Messages.SCHEMA_VERSION, FanOut.runIdFor(t1), STORE, t1, t1,
                    FetchMode.NORMAL, new DateWindow(LocalDate.parse("2025-10-22"), LocalDate.parse("2025-11-05")), 0, 1,
                    List.of(stale), List.of());
            p.aws().sqs().sendMessage(b -> b.queueUrl(p.resources().queueUrl(Topology.SNAPSHOT))
                    .messageBody(MessageCodec.encode(old)));
            p.awaitQuiet(Duration.ofSeconds(60));

            assertThat(bookingStatus(p, "8821")).as("the cancellation stands").isEqualTo("RC04");
            assertThat(p.sens.countByKey(STORE + ":8821:CONFIRMATION")).isEqualTo(1);
            assertThat(p.sens.messages()).hasSize(1);
        }
    }

    private static String bookingStatus(LocalPipeline p, String bookingId) {
        Map<String, AttributeValue> item = p.aws().dynamo().getItem(b -> b.tableName(p.table(Topology.BOOKINGS))
                .consistentRead(true).key(Map.of("storeId", AttributeValue.fromS(STORE), "bookingId", AttributeValue.fromS(bookingId))))
                .item();
        return item.get("status").s();
    }
}
