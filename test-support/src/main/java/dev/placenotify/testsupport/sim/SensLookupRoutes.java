package dev.placenotify.testsupport.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * SENS v2's message lookups, answered from what {@link SensSimulator} accepted:
 * <ul>
 *   <li>{@code GET …/messages?requestId=…}: the request's messages (404 for a request SENS never took);</li>
 *   <li>{@code GET …/messages?requestStartTime=…&requestEndTime=…[&to=…][&pageIndex=…&pageSize=…]}: the messages
 *       requested in the window ("yyyy-MM-dd HH:mm:ss", KST, at most 30 days), optionally to one recipient, paged;</li>
 *   <li>{@code GET …/messages/{messageId}}: one message's result, decided by the {@link Outcome} set for its
 *       recipient (or globally; {@link Outcome#delivered()} by default).</li>
 * </ul>
 * A message's id is its request id and sequence ({@code SIM-…-7}). List entries carry no text; the detail does,
 * as a sender telling two texts to one customer apart needs it. {@link #lookups()} counts every lookup.
 */
public final class SensLookupRoutes {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter SENS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** What the carrier does with a message, as the detail lookup reports it. */
    public sealed interface Outcome {
        static Outcome delivered() {
            return new Delivered();
        }

        static Outcome failed(String carrierCode, String message) {
            return new Failed(carrierCode, message);
        }

        /** PROCESSING for the first {@code pendingLookups} detail lookups of a message, then {@code then}. */
        static Outcome late(int pendingLookups, Outcome then) {
            return new Late(pendingLookups, then);
        }

        static Outcome neverFinal() {
            return new NeverFinal();
        }
    }

    record Delivered() implements Outcome {}

    record Failed(String carrierCode, String message) implements Outcome {}

    record Late(int pendingLookups, Outcome then) implements Outcome {}

    record NeverFinal() implements Outcome {}

    private final Supplier<List<SensMessage>> accepted;
    private final Clock clock;
    private final Map<String, Outcome> byRecipient = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> detailLookups = new ConcurrentHashMap<>();
    private final Map<String, Instant> completedAt = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile Outcome global = Outcome.delivered();

    SensLookupRoutes(Supplier<List<SensMessage>> accepted, Clock clock) {
        this.accepted = accepted;
        this.clock = clock;
    }

    /** Every message's outcome, unless its recipient has its own. */
    public void setOutcome(Outcome outcome) {
        this.global = Objects.requireNonNull(outcome, "outcome");
    }

    /** The outcome of every message to {@code to} (digits). */
    public void setOutcome(String to, Outcome outcome) {
        byRecipient.put(digits(to), Objects.requireNonNull(outcome, "outcome"));
    }

    /** Lookups answered (list and detail, errors included), for tests. */
    public int lookups() {
        return lookups.get();
    }

    public static String messageId(SensMessage m) {
        return m.requestId() + "-" + m.sequence();
    }

    void clear() {
        byRecipient.clear();
        detailLookups.clear();
        completedAt.clear();
        lookups.set(0);
        global = Outcome.delivered();
    }

    /** {@code tail}: what follows {@code …/messages} in the path ("" or "/{messageId}"). */
    SimResponse handle(SimRequest request, String tail) {
        lookups.incrementAndGet();
        if (tail.isEmpty() || tail.equals("/")) {
            return list(request);
        }
        String messageId = tail.substring(1);
        return accepted.get().stream().filter(m -> messageId(m).equals(messageId)).findFirst()
                .map(m -> SimResponse.json(200, Map.of("statusCode", "202", "statusName", "success",
                        "messages", List.of(detail(m)))))
                .orElseGet(() -> SensSimulator.errorAnswer(404, "Not Found: no message " + messageId));
    }

    private SimResponse list(SimRequest request) {
        String requestId = request.queryParam("requestId");
        if (requestId != null) {
            List<Map<String, Object>> of = accepted.get().stream().filter(m -> m.requestId().equals(requestId))
                    .map(this::entry).toList();
            if (of.isEmpty()) {
                return SensSimulator.errorAnswer(404, "Not Found: no request " + requestId);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("requestId", requestId);
            body.put("statusCode", "202");
            body.put("statusName", "success");
            body.put("messages", of);
            return SimResponse.json(200, body);
        }
        Instant start;
        Instant end;
        try {
            start = kst(request.queryParam("requestStartTime"));
            end = kst(request.queryParam("requestEndTime"));
        } catch (DateTimeParseException | NullPointerException e) {
            return SensSimulator.errorAnswer(400, "requestId, requestStartTime+requestEndTime or completeStartTime+completeEndTime"
                    + " is required (yyyy-MM-dd HH:mm:ss)");
        }
        if (end.isBefore(start) || Duration.between(start, end).compareTo(Duration.ofDays(30)) > 0) {
            return SensSimulator.errorAnswer(400, "requestStartTime..requestEndTime must be within 30 days");
        }
        String to = request.queryParam("to");
        int pageIndex = integer(request.queryParam("pageIndex"), 0);
        int pageSize = Math.max(1, Math.min(100, integer(request.queryParam("pageSize"), 100)));
        Instant endExclusive = end.plusSeconds(1);
        List<SensMessage> matching = accepted.get().stream()
                .filter(m -> !m.receivedAt().isBefore(start) && m.receivedAt().isBefore(endExclusive))
                .filter(m -> to == null || digits(m.to()).equals(digits(to))).toList();
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = pageIndex * pageSize; i < Math.min(matching.size(), (pageIndex + 1) * pageSize); i++) {
            page.add(entry(matching.get(i)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", "202");
        body.put("statusName", "success");
        body.put("pageIndex", pageIndex);
        body.put("pageSize", pageSize);
        body.put("itemCount", page.size());
        body.put("hasMore", (long) (pageIndex + 1) * pageSize < matching.size());
        body.put("messages", page);
        return SimResponse.json(200, body);
    }

    private Map<String, Object> entry(SensMessage m) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("requestId", m.requestId());
        e.put("messageId", messageId(m));
        e.put("requestTime", SENS_TIME.format(LocalDateTime.ofInstant(m.receivedAt(), SEOUL)));
        e.put("contentType", m.contentType());
        e.put("type", m.type());
        e.put("countryCode", m.countryCode());
        e.put("from", m.from());
        e.put("to", m.to());
        return e;
    }

    private Map<String, Object> detail(SensMessage m) {
        Map<String, Object> d = entry(m);
        d.put("subject", m.subject());
        d.put("content", m.content());
        int seen = detailLookups.computeIfAbsent(messageId(m), k -> new AtomicInteger()).incrementAndGet();
        Outcome outcome = byRecipient.getOrDefault(digits(m.to()), global);
        while (outcome instanceof Late late) {
            if (seen <= late.pendingLookups()) {
                break;
            }
            seen -= late.pendingLookups();
            outcome = late.then();
        }
        switch (outcome) {
            case Delivered ignored -> completed(d, m, "success", "0", "성공");
            case Failed f -> completed(d, m, "fail", f.carrierCode(), f.message());
            case Late ignored -> processing(d);
            case NeverFinal ignored -> processing(d);
        }
        return d;
    }

    private void completed(Map<String, Object> d, SensMessage m, String name, String code, String message) {
        Instant done = completedAt.computeIfAbsent(messageId(m), k -> clock.instant());
        d.put("status", "COMPLETED");
        d.put("statusCode", code);
        d.put("statusName", name);
        d.put("statusMessage", message);
        d.put("telcoCode", "SKT");
        d.put("completeTime", SENS_TIME.format(LocalDateTime.ofInstant(done, SEOUL)));
    }

    private static void processing(Map<String, Object> d) {
        d.put("status", "PROCESSING");
        d.put("statusName", "processing");
    }

    private static Instant kst(String text) {
        return LocalDateTime.parse(Objects.requireNonNull(text), SENS_TIME).atZone(SEOUL).toInstant();
    }

    private static int integer(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String digits(String s) {
        return s == null ? "" : s.replaceAll("\\D", "");
    }
}
