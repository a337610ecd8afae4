package dev.placenotify.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.fetcher.FetchFigures.FetchError;
import dev.placenotify.model.MessageCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FetchMetricsTest {
    private static final FetchFigures OK = new FetchFigures("c20251022T1400", "1051707", "default", 812, 4,
            Map.of("RC03", 120, "RC04", 3), 1, 2, null);

    @Test
    void theLogLineCarriesEveryFigureWithZerosForAbsentStatuses() throws Exception {
        JsonNode line = MessageCodec.mapper().readTree(LoggedFetchMetrics.line(OK));

        assertThat(line.get("storeId").asText()).isEqualTo("1051707");
        assertThat(line.get("durationMs").asLong()).isEqualTo(812);
        assertThat(line.get("pages").asInt()).isEqualTo(4);
        assertThat(line.get("bookings").get("RC03").asInt()).isEqualTo(120);
        assertThat(line.get("bookings").get("RC04").asInt()).isEqualTo(3);
        assertThat(line.get("bookings").get("RC08").asInt()).isZero();
        assertThat(line.get("skipped").asInt()).isEqualTo(1);
        assertThat(line.get("chunks").asInt()).isEqualTo(2);
        assertThat(line.get("errors").asInt()).isZero();
    }

    @Test
    void aFailureCountsOneErrorWithItsKind() throws Exception {
        JsonNode line = MessageCodec.mapper().readTree(LoggedFetchMetrics.line(
                FetchFigures.failed("r", "951291", "beta", 40, 0, FetchError.SESSION)));

        assertThat(line.get("errors").asInt()).isEqualTo(1);
        assertThat(line.get("error").asText()).isEqualTo("SESSION");
    }

    @Test
    void emfDocumentsNameTheStoreAndTheServiceDimensionAsTheStackExpects() throws Exception {
        List<JsonNode> docs = captureEmf(() -> {
            EmfFetchMetrics metrics = new EmfFetchMetrics("PlaceNotify", "place-notify-test-fetcher");
            metrics.record(OK);
            metrics.record(FetchFigures.failed("r", "951291", "beta", 40, 0, FetchError.NAVER_UNAVAILABLE));
        });

        assertThat(docs).hasSize(2);
        JsonNode ok = docs.get(0);
        JsonNode directive = ok.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("PlaceNotify");
        List<String> dimensionSets = new ArrayList<>();
        directive.get("Dimensions").forEach(set -> dimensionSets.add(set.toString()));
        assertThat(dimensionSets).containsExactly("[\"service\"]", "[\"service\",\"storeId\"]");
        assertThat(ok.get("service").asText()).isEqualTo("place-notify-test-fetcher");
        assertThat(ok.get("storeId").asText()).isEqualTo("1051707");
        assertThat(ok.get("FetchDuration").asDouble()).isEqualTo(812.0);
        assertThat(ok.get("FetchPages").asDouble()).isEqualTo(4.0);
        assertThat(ok.get("FetchedRC03").asDouble()).isEqualTo(120.0);
        assertThat(ok.get("FetchedRC08").asDouble()).isZero();
        assertThat(ok.get("FetchErrors").asDouble()).isZero();
        JsonNode failed = docs.get(1);
        assertThat(failed.get("storeId").asText()).isEqualTo("951291");
        assertThat(failed.get("FetchErrors").asDouble()).isEqualTo(1.0);
        assertThat(failed.get("error").asText()).isEqualTo("NAVER_UNAVAILABLE");
    }

    /** EMF documents are JSON lines on stdout (AWS_EMF_ENVIRONMENT=Local in the build, Lambda in AWS). */
    private static List<JsonNode> captureEmf(Runnable action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        List<JsonNode> docs = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                docs.add(MessageCodec.mapper().readTree(line));
            }
        }
        return docs;
    }
}
