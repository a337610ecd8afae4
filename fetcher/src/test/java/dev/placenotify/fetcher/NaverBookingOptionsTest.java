package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.Booking;
import dev.placenotify.model.BookingOption;
import dev.placenotify.model.FormAnswer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: options ({@code bookingOptionJson}), form answers ({@code customFormInputJson}) and Naver's privacy
 * masking ({@code isForcedPrivacyMasking}) in the shapes real answers have, read tolerantly.
 */
class NaverBookingOptionsTest {
    private static final String OPTIONS = """
            [{"optionId": 20266307, "name": "110분/1~4인촬영", "price": 35000, "bookingCount": 1},
             {"optionId": 20266311, "name": "네이버 리뷰 이벤트 (원본 제공)", "price": 0, "bookingCount": 2}]""";
    private static final String ANSWERS = """
            [{"type":"SELECT","title":"리뷰 이벤트","value":"네~ :)"},{"type":"TEXT","title":"요청사항","value":"유모차 있어요"}]""";
    private static final List<BookingOption> EXPECTED_OPTIONS = List.of(
            new BookingOption("20266307", "110분/1~4인촬영", 1), new BookingOption("20266311", "네이버 리뷰 이벤트 (원본 제공)", 2));
    private static final List<FormAnswer> EXPECTED_ANSWERS = List.of(
            new FormAnswer("리뷰 이벤트", "네~ :)"), new FormAnswer("요청사항", "유모차 있어요"));

    @Test
    void readsOptionsFromTheSnapshotAndFormAnswersAsArrays() throws Exception {
        Booking b = one(booking("\"snapshotJson\": {\"startDateTime\": \"2025-10-22T05:00:00Z\", \"bookingOptionJson\": " + OPTIONS
                + "}, \"customFormInputJson\": " + ANSWERS));

        assertThat(b.options()).isEqualTo(EXPECTED_OPTIONS);
        assertThat(b.formAnswers()).isEqualTo(EXPECTED_ANSWERS);
        assertThat(b.privacyMasked()).isFalse();
    }

    @Test
    void readsBothWhenTheyArriveAsJsonStringsHoldingArraysInsideASnapshotString() throws Exception {
        String snapshot = "{\"startDateTime\":\"2025-10-22T05:00:00Z\",\"bookingOptionJson\":" + quoted(OPTIONS) + "}";
        Booking b = one(booking("\"snapshotJson\": " + quoted(snapshot) + ", \"customFormInputJson\": " + quoted(ANSWERS)));

        assertThat(b.options()).isEqualTo(EXPECTED_OPTIONS);
        assertThat(b.formAnswers()).isEqualTo(EXPECTED_ANSWERS);
        assertThat(b.startAt()).hasToString("2025-10-22T05:00:00Z");
    }

    @Test
    void fallsBackToTheTopLevelOptionsWhenTheSnapshotHasNone() throws Exception {
        Booking fromTop = one(booking("\"snapshotJson\": {\"startDateTime\": \"2025-10-22T05:00:00Z\"}, \"bookingOptionJson\": "
                + quoted(OPTIONS)));
        Booking emptyInSnapshot = one(booking("\"snapshotJson\": {\"bookingOptionJson\": []}, \"bookingOptionJson\": " + OPTIONS));
        Booking snapshotWins = one(booking("\"snapshotJson\": {\"bookingOptionJson\": [{\"optionId\": 1, \"name\": \"기본\","
                + " \"bookingCount\": 1}]}, \"bookingOptionJson\": " + OPTIONS));

        assertThat(fromTop.options()).isEqualTo(EXPECTED_OPTIONS);
        assertThat(emptyInSnapshot.options()).isEqualTo(EXPECTED_OPTIONS);
        assertThat(snapshotWins.options()).containsExactly(new BookingOption("1", "기본", 1));
    }

    @Test
    void aPrivacyMaskedBookingKeepsItsMaskedPhoneAndSaysSo() throws Exception {
        Booking b = one(booking("\"phone\": \"010-41**-68**\", \"isForcedPrivacyMasking\": true"));
        Booking asText = one(booking("\"isForcedPrivacyMasking\": \"true\""));
        Booking notMasked = one(booking("\"isForcedPrivacyMasking\": false"));

        assertThat(b.privacyMasked()).isTrue();
        assertThat(b.phone()).isEqualTo("010-41**-68**");
        assertThat(asText.privacyMasked()).isTrue();
        assertThat(notMasked.privacyMasked()).isFalse();
    }

