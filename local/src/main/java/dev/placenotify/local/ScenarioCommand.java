package dev.placenotify.local;

import dev.placenotify.testsupport.SimulatedClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.operator.scenario.Scenario;
import dev.placenotify.testsupport.sim.TelegramMessage;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.notifier.LateOutcomes;
import dev.placenotify.notifier.NotifierConfig;
import dev.placenotify.notifier.RunLedger;
import dev.placenotify.notifier.RunTally;
import dev.placenotify.notifier.StoreTally;
import dev.placenotify.notifier.SummaryComposer;
import dev.placenotify.planner.RuleSetSource;
import dev.placenotify.planner.rules.RuleSetCheck;
import dev.placenotify.planner.rules.RuleSetException;
import dev.placenotify.shell.EnvConfig;
import dev.placenotify.model.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run-local simulate --scenario FILE --report FILE [--rules FILE]}: scripted cycles through the
 * whole local pipeline, decided by the bundled default rules or by the given rule file.
 */
public final class ScenarioCommand {
    private ScenarioCommand() {}

    /**
     * Parses the arguments, runs the scenario and writes the report. Exit codes: 0 every tick ran to its
     * summary; 1 the report was written but some tick did not complete (or the report could not be
     * written); 2 bad arguments or a malformed scenario file (nothing is run).
     */
    public static int run(List<String> args, PrintStream out) {
        Path scenarioFile = null;
        Path reportFile = null;
        Path rulesFile = null;
        if (args.contains("-h") || args.contains("--help")) {
            out.println("usage: " + USAGE + " (formats and exit codes: docs/planner.md, rule files: docs/rules.md)");
            return 0;
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--scenario") || a.equals("--report") || a.equals("--rules")) && i + 1 < args.size()) {
                Path p = Path.of(args.get(++i));
                switch (a) {
                    case "--scenario" -> scenarioFile = p;
                    case "--report" -> reportFile = p;
                    default -> rulesFile = p;
                }
            } else {
                out.println("simulate: unexpected argument '" + a + "'; usage: " + USAGE);
                return 2;
            }
        }
        if (scenarioFile == null || reportFile == null) {
            out.println("simulate: both --scenario FILE and --report FILE are required");
            return 2;
        }
        Scenario scenario;
        try {
            scenario = Scenario.parse(Files.readString(scenarioFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            out.println("simulate: scenario file not found: " + scenarioFile);
            return 2;
        } catch (IOException e) {
            out.println("simulate: cannot read " + scenarioFile + ": " + e.getMessage());
            return 2;
        } catch (Scenario.InvalidScenarioException e) {
            out.println("simulate: invalid scenario " + scenarioFile + ": " + e.getMessage());
            return 2;
        }
        if (rulesFile != null) {
            try {
                RuleSetCheck.require(RuleSetSource.read(rulesFile), StoreCatalog.parse(scenario.storesJson()));
            } catch (RuleSetException e) {
                out.println("simulate: " + e.getMessage());
                return 2;
            } catch (java.io.UncheckedIOException e) {
                out.println("simulate: cannot read rule file " + rulesFile + ": " + e.getCause().getMessage());
                return 2;
            }
        }
        try {
            ObjectNode report = simulate(scenario, rulesFile, out);
            Path parent = reportFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(reportFile, MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report),
                    StandardCharsets.UTF_8);
            out.println("report written to " + reportFile);
            List<String> unfinished = new ArrayList<>();
            for (JsonNode t : report.get("ticks")) {
                JsonNode summary = t.get("summary");
                if (!summary.path("summarized").asBoolean() || !summary.path("complete").asBoolean()) {
                    unfinished.add(t.get("at").asText());
                }
            }
            if (!unfinished.isEmpty()) {
                out.println("simulate: " + unfinished.size() + " tick(s) did not complete: " + String.join(", ", unfinished));
                return 1;
            }
            return 0;
        } catch (IOException e) {
            out.println("simulate: cannot write report " + reportFile + ": " + e.getMessage());
            return 1;
        }
    }

    private static final String USAGE = "simulate --scenario FILE --report FILE [--rules FILE]";

