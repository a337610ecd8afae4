package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.StoreCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The EMF documents the notifier writes (surefire sets AWS_EMF_ENVIRONMENT=Local: they go to stdout). */
class NotifierMetricsTest {
    private static final String SERVICE = "place-notify-test-notifier";

    @Test
    void aPostedSummaryWritesRunMetricsAndSentPerKindInTheAlarmedNamespaceAndDimension() throws Exception {
        RunTally t = Tallies.tally(true, List.of("1051707"), Map.of("1051707", Tallies.planned("1051707", 2, 1)),
                Tallies.outcomes(OutcomeStatus.SENT, "CONFIRMATION", 2)
                        .plus(Tallies.outcomes(OutcomeStatus.FAILED, "REMINDER", 1)),
                Tallies.CYCLE, Tallies.CYCLE);
        SummaryComposer.Figures f = new SummaryComposer(StoreCatalog.load(Optional.empty()), new NotifierConfig.SensPrices(9, 30))
                .figures(t, Map.of());
        Channels.Delivery delivery = new Channels.Delivery(new PostResult.Posted(1), new PostResult.Failed("slack HTTP 410"));

        List<JsonNode> docs = capture(() -> new NotifierMetrics(SERVICE).runSummarized(t.runId(), f, false, Duration.ofSeconds(42), delivery));

        JsonNode run = docs.stream().filter(d -> d.has("RunSummaryPosted")).findFirst().orElseThrow();
        JsonNode directive = run.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("PlaceNotify");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"service\"]]");
        assertThat(run.get("service").asText()).isEqualTo(SERVICE);
        assertThat(run.get("RunSummaryPosted").asDouble()).isEqualTo(1.0);
        assertThat(run.get("RunDurationSeconds").asDouble()).isEqualTo(42.0);
        assertThat(run.get("RunIncomplete").asDouble()).isEqualTo(1.0);
        assertThat(run.get("SmsSent").asDouble()).isEqualTo(2.0);
        assertThat(run.get("SmsFailed").asDouble()).isEqualTo(1.0);
        assertThat(run.get("ChannelPostFailed").asDouble()).isEqualTo(1.0);
        assertThat(run.get("runId").asText()).isEqualTo("c20251022T1400");

        List<JsonNode> perKind = docs.stream().filter(d -> d.has("kind")).toList();
        assertThat(perKind).hasSize(1);
        assertThat(perKind.get(0).get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString())
                .isEqualTo("[[\"service\",\"kind\"]]");
        assertThat(perKind.get(0).get("kind").asText()).isEqualTo("CONFIRMATION");
        assertThat(perKind.get(0).get("SmsSent").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aSummaryPostedNowhereReportsZeroPostedAndTwoFailedChannels() throws Exception {
        RunTally t = Tallies.tally(true, List.of(), Map.of(), OutcomeCounts.empty(), Tallies.CYCLE, Tallies.CYCLE);
        SummaryComposer.Figures f = new SummaryComposer(StoreCatalog.load(Optional.empty()), new NotifierConfig.SensPrices(9, 30))
                .figures(t, Map.of());
        // A channel whose post may have arrived is not counted as posted: the alarm errs towards telling someone.
        Channels.Delivery nowhere = new Channels.Delivery(new PostResult.Failed("a"), new PostResult.Uncertain("b"));
        List<JsonNode> docs = capture(() -> new NotifierMetrics(SERVICE).runSummarized("r", f, true, Duration.ZERO, nowhere));
        JsonNode run = docs.stream().filter(d -> d.has("RunSummaryPosted")).findFirst().orElseThrow();
        assertThat(run.get("RunSummaryPosted").asDouble()).isZero();
        assertThat(run.get("ChannelPostFailed").asDouble()).isEqualTo(2.0);
    }

    @Test
    void throttledAlertsAreCounted() throws Exception {
        List<JsonNode> docs = capture(() -> new NotifierMetrics(SERVICE).alertThrottled(AlertCause.UNKNOWN_SEND));
        assertThat(docs).singleElement().satisfies(d -> {
            assertThat(d.get("AlertThrottled").asDouble()).isEqualTo(1.0);
            assertThat(d.get("cause").asText()).isEqualTo("UNKNOWN_SEND");
        });
    }

    private static List<JsonNode> capture(Runnable r) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> docs = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                docs.add(MessageCodec.mapper().readTree(line));
            }
        }
        return docs;
    }

    @Test
    void offLambdaWithoutAnEmfEnvironmentNothingIsWritten() throws Exception {
        assertThat(capture(() -> new NotifierMetrics(SERVICE, false).alertThrottled(AlertCause.UNKNOWN_SEND))).isEmpty();
    }
}
