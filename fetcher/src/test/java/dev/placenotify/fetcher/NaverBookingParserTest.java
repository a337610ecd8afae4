package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.Booking;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NaverBookingParserTest {
    private static final String FULL = """
            {"bookingId": 901, "businessId": 1051707, "bizItemName": "키즈룸 2시간", "bookingStatusCode": "RC03",
             "name": "김민수", "phone": "010-1234-5678", "bookingCount": 2, "regDateTime": "2025-10-20T01:02:03.000Z",
             "startDate": "2025-10-22", "snapshotJson": {"startDateTime": "2025-10-22T05:00:00Z",
             "endDateTime": "2025-10-22T07:00:00Z", "someNewField": [1, 2]},
             "isNonmember": false, "bookingOptionJson": {"options": []}, "brandNewTopLevel": {"x": "y"}}""";

    @Test
    void readsEveryFieldAndIgnoresUnknownOnes() throws Exception {
        BookingPage page = NaverBookingParser.parse("[" + FULL + "]");

        assertThat(page.entries()).isEqualTo(1);
        assertThat(page.skipped()).isEmpty();
        Booking b = page.bookings().get(0);
        assertThat(b.bookingId()).isEqualTo("901");
        assertThat(b.businessId()).isEqualTo("1051707");
        assertThat(b.bizItemName()).isEqualTo("키즈룸 2시간");
        assertThat(b.status()).isEqualTo("RC03");
        assertThat(b.name()).isEqualTo("김민수");
        assertThat(b.phone()).isEqualTo("010-1234-5678");
        assertThat(b.bookingCount()).isEqualTo(2);
        assertThat(b.regDateTime()).isEqualTo(Instant.parse("2025-10-20T01:02:03Z"));
        assertThat(b.startDate()).isEqualTo(LocalDate.of(2025, 10, 22));
        assertThat(b.startAt()).isEqualTo(Instant.parse("2025-10-22T05:00:00Z"));
        assertThat(b.endAt()).isEqualTo(Instant.parse("2025-10-22T07:00:00Z"));
    }

    @Test
    void missingOptionalFieldsStayNullInsteadOfFailing() throws Exception {
        BookingPage page = NaverBookingParser.parse("""
                [{"bookingId": "77", "bookingStatusCode": "RC08"}]""");

        assertThat(page.skipped()).isEmpty();
        Booking b = page.bookings().get(0);
        assertThat(b.bookingId()).isEqualTo("77");
        assertThat(b.status()).isEqualTo("RC08");
        assertThat(b.name()).isNull();
        assertThat(b.phone()).isNull();
        assertThat(b.bookingCount()).isNull();
        assertThat(b.startAt()).isNull();
        assertThat(b.startDate()).isNull();
    }

    @Test
    void acceptsSnapshotJsonAsAStringAndInstantsWithAnOffset() throws Exception {
        BookingPage page = NaverBookingParser.parse("""
                [{"bookingId": "5", "regDateTime": "2025-10-20T10:00:00+09:00", "startDate": "2025-10-22T00:00:00",
                  "snapshotJson": "{\\"startDateTime\\":\\"2025-10-22T05:00:00Z\\"}"}]""");

        Booking b = page.bookings().get(0);
        assertThat(b.startAt()).isEqualTo(Instant.parse("2025-10-22T05:00:00Z"));
        assertThat(b.regDateTime()).isEqualTo(Instant.parse("2025-10-20T01:00:00Z"));
        assertThat(b.startDate()).isEqualTo(LocalDate.of(2025, 10, 22));
    }

    @Test
    void skipsMalformedEntriesWithAReasonAndKeepsTheGoodOnes() throws Exception {
        BookingPage page = NaverBookingParser.parse("[" + FULL + """
                , {"bookingId": "bad-start", "snapshotJson": {"startDateTime": "tomorrow at ten"}},
                  {"bookingId": "bad-date", "startDate": "22/10/2025"},
                  {"bookingId": "bad-snapshot", "snapshotJson": "{not json"},
                  "just a string",
                  42]""");

        assertThat(page.entries()).isEqualTo(6);
        assertThat(page.bookings()).extracting(Booking::bookingId).containsExactly("901");
        assertThat(page.skipped()).hasSize(5);
        assertThat(page.skipped()).extracting(s -> s.bookingId())
                .containsExactly("bad-start", "bad-date", "bad-snapshot", null, null);
        assertThat(page.skipped().get(0).reason()).contains("startDateTime is not an instant");
        assertThat(page.skipped().get(1).reason()).contains("startDate is not a date");
        assertThat(page.skipped().get(2).reason()).contains("snapshotJson");
        assertThat(page.skipped().get(3).reason()).contains("not an object");
        assertThat(page.skipped()).allSatisfy(s -> assertThat(s.reason()).startsWith("unreadable booking from Naver"));
    }

    @Test
    void aReasonNeverCarriesALongValue() throws Exception {
        String longValue = "x".repeat(500);
        BookingPage page = NaverBookingParser.parse("[{\"bookingId\":\"1\",\"regDateTime\":\"" + longValue + "\"}]");

        assertThat(page.skipped().get(0).reason()).hasSizeLessThan(120);
    }

    @Test
    void anEmptyArrayIsAnEmptyPage() throws Exception {
        BookingPage page = NaverBookingParser.parse("[]");

        assertThat(page.entries()).isZero();
        assertThat(page.bookings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":\"UNAUTHORIZED\",\"message\":\"login required\"}",
            "<!DOCTYPE html><html><head><title>네이버 : 로그인</title></head></html>",
            "",
            "null",
            "\"login\"",
            "{\"bookings\": []}"})
    void anythingButAnArrayIsNotABookingList(String body) {
        assertThatThrownBy(() -> NaverBookingParser.parse(body)).isInstanceOf(NotABookingListException.class);
    }

    @Test
    void anErrorObjectNamesItsCode() {
        assertThatThrownBy(() -> NaverBookingParser.parse("{\"error\":\"UNAUTHORIZED\"}"))
                .isInstanceOf(NotABookingListException.class).hasMessageContaining("UNAUTHORIZED");
    }
}
