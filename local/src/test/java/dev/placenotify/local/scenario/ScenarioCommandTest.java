package dev.placenotify.local.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.operator.scenario.Scenario;
import dev.placenotify.local.ScenarioCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code simulate}'s refusals: a file that cannot be run is named with its problem, and nothing runs. */
class ScenarioCommandTest {
    private static final String STORE = "{\"storeId\": \"1051707\"}";
    private static final String BOOKING = "{\"bookingId\": 1, \"bookingStatusCode\": \"RC03\"}";

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String output) {}

    private Outcome simulate(String scenarioJson) throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(scenario, scenarioJson, StandardCharsets.UTF_8);
        return run("--scenario", scenario.toString(), "--report", dir.resolve("report.json").toString());
    }

    private Outcome run(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = ScenarioCommand.run(List.of(args), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        return new Outcome(code, buffer.toString(StandardCharsets.UTF_8));
    }

    private static String scenario(String stores, String ticks) {
        return "{\"stores\": [" + stores + "], \"ticks\": [" + ticks + "]}";
    }

    private static String tick(String at) {
        return "{\"at\": \"" + at + "\", \"bookings\": {\"1051707\": [" + BOOKING + "]}}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON                 | {"stores": [                                                                   | scenario is not valid JSON
            not an object            | [1, 2]                                                                         | must be a JSON object
            no stores                | {"ticks": [{"at": "2025-10-22T14:00:00+09:00"}]}                                | 'stores' must be a non-empty array
            store without id         | {"stores": [{"name": "화성점"}], "ticks": [{"at": "2025-10-22T14:00:00+09:00"}]} | stores[0]: 'storeId' is required
            misspelt store field     | {"stores": [{"storeId": "1", "reminderLeadMinute": 60}], "ticks": [{"at": "2025-10-22T14:00:00+09:00"}]} | stores[0]: unknown field 'reminderLeadMinute'
            a field that is gone     | {"stores": [{"storeId": "1", "eventSms": {}}], "ticks": [{"at": "2025-10-22T14:00:00+09:00"}]} | stores[0]: unknown field 'eventSms'
            lead out of range        | {"stores": [{"storeId": "1", "reminderLeadMinutes": 0}], "ticks": [{"at": "2025-10-22T14:00:00+09:00"}]} | reminderLeadMinutes must be 1..1440
            same store twice         | {"stores": [{"storeId": "1"}, {"storeId": "1"}], "ticks": [{"at": "2025-10-22T14:00:00+09:00"}]} | store 1 is defined twice
            no ticks                 | {"stores": [{"storeId": "1"}], "ticks": []}                                   | 'ticks' must be a non-empty array
            unknown top-level field  | {"stores": [{"storeId": "1"}], "tick": []}                                    | scenario: unknown field 'tick'
            tick without at          | {"stores": [{"storeId": "1"}], "ticks": [{"bookings": {}}]}                    | ticks[0]: 'at' is required
            at without offset        | {"stores": [{"storeId": "1"}], "ticks": [{"at": "2025-10-22T14:00:00"}]}       | ticks[0].at: '2025-10-22T14:00:00' is not an ISO date-time with offset
            bookings of other store  | {"stores": [{"storeId": "1"}], "ticks": [{"at": "2025-10-22T14:00:00+09:00", "bookings": {"2": []}}]} | ticks[0].bookings: store 2 is not in 'stores'
            bookings not an array    | {"stores": [{"storeId": "1"}], "ticks": [{"at": "2025-10-22T14:00:00+09:00", "bookings": {"1": {}}}]} | ticks[0].bookings.1 must be an array
            booking not an object    | {"stores": [{"storeId": "1"}], "ticks": [{"at": "2025-10-22T14:00:00+09:00", "bookings": {"1": [5011]}}]} | ticks[0].bookings.1[0] must be a booking object
            """)
    void aMalformedScenarioExitsTwoNamingTheProblem(String what, String json, String message) throws Exception {
        Outcome o = simulate(json);
        assertThat(o.exitCode()).as(o.output()).isEqualTo(2);
        assertThat(o.output()).contains("simulate: invalid scenario").contains(message);
        assertThat(dir.resolve("report.json")).doesNotExist();
    }

    @Test
    void ticksMustBeInStrictlyIncreasingTimeOrder() throws Exception {
        Outcome o = simulate(scenario(STORE, tick("2025-10-22T14:20:00+09:00") + "," + tick("2025-10-22T14:00:00+09:00")));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.output()).contains("ticks[1].at: ticks must be in strictly increasing time order "
                + "(2025-10-22T14:00:00+09:00 is not after 2025-10-22T14:20:00+09:00)");
        // The same instant written with another offset is not later either.
        assertThat(simulate(scenario(STORE, tick("2025-10-22T14:00:00+09:00") + "," + tick("2025-10-22T05:00:00Z")))
                .output()).contains("ticks[1].at: ticks must be in strictly increasing time order");
    }

    @Test
    void twoTicksInTheSameMinuteWouldShareARunId() throws Exception {
        Outcome o = simulate(scenario(STORE, tick("2025-10-22T14:00:00+09:00") + "," + tick("2025-10-22T14:00:30+09:00")));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.output()).contains("ticks[1].at").contains("same minute").contains("c20251022T1400");
    }

    @Test
    void argumentsAreCheckedBeforeAnythingRuns() throws Exception {
        assertThat(run("--scenario", "x.json")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.output()).contains("both --scenario FILE and --report FILE are required");
        });
        assertThat(run("--scenario", "x.json", "--report", "r.json", "--fast")).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.output()).contains("unexpected argument '--fast'");
        });
        assertThat(run("--help")).satisfies(o -> {
            assertThat(o.exitCode()).isZero();
            assertThat(o.output()).contains("usage: simulate --scenario FILE --report FILE");
        });
        Path missing = dir.resolve("missing.json");
        assertThat(run("--scenario", missing.toString(), "--report", dir.resolve("r.json").toString())).satisfies(o -> {
            assertThat(o.exitCode()).isEqualTo(2);
            assertThat(o.output()).contains("scenario file not found: " + missing);
        });
    }

    @Test
    void aWellFormedScenarioKeepsItsStoresTicksAndBookings() {
        Scenario s = Scenario.parse(ScenarioReport.resource("evening-and-midnight.json"));
        assertThat(s.storeIds()).containsExactly("1051707", "1120125");
        assertThat(s.ticks()).extracting(Scenario.Tick::runId).containsExactly("c20251022T1940", "c20251022T2000",
                "c20251022T2040", "c20251022T2100", "c20251022T2340", "c20251023T0000");
        assertThat(s.ticks().get(4).bookings().get("1051707")).extracting(b -> b.get("bookingId").asText())
                .containsExactly("9101", "9102", "9103", "9201", "9105", "9106");
        // Store defaults are filled the way the stages' catalog fills them.
        assertThat(s.storesJson()).contains("\"defaultCallbackNumber\":\"" + Scenario.DEFAULT_CALLBACK_NUMBER + "\"");
    }

    @Test
    void everyScenarioOfTheSuiteParses() {
        for (String name : List.of("service-rules.json", "cancel-reschedule.json", "evening-and-midnight.json")) {
            assertThat(Scenario.parse(ScenarioReport.resource(name)).ticks()).as(name).isNotEmpty();
        }
        assertThatThrownBy(() -> Scenario.parse("{}")).isInstanceOf(Scenario.InvalidScenarioException.class);
    }
}
