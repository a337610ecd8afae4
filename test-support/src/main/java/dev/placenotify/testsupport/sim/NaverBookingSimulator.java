package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.placenotify.model.MessageCodec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Naver partner booking list: {@code GET /api/businesses/{businessId}/bookings}, behind a cookie
 * session ({@code NID_AUT}/{@code NID_SES}). Answers a JSON array of the stored bookings that match
 * the requested statuses and start window, sorted by start, one page at a time.
 *
 * <p>Like the partner API, it serves only what looks like the partner console: a request without the
 * console's headers ({@code x-booking-naver-role: OWNER}, the booking list page as {@code Referer}, a desktop
 * Chrome {@code User-Agent}, an {@code Accept} that takes JSON) is refused with 403 and an error object, even
 * with a valid session. It also serves the account page the fetcher checks a session with,
 * {@code GET /user2/help/myInfoV2} (nid.naver.com's path): the page itself for a valid session, a redirect to
 * the login page otherwise.
 *
 * <p>Bookings are kept as raw JSON so tests can store malformed ones. A booking whose status or
 * {@code snapshotJson.startDateTime} is missing or unreadable matches every status or window: the
 * point is to hand it to the fetcher, whose tolerant parsing is under test.
 *
 * <p>Why one class of this size: paging, the status and date filters, the cookie session and its switchable expiry
 * styles, and the faults all answer the same request; they are the one API the fetcher reads.
 */
public final class NaverBookingSimulator extends HttpSimulator {
    public static final int MAX_PAGE_SIZE = 50;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final String LOGIN_URL = "https://nid.naver.com/nidlogin.login";
    /** Where the account page lives on nid.naver.com, and here. */
    public static final String SESSION_CHECK_PATH = "/user2/help/myInfoV2";
    private static final String PUBLIC_ORIGIN = "https://partner.booking.naver.com";
    private static final Pattern BOOKINGS_PATH = Pattern.compile("^/api/businesses/([^/]+)/bookings/?$");
    private static final Comparator<Instant> EARLIEST_FIRST_UNKNOWN_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private final ObjectMapper mapper = MessageCodec.mapper();
    private final Map<String, List<JsonNode>> bookingsByBusiness = new ConcurrentHashMap<>();
    private final Map<String, String> validSessions = new ConcurrentHashMap<>();
    private final Map<String, Duration> latencyByBusiness = new ConcurrentHashMap<>();
    private final Map<String, SimResponse> answerByBusiness = new ConcurrentHashMap<>();
    private final Recorder<BookingListRequest> requests = new Recorder<>();
    private final Recorder<SessionCheckRequest> sessionChecks = new Recorder<>();
    private volatile ExpiredSessionStyle expiredSessionStyle = ExpiredSessionStyle.UNAUTHORIZED_JSON;
    private volatile SimResponse sessionCheckAnswer;

    public NaverBookingSimulator() {
        this(Clock.systemUTC());
    }

    public NaverBookingSimulator(Clock clock) {
        super("naver", clock);
    }

    /** Replaces the business's bookings; each item is anything Jackson turns into a JSON object (Map, JsonNode, record). */
    public void setBookings(String businessId, List<?> bookings) {
        List<JsonNode> copies = new ArrayList<>(bookings.size());
        // Deep copies: later changes to the caller's maps must not leak into answers.
        bookings.forEach(booking -> copies.add(mapper.valueToTree(booking)));
        bookingsByBusiness.put(businessId, List.copyOf(copies));
    }

    public void addBooking(String businessId, Object booking) {
        JsonNode copy = mapper.valueToTree(booking);
        bookingsByBusiness.merge(businessId, List.of(copy), (old, added) -> {
            List<JsonNode> merged = new ArrayList<>(old);
            merged.addAll(added);
            return List.copyOf(merged);
        });
    }

    public void clearBookings() {
        bookingsByBusiness.clear();
    }

    /** Accepts this cookie pair from now on; several pairs (accounts) may be valid at once. */
    public void acceptSession(String nidAut, String nidSes) {
        validSessions.put(Objects.requireNonNull(nidAut, "nidAut"), Objects.requireNonNull(nidSes, "nidSes"));
    }

    public void expireSession(String nidAut) {
        validSessions.remove(nidAut);
    }

    public void expireAllSessions() {
        validSessions.clear();
    }

    public void setExpiredSessionStyle(ExpiredSessionStyle style) {
        this.expiredSessionStyle = Objects.requireNonNull(style, "style");
    }

    /**
     * Answers every bookings query of this business with {@code answer}, whatever the session: Naver refusing one
     * store (403, an error object, a maintenance page) while the login is fine.
     */
    public void setBusinessAnswer(String businessId, SimResponse answer) {
        answerByBusiness.put(businessId, Objects.requireNonNull(answer, "answer"));
    }

    public void clearBusinessAnswers() {
        answerByBusiness.clear();
    }

    /** Answers the account page with {@code answer} instead of judging the cookies (null: judge them again). */
    public void setSessionCheckAnswer(SimResponse answer) {
        this.sessionCheckAnswer = answer;
    }

    /** Every visit of the account page, in arrival order. */
    public List<SessionCheckRequest> sessionChecks() {
        return sessionChecks.snapshot();
    }

    /** The {@code url} of the account page on this simulator, as {@code NAVER_SESSION_CHECK_URL} takes it. */
    public String sessionCheckUrl() {
        return baseUrl() + SESSION_CHECK_PATH + "?lang=ko_KR";
    }

    /** Latency for this business's requests only, taking precedence over {@link #setLatency}. */
    public void setBusinessLatency(String businessId, Duration perRequest) {
        latencyByBusiness.put(businessId, Objects.requireNonNull(perRequest, "perRequest"));
    }

    public void clearBusinessLatencies() {
        latencyByBusiness.clear();
    }

    /** Every booking-list call received, including those answered by a fault, in arrival order. */
    public List<BookingListRequest> requests() {
        return requests.snapshot();
    }

    public List<BookingListRequest> requestsFor(String businessId) {
        return requests.snapshot().stream().filter(r -> r.businessId().equals(businessId)).toList();
    }

    @Override
    protected void onArrival(SimRequest request) {
        Map<String, String> cookies = cookies(request);
        if (request.path().equals(SESSION_CHECK_PATH)) {
            sessionChecks.add(new SessionCheckRequest(cookies.get("NID_AUT"), sessionValid(cookies), request.receivedAt()));
            return;
        }
        String businessId = businessIdOf(request);
        if (businessId == null) {
            return;
        }
        requests.add(new BookingListRequest(businessId, statusCodes(request), instantOrNull(request.queryParam("startDateTime")),
                instantOrNull(request.queryParam("endDateTime")), intOrNull(request.queryParam("page")),
                intOrNull(request.queryParam("size")), cookies.get("NID_AUT"), sessionValid(cookies), request.receivedAt(),
                request.header("x-booking-naver-role"), request.header("Referer"), request.header("User-Agent"),
                request.header("Accept"), request.queryParam("noCache"), consoleHeadersProblem(request, businessId) == null));
    }

    @Override
    protected Duration latencyFor(SimRequest request) {
        String businessId = businessIdOf(request);
        Duration own = businessId == null ? null : latencyByBusiness.get(businessId);
        return own != null ? own : super.latencyFor(request);
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (request.path().equals(SESSION_CHECK_PATH)) {
            return accountPage(request);
        }
        String businessId = businessIdOf(request);
        if (businessId == null) {
            return error(404, "NOT_FOUND", "no such resource");
        }
        if (!request.method().equals("GET")) {
            return error(405, "METHOD_NOT_ALLOWED", "use GET");
        }
        SimResponse scripted = answerByBusiness.get(businessId);
        if (scripted != null) {
            return scripted;
        }
        if (!sessionValid(cookies(request))) {
            return expiredSessionAnswer(request);
        }
        String notConsole = consoleHeadersProblem(request, businessId);
        if (notConsole != null) {
            return error(403, "FORBIDDEN", notConsole);
        }
        Window window = window(request);
        List<String> statusCodes = statusCodes(request);
        int page = nonNegativeInt(request, "page", 0);
        int size = nonNegativeInt(request, "size", MAX_PAGE_SIZE);
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw reject(error(400, "INVALID_PARAMETER", "size must be between 1 and " + MAX_PAGE_SIZE));
        }
        String dateFilter = request.queryParam("dateFilter");
        if (dateFilter != null && !dateFilter.equals("USEDATE")) {
            throw reject(error(400, "INVALID_PARAMETER", "the simulator supports dateFilter=USEDATE only"));
        }
        boolean descending = "DESC".equals(request.queryParam("orderByStartDate"));

        List<JsonNode> matching = bookingsByBusiness.getOrDefault(businessId, List.of()).stream()
                .filter(booking -> hasStatus(booking, statusCodes))
                .filter(booking -> window.contains(startOf(booking)))
                .sorted(Comparator.comparing(NaverBookingSimulator::startOf,
                        descending ? Comparator.nullsLast(Comparator.<Instant>reverseOrder()) : EARLIEST_FIRST_UNKNOWN_LAST))
                .toList();
        ArrayNode answer = mapper.createArrayNode();
        long from = (long) page * size;
        for (long i = from; i < Math.min(matching.size(), from + size); i++) {
            answer.add(matching.get((int) i));
        }
        return SimResponse.json(200, answer);
    }

    @Override
    protected void clearRecordings() {
        requests.clear();
        sessionChecks.clear();
    }

    private record Window(Instant start, Instant end) {
        boolean contains(Instant instant) {
            return instant == null || (!instant.isBefore(start) && !instant.isAfter(end));
        }
    }

    private static Window window(SimRequest request) {
        Instant start = requiredInstant(request, "startDateTime");
        Instant end = requiredInstant(request, "endDateTime");
        if (end.isBefore(start)) {
            throw reject(error(400, "INVALID_PARAMETER", "endDateTime is before startDateTime"));
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw reject(error(400, "INVALID_DATE_RANGE", "the period may not exceed 31 days"));
        }
        return new Window(start, end);
    }

    private SimResponse expiredSessionAnswer(SimRequest request) {
        String loginPage = "<!DOCTYPE html><html lang=\"ko\"><head><title>네이버 : 로그인</title></head>"
                + "<body><form id=\"frmNIDLogin\" action=\"" + LOGIN_URL + "\" method=\"post\"></form></body></html>";
        return switch (expiredSessionStyle) {
            case UNAUTHORIZED_JSON -> error(401, "UNAUTHORIZED", "login required");
            case FORBIDDEN_JSON -> error(403, "FORBIDDEN", "access denied");
            case ERROR_OBJECT_200 -> error(200, "UNAUTHORIZED", "login required");
            case LOGIN_PAGE_200 -> SimResponse.html(200, loginPage);
            case REDIRECT_TO_LOGIN -> SimResponse.html(302, loginPage).withHeader("Location",
                    LOGIN_URL + "?mode=form&url=" + URLEncoder.encode(PUBLIC_ORIGIN + request.rawPathAndQuery(), StandardCharsets.UTF_8));
        };
    }

    /**
     * What the account page shows: for a valid session the page itself (with a logout link, which must not be
     * taken for a login page), otherwise the redirect to the login page nid.naver.com answers with.
     */
    private SimResponse accountPage(SimRequest request) {
        SimResponse scripted = sessionCheckAnswer;
        if (scripted != null) {
            return scripted;
        }
        if (sessionValid(cookies(request))) {
            return SimResponse.html(200, "<!DOCTYPE html><html lang=\"ko\"><head><title>네이버 내정보</title></head><body>"
                    + "<div id=\"account\">내정보 · 보안설정 · 이력관리</div>"
                    + "<a href=\"https://nid.naver.com/nidlogin.logout\">로그아웃</a></body></html>");
        }
        String back = URLEncoder.encode("https://nid.naver.com" + request.rawPathAndQuery(), StandardCharsets.UTF_8);
        return SimResponse.html(302, "<html><body>redirecting</body></html>")
                .withHeader("Location", LOGIN_URL + "?mode=form&url=" + back);
    }

    /** Why the request does not look like the partner console's (null when it does). */
    static String consoleHeadersProblem(SimRequest request, String businessId) {
        if (!"OWNER".equals(request.header("x-booking-naver-role"))) {
            return "x-booking-naver-role: OWNER is required";
        }
        String referer = PUBLIC_ORIGIN + "/bizes/" + businessId + "/booking-list-view";
        if (!referer.equals(request.header("Referer"))) {
            return "the referer must be the booking list page " + referer;
        }
        String agent = request.header("User-Agent");
        if (agent == null || !agent.startsWith("Mozilla/5.0") || !agent.contains("Chrome/") || agent.contains("Mobile")
                || agent.contains("Headless")) {
            return "a desktop browser's user-agent is required";
        }
        String accept = request.header("Accept");
        if (accept == null || !(accept.contains("*/*") || accept.contains("application/json"))) {
            return "accept must admit application/json";
        }
        return null;
    }

    private boolean sessionValid(Map<String, String> cookies) {
        String nidAut = cookies.get("NID_AUT");
        String nidSes = cookies.get("NID_SES");
        return nidAut != null && nidSes != null && nidSes.equals(validSessions.get(nidAut));
    }

    private static String businessIdOf(SimRequest request) {
        Matcher matcher = BOOKINGS_PATH.matcher(request.path());
        return matcher.matches() ? matcher.group(1) : null;
    }

    private static Map<String, String> cookies(SimRequest request) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : request.headerValues("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
        }
        return cookies;
    }

    /** Both {@code bookingStatusCodes=RC03,RC04} and repeated parameters; empty means every status. */
    private static List<String> statusCodes(SimRequest request) {
        return request.queryParams().getOrDefault("bookingStatusCodes", List.of()).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(code -> !code.isEmpty())
                .toList();
    }

    private static boolean hasStatus(JsonNode booking, List<String> statusCodes) {
        JsonNode status = booking.get("bookingStatusCode");
        return statusCodes.isEmpty() || status == null || !status.isTextual() || statusCodes.contains(status.asText());
    }

    /** {@code snapshotJson.startDateTime}; snapshotJson may also arrive as a JSON string. Null when unreadable. */
    static Instant startOf(JsonNode booking) {
        JsonNode snapshot = booking.path("snapshotJson");
        if (snapshot.isTextual()) {
            try {
                snapshot = MessageCodec.mapper().readTree(snapshot.asText());
            } catch (Exception unreadable) {
                return null;
            }
        }
        JsonNode start = snapshot.path("startDateTime");
        return start.isTextual() ? instantOrNull(start.asText()) : null;
    }

    private static Instant requiredInstant(SimRequest request, String name) {
        String value = request.queryParam(name);
        Instant instant = value != null && value.endsWith("Z") ? instantOrNull(value) : null;
        if (instant == null) {
            throw reject(error(400, "INVALID_PARAMETER", name + " must be an ISO-8601 instant ending in Z"));
        }
        return instant;
    }

    private static int nonNegativeInt(SimRequest request, String name, int absent) {
        String value = request.queryParam(name);
        if (value == null) {
            return absent;
        }
        Integer parsed = intOrNull(value);
        if (parsed == null || parsed < 0) {
            throw reject(error(400, "INVALID_PARAMETER", name + " must be a non-negative integer"));
        }
        return parsed;
    }

    private static Instant instantOrNull(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer intOrNull(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static SimResponse error(int status, String code, String message) {
        return SimResponse.json(status, Map.of("error", code, "message", message));
    }
}
