package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SENS v2's unsubscribe list (080 수신거부) with state: {@code GET /sms/v2/services/{serviceId}/unsubscribes}
 * (query {@code clientTelNo}, {@code pageSize} 1–100, {@code pageIndex} from 0, {@code startTime}/{@code endTime}
 * in epoch ms on the registration time; answers a JSON array of {@code clientTelNo}, {@code registerTime}
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSS} KST, {@code registerType} C (ARS) or M (manual), or an empty 404 when nothing is
 * listed at all, as SENS does), {@code POST} (a JSON array of {@code {"clientTelNo"}}, ≤ 1,000; answers the
 * entries) and {@code DELETE} (same body; 204). Signed like the send.
 *
 * <p>The simulator's queued faults are for the send; these routes have their own ({@link #failNext}), so a
 * test can make the list unreadable without touching the send, and the other way round.
 */
public final class SensUnsubscribeRoutes {
    private static final Pattern PATH = Pattern.compile("^/sms/v2/services/([^/]+)/unsubscribes/?$");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    static final int MAX_PER_CHANGE = 1000;

    private final String serviceId;
    private final Clock clock;
    private final Map<String, Entry> listed = new LinkedHashMap<>();
    private final Deque<SimResponse> failures = new ConcurrentLinkedDeque<>();
    private volatile boolean unavailable;

    /** One listed number. */
    public record Entry(String clientTelNo, long registeredAtMillis, String registerType) {}

    SensUnsubscribeRoutes(String serviceId, Clock clock) {
        this.serviceId = serviceId;
        this.clock = clock;
    }

    boolean matches(String path) {
        return PATH.matcher(path).matches();
    }

    /** A number that opted out through the 080 line (registerType C), as a customer's call does. */
    public synchronized void optOutByPhone(String number) {
        listed.put(digits(number), new Entry(digits(number), clock.millis(), "C"));
    }

    public synchronized List<String> numbers() {
        return List.copyOf(listed.keySet());
    }

    /** The next {@code times} requests to these routes get {@code answer} instead. */
    public void failNext(SimResponse answer, int times) {
        for (int i = 0; i < times; i++) {
            failures.addLast(answer);
        }
    }

    /** Every request to these routes answers 500 until switched back. */
    public void setUnavailable(boolean unavailable) {
        this.unavailable = unavailable;
    }

    /** The list is data and stays; only its faults go (like the simulator's {@code reset}). */
    void clearFaults() {
        failures.clear();
        unavailable = false;
    }

    SimResponse handle(SimRequest request, Consumer<SimRequest> authenticate) {
        Matcher path = PATH.matcher(request.path());
        if (!path.matches() || !path.group(1).equals(serviceId)) {
            return SensSimulator.errorAnswer(404, "Not Found");
        }
        authenticate.accept(request);
        SimResponse failure = failures.pollFirst();
        if (failure != null) {
            return failure;
        }
        if (unavailable) {
            return SensSimulator.errorAnswer(500, "Internal Server Error");
        }
        return switch (request.method()) {
            case "GET" -> list(request);
            case "POST" -> add(request);
            case "DELETE" -> remove(request);
            default -> SensSimulator.errorAnswer(405, "Method Not Allowed");
        };
    }

    private synchronized SimResponse list(SimRequest request) {
        int pageSize;
        int pageIndex;
        Long start;
        Long end;
        try {
            pageSize = intParam(request, "pageSize", 100);
            pageIndex = intParam(request, "pageIndex", 0);
            start = longParam(request, "startTime");
            end = longParam(request, "endTime");
        } catch (NumberFormatException e) {
            return SensSimulator.errorAnswer(400, "Bad Request: a numeric parameter is not a number");
        }
        if (pageSize < 1 || pageSize > 100 || pageIndex < 0) {
            return SensSimulator.errorAnswer(400, "Bad Request: pageSize must be 1-100 and pageIndex 0 or more");
        }
        String number = request.queryParam("clientTelNo");
        if (number != null && !number.matches("\\d+")) {
            return SensSimulator.errorAnswer(400, "Bad Request: clientTelNo must be digits only");
        }
        if (listed.isEmpty()) {
            return SimResponse.of(404, "application/json", "");
        }
        List<Entry> matching = listed.values().stream()
                .filter(e -> number == null || e.clientTelNo().equals(number))
                .filter(e -> start == null || e.registeredAtMillis() >= start)
                .filter(e -> end == null || e.registeredAtMillis() <= end)
                .toList();
        int from = Math.min(matching.size(), pageIndex * pageSize);
        List<Map<String, String>> page = new ArrayList<>();
        for (Entry e : matching.subList(from, Math.min(matching.size(), from + pageSize))) {
            page.add(answer(e));
        }
        return SimResponse.json(200, page);
    }

    private synchronized SimResponse add(SimRequest request) {
        List<String> numbers = numbers(request);
        if (numbers == null) {
            return SensSimulator.errorAnswer(400, "Bad Request: the body must be a JSON array of {\"clientTelNo\"} (1-1000), digits only");
        }
        List<Map<String, String>> added = new ArrayList<>();
        for (String n : numbers) {
            Entry e = listed.computeIfAbsent(n, k -> new Entry(k, clock.millis(), "M"));
            added.add(answer(e));
        }
        return SimResponse.json(200, added);
    }

    private synchronized SimResponse remove(SimRequest request) {
        List<String> numbers = numbers(request);
        if (numbers == null) {
            return SensSimulator.errorAnswer(400, "Bad Request: the body must be a JSON array of {\"clientTelNo\"} (1-1000), digits only");
        }
        numbers.forEach(listed::remove);
        return SimResponse.of(204, "application/json", "");
    }

    private static List<String> numbers(SimRequest request) {
        try {
            JsonNode root = MessageCodec.mapper().readTree(request.bodyText());
            if (root == null || !root.isArray() || root.isEmpty() || root.size() > MAX_PER_CHANGE) {
                return null;
            }
            List<String> numbers = new ArrayList<>();
            for (JsonNode n : root) {
                String number = n.path("clientTelNo").asText("");
                if (!number.matches("\\d{8,15}")) {
                    return null;
                }
                numbers.add(number);
            }
            return numbers;
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> answer(Entry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("clientTelNo", e.clientTelNo());
        m.put("registerTime", LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(e.registeredAtMillis()), SEOUL).format(TIME));
        m.put("registerType", e.registerType());
        return m;
    }

    private static int intParam(SimRequest request, String name, int dflt) {
        String v = request.queryParam(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    private static Long longParam(SimRequest request, String name) {
        String v = request.queryParam(name);
        return v == null ? null : Long.parseLong(v);
    }

    private static String digits(String number) {
        return number.replaceAll("\\D", "");
    }
}
