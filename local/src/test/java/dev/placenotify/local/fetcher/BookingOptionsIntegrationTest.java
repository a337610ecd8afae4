package dev.placenotify.local.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static dev.placenotify.fetcher.TestBookings.booking;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.fetcher.FetchQueries;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.operator.scenario.Scenario;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.BookingSnapshot;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FormAnswer;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreFetched;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 12: options, form answers and Naver's privacy masking, served by the simulator in Naver's shapes (from
 * {@link NaverBookingJson} and from a scenario file as {@code ./run-local simulate} reads it), reach the snapshot
 * the planner consumes.
 */
@ExtendWith(LocalAwsExtension.class)
class BookingOptionsIntegrationTest {
    private static final String STORE = "4400001";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * A scenario file as {@code ./run-local simulate} reads it, with Naver's nested shapes: 9503's snapshotJson is a
     * string whose bookingOptionJson is a string again, and its form answers a string; 9504 is privacy-masked with
     * its options only at the top level.
     */
    private static String scenario() {
        String options9503 = MessageCodec.encode(List.of(Map.of("optionId", 20266307, "name", "인스타 태그 이벤트",
                "price", 0, "bookingCount", 1)));
        String snapshot9503 = MessageCodec.encode(Map.of("startDateTime", "2025-10-23T05:00:00.000Z",
                "endDateTime", "2025-10-23T07:00:00Z", "bookingOptionJson", options9503));
        String answers9503 = MessageCodec.encode(List.of(Map.of("type", "SELECT", "title", "리뷰 이벤트", "value", "네~ :)")));
        return """
                {"stores": [{"storeId": "4400001", "name": "화성 새솔점"}],
                 "ticks": [{"at": "2025-10-22T14:00:00+09:00", "bookings": {"4400001": [
                   {"bookingId": 9503, "businessId": 4400001, "bizItemName": "셀프 촬영", "bookingStatusCode": "RC03",
                    "name": "이서연", "phone": "010-2222-3333", "bookingCount": 1, "regDateTime": "2025-10-20T10:00:00+09:00",
                    "startDate": "2025-10-23", "snapshotJson": %s, "customFormInputJson": %s},
                   {"bookingId": 9504, "businessId": 4400001, "bizItemName": "셀프 촬영", "bookingStatusCode": "RC03",
                    "name": "박*훈", "phone": "010-41**-68**", "isForcedPrivacyMasking": true, "bookingCount": 1,
                    "startDate": "2025-10-23",
                    "snapshotJson": {"startDateTime": "2025-10-23T06:00:00Z", "endDateTime": "2025-10-23T08:00:00Z"},
                    "bookingOptionJson": [{"optionId": 20266308, "name": "원본 파일 제공", "price": 10000, "bookingCount": 2}]}
                 ]}}]}""".formatted(MessageCodec.encode(snapshot9503), MessageCodec.encode(answers9503));
    }

    @Test
    void optionsFormAnswersAndMaskingTravelInTheSnapshot(LocalAws aws) {
        try (FetcherRig rig = FetcherRig.start(aws, FetcherRig.options("options", STORE), CYCLE)) {
            Instant start = CYCLE.plus(Duration.ofDays(1));
            List<Object> served = new ArrayList<>();
            served.add(NaverBookingJson.withFormAnswers(NaverBookingJson.withOptions(booking(STORE, 9501, "RC03", start),
                            List.of(new BookingOption("20266307", "110분/1~4인촬영", 1),
                                    new BookingOption("20266311", "네이버 리뷰 이벤트 (원본 제공)", 2))),
                    List.of(new FormAnswer("리뷰 이벤트", "네~ :)"))));
            served.add(NaverBookingJson.privacyMasked(booking(STORE, 9502, "RC03", start.plusSeconds(3600))));
            List<JsonNode> fromScenario = Scenario.parse(scenario()).ticks().get(0).bookings().get(STORE);
            served.addAll(fromScenario);
            rig.pipeline.naver.setBookings(STORE, served);

            rig.backfill("b-options", CYCLE, List.of(STORE), FetchQueries.scheduledWindow(CYCLE, 14), FetchMode.SEED);
            StoreFetched fetched = rig.await(StoreFetched.class, l -> !l.isEmpty(), WAIT).get(0);
            assertThat(fetched.skipped()).isEmpty();

            Map<String, Booking> byId = snapshots(rig, fetched.chunkCount()).stream().flatMap(s -> s.bookings().stream())
                    .collect(Collectors.toMap(Booking::bookingId, Function.identity()));
            assertThat(byId).containsOnlyKeys("9501", "9502", "9503", "9504");
            assertThat(byId.get("9501").options()).containsExactly(new BookingOption("20266307", "110분/1~4인촬영", 1),
                    new BookingOption("20266311", "네이버 리뷰 이벤트 (원본 제공)", 2));
            assertThat(byId.get("9501").formAnswers()).containsExactly(new FormAnswer("리뷰 이벤트", "네~ :)"));
            assertThat(byId.get("9501").privacyMasked()).isFalse();
            assertThat(byId.get("9502").privacyMasked()).isTrue();
            assertThat(byId.get("9502").phone()).matches("010-\\d\\d\\*\\*-\\d\\d\\*\\*");
            assertThat(byId.get("9502").options()).isEmpty();
            // The scenario's bookings, snapshotJson and options as strings, pass through unchanged in meaning.
            assertThat(byId.get("9503").options()).containsExactly(new BookingOption("20266307", "인스타 태그 이벤트", 1));
            assertThat(byId.get("9503").formAnswers()).containsExactly(new FormAnswer("리뷰 이벤트", "네~ :)"));
            assertThat(byId.get("9503").startAt()).isEqualTo(Instant.parse("2025-10-23T05:00:00Z"));
            assertThat(byId.get("9504").options()).containsExactly(new BookingOption("20266308", "원본 파일 제공", 2));
            assertThat(byId.get("9504").privacyMasked()).isTrue();
            assertThat(byId.get("9504").phone()).isEqualTo("010-41**-68**");
        }
    }

    /** The snapshot chunks the fetcher published (no planner runs here, so they wait on the queue). */
    private static List<BookingSnapshot> snapshots(FetcherRig rig, int count) {
        String url = rig.pipeline.resources().queueUrl(Topology.SNAPSHOT);
        List<BookingSnapshot> out = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            for (Message m : rig.pipeline.aws().sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                out.add(MessageCodec.decode(m.body(), BookingSnapshot.class));
            }
        }
        assertThat(out).hasSize(count);
        return out;
    }
}
