package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NaverBookingSimulatorTest {
    private static final String STORE = "1234567";
    private static final Instant FROM = Instant.parse("2025-05-01T00:00:00Z");
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final Map<String, String> SESSION = console(STORE, "NID_AUT=aut-1; NID_SES=ses-1; other=x");

    /** The headers the partner console sends (docs/fetcher.md), with these cookies. */
    private static Map<String, String> console(String businessId, String cookies) {
        return Map.of("Cookie", cookies, "x-booking-naver-role", "OWNER",
                "Referer", "https://partner.booking.naver.com/bizes/" + businessId + "/booking-list-view",
                "User-Agent", CHROME, "Accept", "*/*");
    }

    private final NaverBookingSimulator naver = new NaverBookingSimulator();

    @BeforeEach
    void start() {
        naver.start();
        naver.acceptSession("aut-1", "ses-1");
    }

    @AfterEach
    void stop() {
        naver.close();
    }

    @Test
    void pagesOfFiftyInStartOrder() {
        List<Map<String, Object>> bookings = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            bookings.add(booking("b" + i, "RC03", FROM.plus(Duration.ofMinutes(90L * i))));
        }
        Collections.shuffle(bookings, new Random(7));
        naver.setBookings(STORE, bookings);

        List<JsonNode> page0 = page(query("RC03", FROM, FROM.plus(Duration.ofDays(30)), 0, 50));
        List<JsonNode> page1 = page(query("RC03", FROM, FROM.plus(Duration.ofDays(30)), 1, 50));
        List<JsonNode> page2 = page(query("RC03", FROM, FROM.plus(Duration.ofDays(30)), 2, 50));
        List<JsonNode> page3 = page(query("RC03", FROM, FROM.plus(Duration.ofDays(30)), 3, 50));

        assertThat(List.of(page0.size(), page1.size(), page2.size(), page3.size())).containsExactly(50, 50, 20, 0);
        List<String> ids = new ArrayList<>();
        List.of(page0, page1, page2).forEach(page -> page.forEach(b -> ids.add(b.get("bookingId").asText())));
        assertThat(ids).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 120).mapToObj(i -> "b" + i).toList());
    }

    @Test
    void filtersByStatusCodesAndInclusiveStartWindow() {
        Instant end = FROM.plus(Duration.ofDays(1));
        naver.setBookings(STORE, List.of(
                booking("confirmed", "RC03", FROM),
                booking("cancelled", "RC04", FROM.plusSeconds(60)),
                booking("requested", "RC02", FROM.plusSeconds(120)),
                booking("atEnd", "RC03", end),
                booking("before", "RC03", FROM.minusSeconds(1)),
                booking("after", "RC03", end.plusSeconds(1))));

        assertThat(ids(page(query("RC03", FROM, end, 0, 50)))).containsExactly("confirmed", "atEnd");
        assertThat(ids(page(query("RC03,RC04", FROM, end, 0, 50)))).containsExactly("confirmed", "cancelled", "atEnd");
        String repeated = naver.baseUrl() + "/api/businesses/" + STORE + "/bookings?bookingStatusCodes=RC02&bookingStatusCodes=RC04"
                + "&startDateTime=" + FROM + "&endDateTime=" + end + "&page=0&size=50";
        assertThat(ids(page(repeated))).containsExactly("cancelled", "requested");
    }

    @Test
    void keepsEachBusinessApartAndReplacesOnSet() {
        naver.setBookings(STORE, List.of(booking("old", "RC03", FROM)));
        naver.setBookings("other", List.of(booking("elsewhere", "RC03", FROM)));
        naver.setBookings(STORE, List.of(booking("new", "RC03", FROM)));

        assertThat(ids(page(query("RC03", FROM, FROM.plusSeconds(60), 0, 50)))).containsExactly("new");
        naver.clearBookings();
        assertThat(page(query("RC03", FROM, FROM.plusSeconds(60), 0, 50))).isEmpty();
    }

    @Test
    void malformedBookingsAreHandedOverAsStored() throws Exception {
        Map<String, Object> noSnapshot = new LinkedHashMap<>(Map.of("bookingId", "noSnapshot", "bookingStatusCode", "RC03"));
        Map<String, Object> noStatus = booking("noStatus", null, FROM.plusSeconds(5));
        Map<String, Object> badStart = new LinkedHashMap<>(Map.of("bookingId", "badStart", "bookingStatusCode", "RC03",
                "snapshotJson", Map.of("startDateTime", "not a date")));
        Map<String, Object> stringSnapshot = new LinkedHashMap<>(Map.of("bookingId", "stringSnapshot", "bookingStatusCode", "RC03",
                "snapshotJson", "{\"startDateTime\":\"2025-05-01T00:00:10Z\"}"));
        Map<String, Object> stringSnapshotOutside = new LinkedHashMap<>(Map.of("bookingId", "outside", "bookingStatusCode", "RC03",
                "snapshotJson", "{\"startDateTime\":\"2025-07-01T00:00:00Z\"}"));
        naver.setBookings(STORE, List.of(noSnapshot, noStatus, badStart, stringSnapshot, stringSnapshotOutside));

        List<JsonNode> page = page(query("RC03", FROM, FROM.plus(Duration.ofDays(1)), 0, 50));

        assertThat(ids(page)).containsExactly("noStatus", "stringSnapshot", "noSnapshot", "badStart");
        assertThat(page.get(2)).isEqualTo(MessageCodec.mapper().valueToTree(noSnapshot));
        assertThat(page.get(1).get("snapshotJson").isTextual()).isTrue();
    }

    @Test
    void refusesWindowsLongerThan31Days() {
        naver.setBookings(STORE, List.of(booking("b", "RC03", FROM)));

        HttpResponse<String> exactly31 = HttpCalls.get(query("RC03", FROM, FROM.plus(Duration.ofDays(31)), 0, 50), SESSION);
        HttpResponse<String> longer = HttpCalls.get(query("RC03", FROM, FROM.plus(Duration.ofDays(31)).plusSeconds(1), 0, 50), SESSION);

        assertThat(exactly31.statusCode()).isEqualTo(200);
        assertThat(longer.statusCode()).isEqualTo(400);
        JsonNode error = json(longer.body());
        assertThat(error.isObject()).isTrue();
        assertThat(error.get("error").asText()).isEqualTo("INVALID_DATE_RANGE");
    }

    @Test
    void refusesPagesOverFiftyAndMalformedParameters() {
        Instant end = FROM.plus(Duration.ofDays(1));
        String base = naver.baseUrl() + "/api/businesses/" + STORE + "/bookings?bookingStatusCodes=RC03&page=0&size=50";

        assertThat(HttpCalls.get(query("RC03", FROM, end, 0, 51), SESSION).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.get(query("RC03", FROM, end, -1, 50), SESSION).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.get(base + "&endDateTime=" + end, SESSION).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.get(base + "&startDateTime=2025-05-01T09:00:00%2B09:00&endDateTime=" + end, SESSION).statusCode())
                .isEqualTo(400);
        assertThat(HttpCalls.get(query("RC03", end, FROM, 0, 50), SESSION).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.get(base + "&dateFilter=REGDATE&startDateTime=" + FROM + "&endDateTime=" + end, SESSION).statusCode())
                .isEqualTo(400);
        assertThat(HttpCalls.get(base + "&startDateTime=" + FROM + "&endDateTime=" + end, SESSION).statusCode()).isEqualTo(200);
    }

    @Test
    void acceptsTheFullDocumentedQuery() {
        naver.setBookings(STORE, List.of(booking("b", "RC03", FROM)));
        String url = naver.baseUrl() + "/api/businesses/" + STORE + "/bookings?bizItemTypes=STANDARD&bookingStatusCodes=RC03"
                + "&dateDropdownType=DIRECT&dateFilter=USEDATE&startDateTime=2025-05-01T00:00:00.000Z"
                + "&endDateTime=2025-05-31T23:59:59.999Z&maxDays=31&orderByStartDate=ASC&page=0&size=50";

        HttpResponse<String> response = HttpCalls.get(url, SESSION);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(ids(page(url))).containsExactly("b");
    }

    @ParameterizedTest
    @EnumSource(ExpiredSessionStyle.class)
    void withoutAValidSessionAnswersSomethingThatIsNotABookingArray(ExpiredSessionStyle style) {
        naver.setExpiredSessionStyle(style);
        naver.setBookings(STORE, List.of(booking("b", "RC03", FROM)));
        String url = query("RC03", FROM, FROM.plus(Duration.ofDays(1)), 0, 50);

        HttpResponse<String> noCookie = HttpCalls.get(url, Map.of());
        HttpResponse<String> wrongSes = HttpCalls.get(url, console(STORE, "NID_AUT=aut-1; NID_SES=forged"));

        for (HttpResponse<String> response : List.of(noCookie, wrongSes)) {
            switch (style) {
                case UNAUTHORIZED_JSON -> {
                    assertThat(response.statusCode()).isEqualTo(401);
                    assertThat(json(response.body())).isEqualTo(json("{\"error\":\"UNAUTHORIZED\",\"message\":\"login required\"}"));
                }
                case FORBIDDEN_JSON -> assertThat(response.statusCode()).isEqualTo(403);
                case REDIRECT_TO_LOGIN -> {
                    assertThat(response.statusCode()).isEqualTo(302);
                    assertThat(response.headers().firstValue("Location"))
                            .hasValueSatisfying(location -> assertThat(location).startsWith("https://nid.naver.com/nidlogin.login?"));
                    assertThat(response.body()).contains("<html");
                }
                case LOGIN_PAGE_200 -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("<html");
                }
                case ERROR_OBJECT_200 -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(json(response.body()).isObject()).isTrue();
                }
            }
        }
        assertThat(HttpCalls.get(url, SESSION).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutThePartnerConsolesHeadersIsRefusedEvenWithAValidSession() {
        naver.setBookings(STORE, List.of(booking("b", "RC03", FROM)));
        String url = query("RC03", FROM, FROM.plus(Duration.ofDays(1)), 0, 50);
        String cookies = "NID_AUT=aut-1; NID_SES=ses-1";
        Map<String, String> good = console(STORE, cookies);

        List<Map<String, String>> lacking = new ArrayList<>();
        for (String header : List.of("x-booking-naver-role", "Referer", "User-Agent", "Accept")) {
            Map<String, String> without = new LinkedHashMap<>(good);
            without.remove(header);
            lacking.add(without);
        }
        Map<String, String> otherStoresPage = new LinkedHashMap<>(good);
        otherStoresPage.put("Referer", "https://partner.booking.naver.com/bizes/7654321/booking-list-view");
        Map<String, String> staff = new LinkedHashMap<>(good);
        staff.put("x-booking-naver-role", "STAFF");
        Map<String, String> phone = new LinkedHashMap<>(good);
        phone.put("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0.0.0 Mobile Safari/537.36");
        Map<String, String> javaClient = new LinkedHashMap<>(good);
        javaClient.put("User-Agent", "Java-http-client/21");
        Map<String, String> htmlOnly = new LinkedHashMap<>(good);
        htmlOnly.put("Accept", "text/html");
        lacking.addAll(List.of(otherStoresPage, staff, phone, javaClient, htmlOnly));

        for (Map<String, String> headers : lacking) {
            HttpResponse<String> refused = HttpCalls.get(url, headers);
            assertThat(refused.statusCode()).as("%s", headers.keySet()).isEqualTo(403);
            assertThat(json(refused.body()).get("error").asText()).isEqualTo("FORBIDDEN");
        }
        assertThat(HttpCalls.get(url, good).statusCode()).isEqualTo(200);
        assertThat(naver.requests()).hasSize(lacking.size() + 1)
                .filteredOn(BookingListRequest::consoleHeaders).singleElement().satisfies(r -> {
                    assertThat(r.role()).isEqualTo("OWNER");
                    assertThat(r.referer()).isEqualTo("https://partner.booking.naver.com/bizes/" + STORE + "/booking-list-view");
                    assertThat(r.userAgent()).isEqualTo(CHROME);
                    assertThat(r.accept()).isEqualTo("*/*");
                });
    }

    @Test
    void theAccountPageShowsItselfToAValidSessionAndRedirectsOthersToTheLoginPage() {
        Map<String, String> valid = Map.of("Cookie", "NID_AUT=aut-1; NID_SES=ses-1");
        HttpResponse<String> page = HttpCalls.get(naver.sessionCheckUrl(), valid);
        HttpResponse<String> expired = HttpCalls.get(naver.sessionCheckUrl(), Map.of("Cookie", "NID_AUT=aut-1; NID_SES=old"));
        HttpResponse<String> none = HttpCalls.get(naver.sessionCheckUrl(), Map.of());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("내정보").doesNotContain("nidlogin.login");
        for (HttpResponse<String> out : List.of(expired, none)) {
            assertThat(out.statusCode()).isEqualTo(302);
            assertThat(out.headers().firstValue("Location")).hasValueSatisfying(l ->
                    assertThat(l).startsWith("https://nid.naver.com/nidlogin.login?mode=form&url="));
        }
        assertThat(naver.sessionChecks()).extracting(SessionCheckRequest::nidAut, SessionCheckRequest::sessionValid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aut-1", true), org.assertj.core.groups.Tuple.tuple("aut-1", false),
                        org.assertj.core.groups.Tuple.tuple(null, false));
        assertThat(naver.requests()).isEmpty();

        naver.setSessionCheckAnswer(SimResponse.text(500, "maintenance"));
        assertThat(HttpCalls.get(naver.sessionCheckUrl(), valid).statusCode()).isEqualTo(500);
        naver.setSessionCheckAnswer(null);
        assertThat(HttpCalls.get(naver.sessionCheckUrl(), valid).statusCode()).isEqualTo(200);
    }

    @Test
    void oneBusinessCanBeAnsweredWithAScriptedRefusalWhateverTheSession() {
        naver.setBookings(STORE, List.of(booking("b", "RC03", FROM)));
        naver.setBusinessAnswer(STORE, SimResponse.json(403, Map.of("error", "FORBIDDEN", "message", "no permission")));
        String url = query("RC03", FROM, FROM.plus(Duration.ofDays(1)), 0, 50);

        assertThat(HttpCalls.get(url, SESSION).statusCode()).isEqualTo(403);
        naver.clearBusinessAnswers();
        assertThat(HttpCalls.get(url, SESSION).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionsCanBeExpiredPerAccount() {
        naver.acceptSession("aut-2", "ses-2");
        String url = query("RC03", FROM, FROM.plus(Duration.ofDays(1)), 0, 50);
        Map<String, String> second = console(STORE, "NID_SES=ses-2; NID_AUT=aut-2");

        naver.expireSession("aut-1");

        assertThat(HttpCalls.get(url, SESSION).statusCode()).isEqualTo(401);
        assertThat(HttpCalls.get(url, second).statusCode()).isEqualTo(200);
        assertThat(naver.requests()).extracting(BookingListRequest::nidAut, BookingListRequest::sessionValid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aut-1", false), org.assertj.core.groups.Tuple.tuple("aut-2", true));
    }

    @Test
    void recordsEveryCallIncludingFaultedOnes() {
        naver.enqueueFault(Fault.json(503, "{}"));
        Instant end = FROM.plus(Duration.ofDays(2));

        HttpCalls.get(query("RC03,RC04", FROM, end, 0, 50), SESSION);
        HttpCalls.get(query("RC03,RC04", FROM, end, 1, 50), SESSION);

        assertThat(naver.requests()).hasSize(2);
        BookingListRequest first = naver.requests().get(0);
        assertThat(first.businessId()).isEqualTo(STORE);
        assertThat(first.statusCodes()).containsExactly("RC03", "RC04");
        assertThat(first.start()).isEqualTo(FROM);
        assertThat(first.end()).isEqualTo(end);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(50);
        assertThat(first.sessionValid()).isTrue();
        assertThat(naver.requests().get(1).page()).isEqualTo(1);
        assertThat(naver.requestsFor("other")).isEmpty();
    }

    @Test
    void latencyCanBeSetPerBusiness() {
        naver.setBusinessLatency("slow", Duration.ofMillis(400));
        String slowUrl = naver.baseUrl() + "/api/businesses/slow/bookings?bookingStatusCodes=RC03&startDateTime=" + FROM
                + "&endDateTime=" + FROM.plusSeconds(60) + "&page=0&size=50";

        long started = System.nanoTime();
        assertThat(HttpCalls.get(slowUrl, console("slow", "NID_AUT=aut-1; NID_SES=ses-1")).statusCode()).isEqualTo(200);
        Duration slow = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        HttpCalls.get(query("RC03", FROM, FROM.plusSeconds(60), 0, 50), SESSION);
        Duration fast = Duration.ofNanos(System.nanoTime() - started);

        assertThat(slow).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(fast).isLessThan(Duration.ofMillis(400));
    }

    private String query(String statusCodes, Instant start, Instant end, int page, int size) {
        return naver.baseUrl() + "/api/businesses/" + STORE + "/bookings?bizItemTypes=STANDARD&bookingStatusCodes=" + statusCodes
                + "&dateDropdownType=DIRECT&dateFilter=USEDATE&startDateTime=" + start + "&endDateTime=" + end
                + "&maxDays=31&orderByStartDate=ASC&page=" + page + "&size=" + size;
    }

    private List<JsonNode> page(String url) {
        HttpResponse<String> response = HttpCalls.get(url, SESSION);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode array = json(response.body());
        assertThat(array.isArray()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> ids(List<JsonNode> bookings) {
        return bookings.stream().map(b -> b.get("bookingId").asText()).toList();
    }

    private static Map<String, Object> booking(String id, String status, Instant start) {
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("bookingId", id);
        booking.put("businessId", STORE);
        if (status != null) {
            booking.put("bookingStatusCode", status);
        }
        booking.put("name", "김민수");
        booking.put("phone", "01012345678");
        booking.put("snapshotJson", Map.of("startDateTime", start.toString(), "endDateTime", start.plusSeconds(3600).toString()));
        return booking;
    }

    private static JsonNode json(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
