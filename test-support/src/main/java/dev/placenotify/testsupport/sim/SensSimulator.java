package dev.placenotify.testsupport.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Naver Cloud SENS SMS v2: {@code POST /sms/v2/services/{serviceId}/messages}. Checks the API
 * gateway signature against its own clock (the runner shares a simulated clock with the sender),
 * validates the body like SENS does, and records one {@link SensMessage} per accepted recipient.
 *
 * <p>Our sender sends the non-SENS header {@value #IDEMPOTENCY_KEYS_HEADER} (comma-separated, one key
 * per entry of {@code messages}); SENS would ignore it, the simulator records it so tests can count
 * duplicate deliveries with {@link #countByKey}.
 *
 * <p>Besides the faults every simulator has ({@link Fault}, where the request has no effect unless
 * said otherwise), SENS can fail <em>after</em> acting: {@link #failAfterDelivering} records the texts
 * and answers with an error, as a gateway failing behind an accepted request does.
 */
public final class SensSimulator extends HttpSimulator {
    public static final String IDEMPOTENCY_KEYS_HEADER = "x-pn-idempotency-keys";
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Pattern MESSAGES_PATH = Pattern.compile("^/sms/v2/services/([^/]+)/messages/?$");
    private static final Pattern LOOKUP_PATH = Pattern.compile("^/sms/v2/services/([^/]+)/messages(/[^/]*)?$");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final String serviceId;
    private final Map<String, String> secretByAccessKey = new ConcurrentHashMap<>();
    private final Recorder<SensMessage> messages = new Recorder<>();
    private final Deque<SimResponse> failuresAfterDelivery = new ConcurrentLinkedDeque<>();
    private final SensLookupRoutes lookups = new SensLookupRoutes(this::messages, clock);
    private volatile Consumer<List<SensMessage>> deliveryListener = delivered -> { };
    // Sequence numbers and list order must agree, and one request's recipients must stay adjacent.
    private final Object deliveryLock = new Object();
    private long lastSequence;
    private final SensUnsubscribeRoutes unsubscribes;

    public SensSimulator(Clock clock, String accessKey, String secretKey, String serviceId) {
        super("sens", clock);
        this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
        acceptCredentials(accessKey, secretKey);
        this.unsubscribes = new SensUnsubscribeRoutes(serviceId, clock);
    }

    /** The unsubscribe list (080 수신거부) and its own faults. */
    public SensUnsubscribeRoutes unsubscribes() {
        return unsubscribes;
    }

    public String serviceId() {
        return serviceId;
    }

    /** {@code /sms/v2/services/{serviceId}/messages}: the path a sender signs. */
    public String messagesPath() {
        return "/sms/v2/services/" + serviceId + "/messages";
    }

    /** Only the new pair is accepted from now on: requests signed with the old key get 401. */
    public void rotateCredentials(String newAccessKey, String newSecretKey) {
        secretByAccessKey.clear();
        acceptCredentials(newAccessKey, newSecretKey);
    }

    /** Accepts another key pair in addition to the current ones (an overlap during rotation). */
    public void acceptCredentials(String accessKey, String secretKey) {
        secretByAccessKey.put(Objects.requireNonNull(accessKey, "accessKey"), Objects.requireNonNull(secretKey, "secretKey"));
    }

    public void revokeAccessKey(String accessKey) {
        secretByAccessKey.remove(accessKey);
    }

    /** Accepted messages, one per recipient, in arrival order. */
    public List<SensMessage> messages() {
        return messages.snapshot();
    }

    public List<SensMessage> messagesTo(String to) {
        return messages.snapshot().stream().filter(m -> m.to().equals(to)).toList();
    }

    /** How many accepted messages carried this idempotency key: above 1 means a duplicate SMS. */
    public long countByKey(String idempotencyKey) {
        return messages.count(m -> idempotencyKey.equals(m.idempotencyKey()));
    }

    /** A fault answering like SENS does when it fails, e.g. {@code errorFault(500, "Internal Server Error")}. */
    public static Fault errorFault(int status, String message) {
        return Fault.respond(errorAnswer(status, message));
    }

    /**
     * The next {@code times} requests SENS takes are delivered (recorded: the customers get the texts)
     * but answered with {@code status} and {@code message} instead of 202, e.g. a gateway's 502 after
     * SENS sent. Used by requests that pass authentication and validation, after any pending {@link Fault}.
     */
    public void failAfterDelivering(int status, String message, int times) {
        for (int i = 0; i < times; i++) {
            failuresAfterDelivery.addLast(errorAnswer(status, message));
        }
    }

    /**
     * Called with a request's messages right after they are recorded and before the answer is
     * written: a test can make the sender "die" at the moment its request has reached SENS.
     */
    public void onDelivered(Consumer<List<SensMessage>> listener) {
        this.deliveryListener = listener == null ? delivered -> { } : listener;
    }

    static SimResponse errorAnswer(int status, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("status", String.valueOf(status));
        body.put("errorMessage", message);
        return SimResponse.json(status, body);
    }

    /** The message lookups (delivery results) and their switchable outcomes. */
    public SensLookupRoutes lookups() {
        return lookups;
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        if (unsubscribes.matches(request.path())) {
            return unsubscribes.handle(request, this::authenticate);
        }
        Matcher lookup = LOOKUP_PATH.matcher(request.path());
        if (request.method().equals("GET") && lookup.matches() && lookup.group(1).equals(serviceId)) {
            authenticate(request);
            return lookups.handle(request, lookup.group(2) == null ? "" : lookup.group(2));
        }
        Matcher path = MESSAGES_PATH.matcher(request.path());
        if (!path.matches() || !path.group(1).equals(serviceId)) {
            return errorAnswer(404, "Not Found");
        }
        if (!request.method().equals("POST")) {
            return errorAnswer(405, "Method Not Allowed");
        }
        authenticate(request);
        SensPayload payload = SensPayload.parse(request.body());
        String requestId = "SIM-" + UUID.randomUUID().toString().replace("-", "");
        List<SensMessage> delivered = deliver(requestId, payload, idempotencyKeys(request), request);
        deliveryListener.accept(delivered);
        SimResponse failure = failuresAfterDelivery.pollFirst();
        if (failure != null) {
            return failure;
        }

        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("requestId", requestId);
        answer.put("requestTime", LocalDateTime.ofInstant(clock.instant(), SEOUL).format(REQUEST_TIME));
        answer.put("statusCode", "202");
        answer.put("statusName", "success");
        return SimResponse.json(202, answer);
    }

    /** Queued faults are for the send; the unsubscribe routes have their own. */
    @Override
    protected boolean takesQueuedFaults(SimRequest request) {
        return !unsubscribes.matches(request.path());
    }

    @Override
    protected void clearRecordings() {
        synchronized (deliveryLock) {
            messages.clear();
            lastSequence = 0;
        }
        failuresAfterDelivery.clear();
        lookups.clear();
        unsubscribes.clearFaults();
    }

    private void authenticate(SimRequest request) {
        String accessKey = request.header("x-ncp-iam-access-key");
        String secretKey = accessKey == null ? null : secretByAccessKey.get(accessKey);
        if (secretKey == null) {
            throw reject(errorAnswer(401, "Authentication Failed: unknown access key"));
        }
        String timestamp = request.header("x-ncp-apigw-timestamp");
        if (!withinSkew(timestamp)) {
            throw reject(errorAnswer(401, "Authentication Failed: timestamp missing or more than 5 minutes off"));
        }
        String expected = SensSignature.sign(secretKey, request.method(), request.rawPathAndQuery(), timestamp, accessKey);
        String given = request.header("x-ncp-apigw-signature-v2");
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw reject(errorAnswer(401, "Authentication Failed: signature mismatch"));
        }
    }

    private boolean withinSkew(String timestamp) {
        try {
            long skew = Math.abs(Long.parseLong(timestamp) - clock.millis());
            return skew <= MAX_CLOCK_SKEW.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private List<SensMessage> deliver(String requestId, SensPayload payload, List<String> keys, SimRequest request) {
        List<SensMessage> delivered = new ArrayList<>();
        synchronized (deliveryLock) {
            for (int i = 0; i < payload.deliveries().size(); i++) {
                SensPayload.Delivery delivery = payload.deliveries().get(i);
                String key = i < keys.size() ? keys.get(i) : null;
                SensMessage m = new SensMessage(requestId, ++lastSequence, delivery.to(), payload.from(), payload.countryCode(),
                        payload.type(), payload.contentType(), delivery.subject(), delivery.content(), payload.reserveTime(),
                        key, request.receivedAt());
                messages.add(m);
                delivered.add(m);
            }
        }
        return delivered;
    }

    private static List<String> idempotencyKeys(SimRequest request) {
        String header = request.header(IDEMPOTENCY_KEYS_HEADER);
        List<String> keys = new ArrayList<>();
        if (header != null) {
            for (String key : header.split(",", -1)) {
                keys.add(key.isBlank() ? null : key.trim());
            }
        }
        return keys;
    }
}
