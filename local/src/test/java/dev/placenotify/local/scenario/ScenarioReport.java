package dev.placenotify.local.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.operator.scenario.Scenario;
import dev.placenotify.local.ScenarioCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.placenotify.planner.rules.RuleSetParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** A {@code simulate} report read back for assertions: ticks by their {@code at}, SMS as records. */
record ScenarioReport(JsonNode json) {

    /** One entry of a tick's {@code sms}, in SENS arrival order. */
    record Sms(String storeId, String bookingId, String rule, String to, String type, String contentType,
               String subject, String content, String key) {

        /** Phone numbers stay out of assertion messages. */
        @Override
        public String toString() {
            return "Sms[" + key + " " + type + "/" + contentType + "]";
        }
    }

    /** Runs a scenario from {@code src/test/resources/scenarios} through the whole local pipeline (default rules). */
    static ScenarioReport simulate(String name) {
        return simulate(name, null);
    }

    /** Runs a scenario with the planner deciding by {@code rules} (a rule file), or the default rules when null. */
    static ScenarioReport simulate(String name, Path rules) {
        try {
            return new ScenarioReport(ScenarioCommand.simulate(Scenario.parse(resource(name)), rules,
                    new PrintStream(System.out, true, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bundled default rule file with {@code extra} appended (e.g. a {@code stores:} override), as a file. */
    static Path defaultRulesWith(String extra) {
        try (InputStream in = ScenarioReport.class.getResourceAsStream(RuleSetParser.DEFAULT_RESOURCE)) {
            Path file = Files.createTempFile("scenario-rules", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing() + "\n" + extra,
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = ScenarioReport.class.getResourceAsStream("/scenarios/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario " + name + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> ticks() {
        return StreamSupport.stream(json.get("ticks").spliterator(), false).toList();
    }

    JsonNode tick(String at) {
        return ticks().stream().filter(t -> t.get("at").asText().equals(at)).findFirst()
                .orElseThrow(() -> new AssertionError("no tick at " + at + " in the report"));
    }

    List<Sms> sms(String at) {
        List<Sms> out = new ArrayList<>();
        for (JsonNode s : tick(at).get("sms")) {
            out.add(new Sms(text(s, "storeId"), text(s, "bookingId"), text(s, "rule"), text(s, "to"), text(s, "type"),
                    text(s, "contentType"), text(s, "subject"), text(s, "content"), text(s, "key")));
        }
        return out;
    }

    /** Every SMS of the whole scenario, tick after tick. */
    List<Sms> allSms() {
        return ticks().stream().flatMap(t -> sms(t.get("at").asText()).stream()).toList();
    }

    List<Sms> sms(String at, String bookingId) {
        return sms(at).stream().filter(s -> s.bookingId().equals(bookingId)).toList();
    }

    List<String> rules(String at, String bookingId) {
        return sms(at, bookingId).stream().map(Sms::rule).toList();
    }

    JsonNode summary(String at) {
        return tick(at).get("summary");
    }

    List<String> skipReasons(String at) {
        return StreamSupport.stream(summary(at).get("skipReasons").spliterator(), false).map(JsonNode::asText).toList();
    }

    List<String> telegram(String at) {
        return StreamSupport.stream(tick(at).get("telegram").spliterator(), false).map(JsonNode::asText).toList();
    }

    List<JsonNode> slack(String at) {
        return StreamSupport.stream(tick(at).get("slack").spliterator(), false).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
