package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SENS simulator's unsubscribe list (080 수신거부) speaks SENS v2's documented format, signed like the send. */
class SensUnsubscribeRoutesTest {
    private static final String ACCESS_KEY = "AK-TEST";
    private static final String SECRET_KEY = "SK-TEST";
    private static final String SERVICE_ID = "ncp:sms:kr:1:svc";
    private static final Instant NOW = Instant.parse("2025-05-01T03:00:00Z");
    private static final String PATH = "/sms/v2/services/" + SERVICE_ID + "/unsubscribes";

    private final SensSimulator sens = new SensSimulator(Clock.fixed(NOW, ZoneOffset.UTC), ACCESS_KEY, SECRET_KEY, SERVICE_ID);

    @BeforeEach
    void start() {
        sens.start();
    }

    @AfterEach
    void stop() {
        sens.close();
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String body, String signedPath) {
        long ts = NOW.toEpochMilli();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sens.baseUrl() + pathAndQuery))
                .header("x-ncp-apigw-timestamp", Long.toString(ts)).header("x-ncp-iam-access-key", ACCESS_KEY)
                .header("x-ncp-apigw-signature-v2", SensSignature.sign(SECRET_KEY, method, signedPath, Long.toString(ts), ACCESS_KEY))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpCalls.send(b.build());
    }

    private HttpResponse<String> call(String method, String pathAndQuery, String body) {
        return call(method, pathAndQuery, body, pathAndQuery);
    }

    private static JsonNode json(String body) {
        try {
            return MessageCodec.mapper().readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    @Test
    void anEmptyListIsAnEmpty404AndAddedNumbersAreListedPagedAndRemoved() {
        HttpResponse<String> empty = call("GET", PATH, null);
        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(empty.body()).isEmpty();

        HttpResponse<String> added = call("POST", PATH, "[{\"clientTelNo\":\"01011112222\"},{\"clientTelNo\":\"01033334444\"}]");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(json(added.body())).hasSize(2);
        assertThat(json(added.body()).get(0).get("registerType").asText()).isEqualTo("M");
        assertThat(json(added.body()).get(0).get("registerTime").asText()).isEqualTo("2025-05-01T12:00:00.000");
        sens.unsubscribes().optOutByPhone("010-5555-6666");

        JsonNode page0 = json(call("GET", PATH + "?pageSize=2&pageIndex=0", null).body());
        JsonNode page1 = json(call("GET", PATH + "?pageSize=2&pageIndex=1", null).body());
        assertThat(page0).hasSize(2);
        assertThat(page1).hasSize(1);
        assertThat(page1.get(0).get("clientTelNo").asText()).isEqualTo("01055556666");
        assertThat(page1.get(0).get("registerType").asText()).isEqualTo("C");
        assertThat(json(call("GET", PATH + "?clientTelNo=01033334444", null).body())).hasSize(1);
        assertThat(json(call("GET", PATH + "?startTime=" + (NOW.toEpochMilli() + 1), null).body())).isEmpty();

        HttpResponse<String> removed = call("DELETE", PATH, "[{\"clientTelNo\":\"01011112222\"}]");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(sens.unsubscribes().numbers()).containsExactly("01033334444", "01055556666");
    }

    @Test
    void badRequestsAndBadSignaturesAreRefusedAndChangeNothing() {
        assertThat(call("GET", PATH + "?pageSize=101", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", PATH + "?clientTelNo=010-1111", null).statusCode()).isEqualTo(400);
        assertThat(call("POST", PATH, "{\"clientTelNo\":\"01011112222\"}").statusCode()).as("not an array").isEqualTo(400);
        assertThat(call("POST", PATH, "[{\"clientTelNo\":\"010-1111-2222\"}]").statusCode()).as("digits only").isEqualTo(400);
        assertThat(call("POST", PATH, "[{\"clientTelNo\":\"01011112222\"}]", PATH + "?other").statusCode())
                .as("signature over another path").isEqualTo(401);
        assertThat(call("GET", PATH + "?pageIndex=0", null, PATH).statusCode()).as("the signature covers the query").isEqualTo(401);
        assertThat(sens.unsubscribes().numbers()).isEmpty();
    }

    @Test
    void queuedFaultsStayWithTheSendAndTheListHasItsOwn() {
        sens.enqueueFault(SensSimulator.errorFault(503, "Service Unavailable"));
        assertThat(call("GET", PATH, null).statusCode()).as("not the send's fault").isEqualTo(404);
        assertThat(sens.pendingFaults()).isEqualTo(1);

        sens.unsubscribes().failNext(SimResponse.json(500, Map.of("errorMessage", "down")), 1);
        assertThat(call("GET", PATH, null).statusCode()).isEqualTo(500);
        assertThat(call("GET", PATH, null).statusCode()).isEqualTo(404);
    }
}