    /** Runs every tick with fresh emulator state and returns the report document; {@code rules} may be null. */
    public static ObjectNode simulate(Scenario scenario, Path rules, PrintStream out) throws IOException {
        Path stores = Files.createTempFile("scenario-stores", ".json");
        Files.writeString(stores, scenario.storesJson(), StandardCharsets.UTF_8);
        ObjectNode report = MessageCodec.mapper().createObjectNode();
        ArrayNode ticks = report.putArray("ticks");
        LocalPipeline.Options options = LocalPipeline.Options.defaults("sim").withStores(stores);
        try (LocalAws aws = LocalAws.start();
             LocalPipeline pipeline = LocalPipeline.start(aws, rules == null ? options : options.withRules(rules),
                     new SimulatedClock(scenario.ticks().get(0).instant()))) {
            // Every account a scenario store names gets the local Naver session, so no store fails its fetch.
            StoreCatalog catalog = StoreCatalog.parse(scenario.storesJson());
            catalog.all().stream().map(StoreSettings::accountId).distinct()
                    .forEach(account -> pipeline.importSession(account, LocalPipeline.NID_AUT, LocalPipeline.NID_SES));
            // The report's figures are the notifier's own, read from the runs table with the notifier's settings.
            NotifierConfig notifier = NotifierConfig.from(new EnvConfig(pipeline.env()));
            String runs = pipeline.table(Topology.RUNS);
            RunLedger ledger = new RunLedger(aws.dynamo(), runs, notifier.runDeadline(), notifier.runTtl(),
                    new LateOutcomes(aws.dynamo(), runs, pipeline.clock()), pipeline.clock());
            SummaryComposer composer = new SummaryComposer(catalog, notifier.prices());
            for (Scenario.Tick tick : scenario.ticks()) {
                pipeline.naver.clearBookings();
                tick.bookings().forEach(pipeline.naver::setBookings);
                int sensBefore = pipeline.sens.messages().size();
                int telegramBefore = pipeline.telegram.messages().size();
                int slackBefore = pipeline.slack.payloads().size();
                String runId = pipeline.tick(tick.instant());
                LocalPipeline.RunStatus status = pipeline.awaitRun(runId, Duration.ofSeconds(60));
                ObjectNode t = ticks.addObject();
                t.put("at", Scenario.AT_FORMAT.format(tick.at()));
                t.put("runId", runId);
                ArrayNode sms = t.putArray("sms");
                List<SensMessage> received = pipeline.sens.messages();
                for (SensMessage m : received.subList(sensBefore, received.size())) {
                    ObjectNode s = sms.addObject();
                    String[] key = m.idempotencyKey() == null ? new String[0] : m.idempotencyKey().split(":");
                    s.put("storeId", key.length > 0 ? key[0] : null);
                    s.put("bookingId", key.length > 1 ? key[1] : null);
                    s.put("rule", key.length > 2 ? key[2] : null);
                    s.put("to", m.to());
                    s.put("type", m.type());
                    s.put("contentType", m.contentType());
                    if (m.subject() != null) {
                        s.put("subject", m.subject());
                    }
                    s.put("content", m.content());
                    s.put("key", m.idempotencyKey());
                }
                t.set("summary", summary(ledger, composer, runId, status));
                ArrayNode telegram = t.putArray("telegram");
                List<TelegramMessage> posted = pipeline.telegram.messages();
                posted.subList(telegramBefore, posted.size()).forEach(m -> telegram.add(m.text()));
                ArrayNode slack = t.putArray("slack");
                List<JsonNode> payloads = pipeline.slack.payloads();
                payloads.subList(slackBefore, payloads.size()).forEach(slack::add);
                out.println("tick " + Scenario.AT_FORMAT.format(tick.at()) + " (" + runId + "): " + (received.size() - sensBefore) + " SMS, "
                        + (status.summarized() ? status.summaryLine() : "no summary within 60 s"));
            }
        } finally {
            Files.deleteIfExists(stores);
        }
        return report;
    }

    private static ObjectNode summary(RunLedger ledger, SummaryComposer composer, String runId, LocalPipeline.RunStatus status) {
        ObjectNode s = MessageCodec.mapper().createObjectNode();
        RunTally tally = ledger.load(runId).orElse(null);
        s.put("summarized", status.summarized());
        s.put("complete", status.complete());
        if (tally == null) {
            return s;
        }
        SummaryComposer.Figures f = composer.figures(tally, Map.of());
        s.put("planned", f.planned());
        s.put("unplanned", f.unplanned());
        s.put("sent", f.sent());
        s.put("failed", f.failed());
        s.put("skipped", f.skipped());
        s.put("unknown", f.unknown());
        s.put("pending", f.pending());
        s.put("replayed", f.replayed());
        ObjectNode byRule = s.putObject("sentByRule");
        f.sentByKind().forEach(byRule::put);
        s.put("bookingsSkipped", f.bookingsSkipped());
        ArrayNode reasons = s.putArray("skipReasons");
        List<String> all = new ArrayList<>();
        for (StoreTally st : tally.stores().values()) {
            st.skipReasons().forEach(r -> all.add(st.storeId() + ": " + r));
        }
        all.forEach(reasons::add);
        s.put("line", status.summaryLine());
        return s;
    }
}
