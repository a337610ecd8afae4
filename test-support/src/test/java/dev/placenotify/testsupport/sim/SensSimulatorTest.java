package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SensSimulatorTest {
    private static final String ACCESS_KEY = "AK-TEST";
    private static final String SECRET_KEY = "SK-TEST";
    private static final String SERVICE_ID = "ncp:sms:kr:1:svc";
    private static final Instant NOW = Instant.parse("2025-05-01T03:00:00Z");

    private final SensSimulator sens = new SensSimulator(Clock.fixed(NOW, ZoneOffset.UTC), ACCESS_KEY, SECRET_KEY, SERVICE_ID);

    @BeforeEach
    void start() {
        sens.start();
    }

    @AfterEach
    void stop() {
        sens.close();
    }

    @Test
    void signatureMatchesAKnownAnswer() {
        // Computed independently: printf 'POST …\n1700000000000\nAK-TEST' | openssl dgst -sha256 -hmac SK-TEST -binary | base64
        assertThat(SensSignature.sign(SECRET_KEY, "POST", "/sms/v2/services/ncp:sms:kr:1:svc/messages", "1700000000000", ACCESS_KEY))
                .isEqualTo("iBCp4SznXBjSPcpTq0/HjieXUNbC7ckyYBTs5grl/cs=");
    }

    @Test
    void acceptsASignedRequestAndRecordsEachRecipient() {
        ObjectNode body = sms("안녕하세요", "01011112222", "01033334444");
        ((ObjectNode) body.withArray("messages").get(1)).put("content", "개별 내용");

        HttpResponse<String> response = send(body, signedHeaders(NOW.toEpochMilli()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode answer = json(response.body());
        assertThat(answer.get("statusCode").asText()).isEqualTo("202");
        assertThat(answer.get("statusName").asText()).isEqualTo("success");
        assertThat(answer.get("requestTime").asText()).isEqualTo("2025-05-01T12:00:00.000");
        String requestId = answer.get("requestId").asText();
        assertThat(sens.messages()).extracting(SensMessage::to, SensMessage::content, SensMessage::sequence, SensMessage::requestId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("01011112222", "안녕하세요", 1L, requestId),
                        org.assertj.core.groups.Tuple.tuple("01033334444", "개별 내용", 2L, requestId));
        assertThat(sens.messages().get(0).from()).isEqualTo("0212345678");
        assertThat(sens.messages().get(0).countryCode()).isEqualTo("82");
        assertThat(sens.messages().get(0).toString()).doesNotContain("01011112222");
    }

    @Test
    void requestIdsAreUnique() {
        String first = json(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli())).body()).get("requestId").asText();
        String second = json(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli())).body()).get("requestId").asText();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void rejectsUnknownServiceWrongKeyAndBadSignature() {
        String otherService = sens.baseUrl() + "/sms/v2/services/other/messages";
        Map<String, String> signedForOther = headers(ACCESS_KEY, SECRET_KEY, "/sms/v2/services/other/messages", NOW.toEpochMilli());
        assertThat(HttpCalls.post(otherService, "application/json", sms("a", "01011112222").toString(), signedForOther).statusCode())
                .isEqualTo(404);

        Map<String, String> wrongKey = headers("AK-OTHER", SECRET_KEY, sens.messagesPath(), NOW.toEpochMilli());
        assertThat(send(sms("a", "01011112222"), wrongKey).statusCode()).isEqualTo(401);

        Map<String, String> wrongSecret = headers(ACCESS_KEY, "SK-OTHER", sens.messagesPath(), NOW.toEpochMilli());
        HttpResponse<String> badSignature = send(sms("a", "01011112222"), wrongSecret);
        assertThat(badSignature.statusCode()).isEqualTo(401);
        assertThat(json(badSignature.body()).get("status").asText()).isEqualTo("401");

        Map<String, String> signedWithoutQuery = headers(ACCESS_KEY, SECRET_KEY, sens.messagesPath(), NOW.toEpochMilli());
        assertThat(HttpCalls.post(sens.baseUrl() + sens.messagesPath() + "?x=1", "application/json",
                sms("a", "01011112222").toString(), signedWithoutQuery).statusCode()).isEqualTo(401);
        Map<String, String> signedWithQuery = headers(ACCESS_KEY, SECRET_KEY, sens.messagesPath() + "?x=1", NOW.toEpochMilli());
        assertThat(HttpCalls.post(sens.baseUrl() + sens.messagesPath() + "?x=1", "application/json",
                sms("a", "01011112222").toString(), signedWithQuery).statusCode()).isEqualTo(202);
        assertThat(sens.messages()).hasSize(1);
    }

    @Test
    void rejectsTimestampsMoreThanFiveMinutesFromItsClock() {
        long fiveMinutes = Duration.ofMinutes(5).toMillis();

        assertThat(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli() - fiveMinutes)).statusCode()).isEqualTo(202);
        assertThat(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli() + fiveMinutes)).statusCode()).isEqualTo(202);
        assertThat(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli() - fiveMinutes - 1)).statusCode()).isEqualTo(401);
        assertThat(send(sms("a", "01011112222"), signedHeaders(NOW.toEpochMilli() + fiveMinutes + 1)).statusCode()).isEqualTo(401);
        // The wall clock is far from the simulated one: only the simulator's clock counts.
        assertThat(send(sms("a", "01011112222"), signedHeaders(System.currentTimeMillis())).statusCode()).isEqualTo(401);
    }

    @Test
    void countsSmsLengthInEucKrBytes() {
        assertThat(sendSigned(sms("가".repeat(45), "01011112222")).statusCode()).isEqualTo(202);
        assertThat(sendSigned(sms("가".repeat(46), "01011112222")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a".repeat(90), "01011112222")).statusCode()).isEqualTo(202);
        assertThat(sendSigned(sms("a".repeat(89) + "가", "01011112222")).statusCode()).isEqualTo(400);
    }

    @Test
    void countsLmsContentAndSubjectInEucKrBytes() {
        assertThat(sendSigned(lms("제".repeat(20), "가".repeat(1000))).statusCode()).isEqualTo(202);
        assertThat(sendSigned(lms("제목", "가".repeat(1001))).statusCode()).isEqualTo(400);
        assertThat(sendSigned(lms("제".repeat(21), "본문")).statusCode()).isEqualTo(400);
        assertThat(sens.messages()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo("LMS");
            assertThat(m.subject()).isEqualTo("제".repeat(20));
        });
    }

    @Test
    void rejectsCharactersOutsideEucKr() {
        HttpResponse<String> emoji = sendSigned(sms("예약 확인 😀", "01011112222"));

        assertThat(emoji.statusCode()).isEqualTo(400);
        assertThat(json(emoji.body()).get("errorMessage").asText()).contains("EUC-KR");
        assertThat(sendSigned(lms("제목 🎉", "본문")).statusCode()).isEqualTo(400);
        ObjectNode ownContent = sms("ok", "01011112222", "01033334444");
        ((ObjectNode) ownContent.withArray("messages").get(1)).put("content", "🙂");
        assertThat(sendSigned(ownContent).statusCode()).isEqualTo(400);
        assertThat(sens.messages()).isEmpty();
    }

    @Test
    void advertisingContentMustStartWithTheAdMarker() {
        ObjectNode missingMarker = sms("할인 안내 무료거부 0800000000", "01011112222").put("contentType", "AD");
        ObjectNode marked = sms("(광고)할인 안내 무료거부 0800000000", "01011112222").put("contentType", "AD");

        assertThat(sendSigned(missingMarker).statusCode()).isEqualTo(400);
        assertThat(sendSigned(marked).statusCode()).isEqualTo(202);
        assertThat(sens.messages()).singleElement().extracting(SensMessage::contentType).isEqualTo("AD");
    }

    @Test
    void validatesFieldsAndRecipients() {
        assertThat(sendSigned(sms("a", "010-1111-2222")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a", "01011112222").put("from", "02-123-4567")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a", "01011112222").put("type", "FAX")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a", "01011112222").put("contentType", "PROMO")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a")).statusCode()).isEqualTo(400);
        assertThat(sendSigned(sms("a", "01011112222").put("reserveTime", "2025-05-01T10:00")).statusCode()).isEqualTo(400);
        assertThat(HttpCalls.post(sens.baseUrl() + sens.messagesPath(), "application/json", "{not json",
                signedHeaders(NOW.toEpochMilli())).statusCode()).isEqualTo(400);

        String[] hundredAndOne = new String[101];
        java.util.Arrays.fill(hundredAndOne, "01011112222");
        assertThat(sendSigned(sms("a", hundredAndOne)).statusCode()).isEqualTo(400);
        String[] hundred = java.util.Arrays.copyOf(hundredAndOne, 100);
        assertThat(sendSigned(sms("a", hundred).put("reserveTime", "2025-05-02 10:00")).statusCode()).isEqualTo(202);
        assertThat(sens.messages()).hasSize(100).allSatisfy(m -> assertThat(m.reserveTime()).isEqualTo("2025-05-02 10:00"));
    }

    @Test
    void recordsIdempotencyKeysAlignedWithMessages() {
        Map<String, String> headers = new HashMap<>(signedHeaders(NOW.toEpochMilli()));
        headers.put(SensSimulator.IDEMPOTENCY_KEYS_HEADER, "job-1,job-2");
        send(sms("a", "01011112222", "01033334444"), headers);
        headers.put(SensSimulator.IDEMPOTENCY_KEYS_HEADER, "job-2");
        send(sms("a", "01033334444"), headers);
        sendSigned(sms("a", "01055556666"));

        assertThat(sens.countByKey("job-1")).isEqualTo(1);
        assertThat(sens.countByKey("job-2")).isEqualTo(2);
        assertThat(sens.messages()).extracting(SensMessage::idempotencyKey).containsExactly("job-1", "job-2", "job-2", null);
        assertThat(sens.messagesTo("01033334444")).hasSize(2);
    }

    @Test
    void faultsComeFirstAndDeliverNothing() {
        sens.enqueueFault(SensSimulator.errorFault(500, "Internal Server Error"), 2);
        sens.enqueueFault(SensSimulator.errorFault(429, "Too Many Requests"));

        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(500);
        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(500);
        HttpResponse<String> throttled = sendSigned(sms("a", "01011112222"));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(json(throttled.body()).get("status").asText()).isEqualTo("429");
        assertThat(sens.messages()).isEmpty();
        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(202);
        assertThat(sens.messages()).hasSize(1);
    }

    @Test
    void hangsDeliverOnlyWhenProcessed() {
        sens.enqueueFault(Fault.hangUnprocessed(Duration.ofSeconds(3)));
        sens.enqueueFault(Fault.hangProcessed(Duration.ofSeconds(3)));
        Map<String, String> headers = new HashMap<>(signedHeaders(NOW.toEpochMilli()));
        headers.put(SensSimulator.IDEMPOTENCY_KEYS_HEADER, "job-9");

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> HttpCalls.sendRaw(HttpCalls.postRequest(sens.baseUrl() + sens.messagesPath(),
                    "application/json", sms("a", "01011112222").toString(), headers, Duration.ofMillis(300))))
                    .isInstanceOf(HttpTimeoutException.class);
        }

        assertThat(sens.countByKey("job-9")).isEqualTo(1);
    }

    @Test
    void failingAfterDeliveringRecordsTheTextsAndAnswersTheError() {
        sens.failAfterDelivering(502, "Bad Gateway", 1);
        List<List<SensMessage>> seenByListener = new java.util.concurrent.CopyOnWriteArrayList<>();
        sens.onDelivered(seenByListener::add);
        Map<String, String> headers = new HashMap<>(signedHeaders(NOW.toEpochMilli()));
        headers.put(SensSimulator.IDEMPOTENCY_KEYS_HEADER, "job-5");

        HttpResponse<String> failed = send(sms("a", "01011112222"), headers);

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(json(failed.body()).get("errorMessage").asText()).isEqualTo("Bad Gateway");
        assertThat(sens.countByKey("job-5")).as("the text went out anyway").isEqualTo(1);
        assertThat(seenByListener).singleElement().satisfies(d -> assertThat(d).extracting(SensMessage::idempotencyKey)
                .containsExactly("job-5"));
        assertThat(send(sms("a", "01011112222"), headers).statusCode()).as("only once").isEqualTo(202);
        assertThat(sens.countByKey("job-5")).isEqualTo(2);
    }

    @Test
    void aStalledBodyFollowsHeadersThatArriveAtOnce() throws Exception {
        sens.enqueueFault(Fault.stallBody(Duration.ofMillis(1500)));
        Map<String, String> headers = new HashMap<>(signedHeaders(NOW.toEpochMilli()));
        headers.put(SensSimulator.IDEMPOTENCY_KEYS_HEADER, "job-6");
        java.net.http.HttpRequest request = HttpCalls.postRequest(sens.baseUrl() + sens.messagesPath(), "application/json",
                sms("a", "01011112222").toString(), headers, Duration.ofMillis(500));
        long started = System.nanoTime();

        HttpResponse<java.io.InputStream> response = java.net.http.HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        Duration headersAfter = Duration.ofNanos(System.nanoTime() - started);
        String body;
        try (java.io.InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration bodyAfter = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(headersAfter).as("headers within the client's 500 ms timeout").isLessThan(Duration.ofMillis(500));
        assertThat(bodyAfter).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(json(body).get("statusName").asText()).isEqualTo("success");
        assertThat(sens.countByKey("job-6")).isEqualTo(1);
    }

    @Test
    void rotatedCredentialsRejectTheOldKey() {
        sens.rotateCredentials("AK-NEW", "SK-NEW");

        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(401);
        Map<String, String> fresh = headers("AK-NEW", "SK-NEW", sens.messagesPath(), NOW.toEpochMilli());
        assertThat(send(sms("a", "01011112222"), fresh).statusCode()).isEqualTo(202);

        sens.acceptCredentials(ACCESS_KEY, SECRET_KEY);
        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(202);
        sens.revokeAccessKey(ACCESS_KEY);
        assertThat(sendSigned(sms("a", "01011112222")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> sendSigned(ObjectNode body) {
        return send(body, signedHeaders(NOW.toEpochMilli()));
    }

    private HttpResponse<String> send(ObjectNode body, Map<String, String> headers) {
        return HttpCalls.post(sens.baseUrl() + sens.messagesPath(), "application/json; charset=utf-8", body.toString(), headers);
    }

    private Map<String, String> signedHeaders(long timestamp) {
        return headers(ACCESS_KEY, SECRET_KEY, sens.messagesPath(), timestamp);
    }

    /** Signs independently of {@link SensSignature}, so a bug there cannot hide itself. */
    private static Map<String, String> headers(String accessKey, String secretKey, String pathAndQuery, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String message = "POST " + pathAndQuery + "\n" + timestamp + "\n" + accessKey;
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
            return Map.of("x-ncp-apigw-timestamp", String.valueOf(timestamp), "x-ncp-iam-access-key", accessKey,
                    "x-ncp-apigw-signature-v2", signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode sms(String content, String... recipients) {
        ObjectNode body = MessageCodec.mapper().createObjectNode()
                .put("type", "SMS").put("contentType", "COMM").put("countryCode", "82")
                .put("from", "0212345678").put("content", content);
        ArrayNode messages = body.putArray("messages");
        for (String to : recipients) {
            messages.addObject().put("to", to);
        }
        return body;
    }

    private static ObjectNode lms(String subject, String content) {
        return sms(content, "01011112222").put("type", "LMS").put("subject", subject);
    }

    private static JsonNode json(String text) {
        try {
            return MessageCodec.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
