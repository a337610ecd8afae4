package dev.placenotify.local.sim;

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
 * <p>Bookings are kept as raw JSON so tests can store malformed ones. A booking whose status or
 * {@code snapshotJson.startDateTime} is missing or unreadable matches every status or window: the
 * point is to hand it to the fetcher, whose tolerant parsing is under test.
 */
public final class NaverBookingSimulator extends HttpSimulator {
    public static final int MAX_PAGE_SIZE = 50;
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final String LOGIN_URL = "https://nid.naver.com/nidlogin.login";
    private static final String PUBLIC_ORIGIN = "https://partner.booking.naver.com";
    private static final Pattern BOOKINGS_PATH = Pattern.compile("^/api/businesses/([^/]+)/bookings/?$");
    private static final Comparator<Instant> EARLIEST_FIRST_UNKNOWN_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private final ObjectMapper mapper = MessageCodec.mapper();
    private final Map<String, List<JsonNode>> bookingsByBusiness = new ConcurrentHashMap<>();
    private final Map<String, String> validSessions = new ConcurrentHashMap<>();
    private final Map<String, Duration> latencyByBusiness = new ConcurrentHashMap<>();
    private final Recorder<BookingListRequest> requests = new Recorder<>();
    private volatile ExpiredSessionStyle expiredSessionStyle = ExpiredSessionStyle.UNAUTHORIZED_JSON;

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
        String businessId = businessIdOf(request);
        if (businessId == null) {
            return;
        }
        Map<String, String> cookies = cookies(request);
        requests.add(new BookingListRequest(businessId, statusCodes(request), instantOrNull(request.queryParam("startDateTime")),
                instantOrNull(request.queryParam("endDateTime")), intOrNull(request.queryParam("page")),
                intOrNull(request.queryParam("size")), cookies.get("NID_AUT"), sessionValid(cookies), request.receivedAt()));
    }

    @Override
    protected Duration latencyFor(SimRequest request) {
        String businessId = businessIdOf(request);
        Duration own = businessId == null ? null : latencyByBusiness.get(businessId);
        return own != null ? own : super.latencyFor(request);
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        String businessId = businessIdOf(request);
        if (businessId == null) {
            return error(404, "NOT_FOUND", "no such resource");
        }
        if (!request.method().equals("GET")) {
            return error(405, "METHOD_NOT_ALLOWED", "use GET");
        }
        if (!sessionValid(cookies(request))) {
            return expiredSessionAnswer(request);
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