    @Test
    void unreadableOptionEntriesAreSkippedAndTheBookingKeepsEverythingElse() throws Exception {
        BookingPage page = NaverBookingParser.parse("[" + booking("""
                "snapshotJson": {"startDateTime": "2025-10-22T05:00:00Z", "bookingOptionJson": [
                    {"optionId": 1, "name": "좋은 옵션", "bookingCount": "two"},
                    "not an object", 42, null, [1, 2],
                    {"price": 1000},
                    {"optionId": "9", "bookingCount": 3},
                    {"name": {"ko": "객체 이름"}, "optionId": 5}]},
                "customFormInputJson": [{"title": "리뷰 이벤트", "value": ["네", "인스타"]}, "x", {"value": "제목 없음"},
                    {"title": "숫자", "value": 3}, {"title": "빈 값"}]""") + ","
                + booking("\"bookingId\": 902, \"bookingOptionJson\": {\"options\": []}, \"customFormInputJson\": \"{not json\"") + ","
                + booking("\"bookingId\": 903, \"snapshotJson\": {\"bookingOptionJson\": \"[{broken\"}, \"bookingOptionJson\": 7") + "]");

        assertThat(page.skipped()).isEmpty();
        assertThat(page.bookings()).hasSize(3);
        Booking first = page.bookings().get(0);
        assertThat(first.options()).containsExactly(new BookingOption("1", "좋은 옵션", null), new BookingOption("9", "", 3));
        assertThat(first.formAnswers()).containsExactly(new FormAnswer("리뷰 이벤트", "네, 인스타"), new FormAnswer("", "제목 없음"),
                new FormAnswer("숫자", "3"), new FormAnswer("빈 값", ""));
        for (Booking b : page.bookings()) {
            assertThat(b.name()).isEqualTo("김민수");
            assertThat(b.phone()).isEqualTo("010-1234-5678");
            assertThat(b.status()).isEqualTo("RC03");
        }
        assertThat(page.bookings().get(1).options()).isEmpty();
        assertThat(page.bookings().get(1).formAnswers()).isEmpty();
        assertThat(page.bookings().get(2).options()).isEmpty();
    }

    @Test
    void longListsAndLongTextsAreCutSoOneBookingCannotOutgrowASnapshotChunk() throws Exception {
        StringBuilder options = new StringBuilder("[");
        StringBuilder answers = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            options.append(i == 0 ? "" : ",").append("{\"optionId\":").append(i).append(",\"name\":\"").append("옵".repeat(1_000))
                    .append("\",\"bookingCount\":1}");
            answers.append(i == 0 ? "" : ",").append("{\"title\":\"").append("제".repeat(1_000)).append("\",\"value\":\"")
                    .append("값".repeat(5_000)).append("\"}");
        }
        Booking b = one(booking("\"bookingOptionJson\": " + options + "], \"customFormInputJson\": " + answers + "]"));

        assertThat(b.options()).hasSize(NaverBookingParser.MAX_OPTIONS)
                .allSatisfy(o -> assertThat(o.name()).hasSize(NaverBookingParser.MAX_NAME_CHARS));
        assertThat(b.formAnswers()).hasSize(NaverBookingParser.MAX_FORM_ANSWERS).allSatisfy(a -> {
            assertThat(a.title()).hasSize(NaverBookingParser.MAX_NAME_CHARS);
            assertThat(a.value()).hasSize(NaverBookingParser.MAX_ANSWER_CHARS);
        });
    }

    /** Whatever Naver puts where options and form answers belong, the booking itself is read, unchanged. */
    @Property(tries = 300)
    void noOptionOrFormShapeCostsTheBookingItsOtherFields(@ForAll("junk") String options, @ForAll("junk") String snapshotOptions,
                                                          @ForAll("junk") String answers) throws Exception {
        BookingPage page = NaverBookingParser.parse("[" + booking("\"bookingOptionJson\": " + options
                + ", \"customFormInputJson\": " + answers + ", \"snapshotJson\": {\"startDateTime\": \"2025-10-22T05:00:00Z\","
                + " \"bookingOptionJson\": " + snapshotOptions + "}") + "]");

        assertThat(page.skipped()).isEmpty();
        Booking b = page.bookings().get(0);
        assertThat(b.bookingId()).isEqualTo("901");
        assertThat(b.phone()).isEqualTo("010-1234-5678");
        assertThat(b.startAt()).hasToString("2025-10-22T05:00:00Z");
        assertThat(b.options()).hasSizeLessThanOrEqualTo(NaverBookingParser.MAX_OPTIONS);
        assertThat(b.formAnswers()).hasSizeLessThanOrEqualTo(NaverBookingParser.MAX_FORM_ANSWERS);
    }

    @Provide
    Arbitrary<String> junk() {
        Arbitrary<String> scalar = Arbitraries.of("null", "true", "0", "-3.5", "\"\"", "\"[\"", "\"[{}]\"", "\"null\"",
                "{}", "{\"options\": []}", "[]", "[null]", "[[]]", "[\"x\"]", "[{}]", "[{\"name\": null, \"optionId\": null}]",
                "[{\"name\": 5, \"bookingCount\": \"x\"}]", "[{\"title\": [], \"value\": {}}]", "[{\"name\": \"인스타\", \"bookingCount\": 1.9}]");
        return Arbitraries.oneOf(scalar, scalar.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]"),
                scalar.map(NaverBookingOptionsTest::quoted));
    }

    private static Booking one(String booking) throws Exception {
        BookingPage page = NaverBookingParser.parse("[" + booking + "]");
        assertThat(page.skipped()).isEmpty();
        return page.bookings().get(0);
    }

    /** A booking in Naver's shape with {@code extra} fields; later keys win, so {@code extra} may replace any. */
    private static String booking(String extra) {
        return "{\"bookingId\": 901, \"businessId\": 1051707, \"bizItemName\": \"스튜디오 촬영\", \"bookingStatusCode\": \"RC03\","
                + " \"name\": \"김민수\", \"phone\": \"010-1234-5678\", \"bookingCount\": 2, " + extra + "}";
    }

    /** The JSON string holding {@code json}, as Naver sends nested JSON. */
    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
    }
}
