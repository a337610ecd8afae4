package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** Surefire sets AWS_EMF_ENVIRONMENT=Local, under which EMF documents go to stdout. */
@ResourceLock(Resources.SYSTEM_OUT)
class EmfSendMetricsTest {

    private static List<JsonNode> emfDocuments(Runnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> docs = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                docs.add(MessageCodec.mapper().readTree(line));
            }
        }
        return docs;
    }

    @Test
    void sentPerKindAndFailuresUnderTheStacksDimensionNames() throws Exception {
        EmfSendMetrics metrics = new EmfSendMetrics("PlaceNotify", "place-notify-test-sender");
        SendTally tally = new SendTally(Map.of("CONFIRMATION", 3, "REMINDER", 2), 1, 2, 5, 4);

        List<JsonNode> docs = emfDocuments(() -> metrics.publish(tally));

        assertThat(docs).hasSize(3);
        for (JsonNode doc : docs) {
            JsonNode directive = doc.get("_aws").get("CloudWatchMetrics").get(0);
            assertThat(directive.get("Namespace").asText()).isEqualTo("PlaceNotify");
            assertThat(doc.get("service").asText()).isEqualTo("place-notify-test-sender");
            assertThat(doc.has("Service")).as("Powertools' default dimension is cleared").isFalse();
        }
        JsonNode confirmation = docs.stream().filter(d -> "CONFIRMATION".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertThat(confirmation.get("SmsSent").asDouble()).isEqualTo(3.0);
        assertThat(confirmation.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").get(0))
                .extracting(JsonNode::toString).asString().contains("service").contains("kind");
        JsonNode failures = docs.stream().filter(d -> d.has("SmsFailed")).findFirst().orElseThrow();
        assertThat(failures.get("SmsFailed").asDouble()).isEqualTo(1.0);
        assertThat(failures.get("SmsUnknown").asDouble()).isEqualTo(2.0);
        assertThat(failures.get("SmsExpired").asDouble()).isEqualTo(5.0);
        assertThat(failures.get("SensFailures").asDouble()).isEqualTo(4.0);
        assertThat(failures.has("kind")).isFalse();
    }

    @Test
    void expiredJobsAloneAreCounted() throws Exception {
        EmfSendMetrics metrics = new EmfSendMetrics("PlaceNotify", "place-notify-test-sender");

        List<JsonNode> docs = emfDocuments(() -> metrics.publish(new SendTally(Map.of(), 0, 0, 3, 0)));

        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("SmsExpired").asDouble()).isEqualTo(3.0);
            assertThat(d.has("SmsFailed")).isFalse();
        });
    }

    @Test
    void anIdleInvocationEmitsNothing() throws Exception {
        EmfSendMetrics metrics = new EmfSendMetrics("PlaceNotify", "place-notify-test-sender");
        assertThat(emfDocuments(() -> metrics.publish(new SendTally(Map.of(), 0, 0, 0, 0)))).isEmpty();
    }
}
