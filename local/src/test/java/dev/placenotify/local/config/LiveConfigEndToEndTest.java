package dev.placenotify.local.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.operator.OperatorCli;
import dev.placenotify.operator.Terminal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 15, live configuration: a store's template changed with {@code ./operator config push} (no build, no
 * redeploy) is used by the next cycle; a document the stages would refuse is refused before anything is
 * deployed; one that reaches the stages anyway (deployed by hand, validators skipped) is not used: the planner
 * keeps texting by the last good settings. Real SDK clients throughout: Powertools' AppConfig provider on the
 * AppConfig data API and the CLI's AppConfigClient on the control plane, both against the AppConfig simulator.
 */
@ExtendWith(LocalAwsExtension.class)
class LiveConfigEndToEndTest {
    private static final String STORE = "1051707";
    private static final String MARKER = "[새 안내 v2]";

    private static Instant kst(String local) {
        return LocalDateTime.parse(local).atZone(Messages.KST).toInstant();
    }

    private static Map<String, Object> booking(long id, Instant start) {
        return NaverBookingJson.of(id, STORE, "110분/1~4인촬영", "RC03", "김민수", "010-7" + id % 1000 + "-" + (1000 + id % 9000),
                2, start.minus(Duration.ofDays(1)), start, Duration.ofHours(2));
    }

    /** The bundled stores.json with one change to store 1051707's guide template. */
    private static String storesWithGuide(String prefix) {
        ObjectNode doc = (ObjectNode) StoreCatalog.bundledDocument().deepCopy();
        ObjectNode guide = (ObjectNode) doc.get("stores").get(0).get("templates").get("guide");
        guide.put("body", prefix + guide.get("body").asText());
        return doc.toPrettyString();
    }

    private static LocalPipeline start(LocalAws aws, String stage, Instant at) {
        return LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment(stage))
                .withAppConfig(Duration.ofSeconds(1)), new SimulatedClock(at));
    }

    private static List<SensMessage> guides(LocalPipeline p) {
        return p.sens.messages().stream().filter(m -> m.idempotencyKey() != null && m.idempotencyKey().contains(":REMINDER:")).toList();
    }

    @Test
    void aConfigPushChangesAStoreTemplateAndTheNextCycleUsesIt(LocalAws aws, @TempDir Path dir) throws Exception {
        Instant first = kst("2025-10-22T14:00");
        try (LocalPipeline p = start(aws, "cfgpush", first)) {
            p.naver.setBookings(STORE, List.of(booking(9101, kst("2025-10-22T15:00"))));
            assertThat(p.awaitRun(p.tick(first), Duration.ofSeconds(90)).complete()).isTrue();
            assertThat(guides(p)).singleElement().satisfies(m -> assertThat(m.content()).doesNotContain(MARKER));

            Path stores = dir.resolve("stores.json");
            Files.writeString(stores, storesWithGuide(MARKER));
            Cli.Result push = new Cli(p).run("config", "push", stores.toString(), "--kind", "stores", "--yes");
            assertThat(push.code()).as(push.toString()).isZero();
            assertThat(push.out()).contains("~ store 1051707 화성 새솔점: templates ~guide").contains("COMPLETE");
            assertThat(p.appConfig.liveDocument(p.appConfigIds().application(), p.appConfigIds().environment(),
                    p.appConfigIds().storesProfile())).hasValueSatisfying(d -> assertThat(d).contains(MARKER));

            Thread.sleep(1_200); // the stages' cached copy (max age 1 s here, 60 s deployed) ages out
            Instant second = kst("2025-10-22T14:20");
            p.naver.setBookings(STORE, List.of(booking(9101, kst("2025-10-22T15:00")), booking(9102, kst("2025-10-22T15:30"))));
            assertThat(p.awaitRun(p.tick(second), Duration.ofSeconds(90)).complete()).isTrue();

            List<SensMessage> guides = guides(p);
            assertThat(guides).hasSize(2);
            assertThat(guides.get(1).idempotencyKey()).contains(":9102:");
            assertThat(guides.get(1).content()).as("the next cycle texts by the pushed template").startsWith(MARKER);

            Cli.Result show = new Cli(p).run("config", "show");
            assertThat(show.code()).as(show.toString()).isZero();
            assertThat(show.out()).contains("stores: version 1 (deployment 1, COMPLETE").contains("rules: nothing deployed");
        }
    }

    @Test
    void aDocumentTheStagesWouldRefuseIsRefusedBeforeAnythingIsDeployed(LocalAws aws, @TempDir Path dir) throws Exception {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("cfgbad"))
                .withAppConfig(Duration.ofSeconds(1)).withoutStages(), new SimulatedClock(kst("2025-10-22T14:00")))) {
            // Schema: a lead of 0 minutes. Cross-check: the live (bundled) REMINDER rule's guide uses {doorCode}.
            ObjectNode doc = (ObjectNode) StoreCatalog.bundledDocument().deepCopy();
            ((ObjectNode) doc.get("stores").get(1)).put("reminderLeadMinutes", 0);
            ((ObjectNode) doc.get("stores").get(0).get("templates").get("guide")).put("body", "{noSuchVariable} 안내");
            Path bad = dir.resolve("bad-stores.json");
            Files.writeString(bad, doc.toPrettyString());
            Cli.Result push = new Cli(p).run("config", "push", bad.toString(), "--kind", "stores", "--yes");
            assertThat(push.code()).as(push.toString()).isEqualTo(2);
            assertThat(push.err()).contains("$.stores[1].reminderLeadMinutes");

            ((ObjectNode) doc.get("stores").get(1)).put("reminderLeadMinutes", 120);
            Files.writeString(bad, doc.toPrettyString());
            push = new Cli(p).run("config", "push", bad.toString(), "--kind", "stores", "--yes");
            assertThat(push.code()).as(push.toString()).isEqualTo(2);
            assertThat(push.err()).contains("{noSuchVariable}");

            Path rules = dir.resolve("rules.yaml");
            Files.writeString(rules, "version: 1\nrules:\n  - id: REMINDER\n    when: [{hourOfDay: 25}]\n    send: {template: guide}\n");
            push = new Cli(p).run("config", "push", rules.toString(), "--kind", "rules", "--yes");
            assertThat(push.code()).as(push.toString()).isEqualTo(2);
            assertThat(push.err()).contains("$.rules[0].when[0]");

            assertThat(p.appConfig.deployments(p.appConfigIds().application(), p.appConfigIds().environment()))
                    .as("nothing reached AppConfig").isEmpty();
        }
    }

    @Test
    void aBadDocumentDeployedByHandIsNotUsedTheLastGoodOneIs(LocalAws aws, @TempDir Path dir) throws Exception {
        Instant first = kst("2025-10-22T14:00");
        try (LocalPipeline p = start(aws, "cfghand", first)) {
            Path stores = dir.resolve("stores.json");
            Files.writeString(stores, storesWithGuide(MARKER));
            assertThat(new Cli(p).run("config", "push", stores.toString(), "--kind", "stores", "--yes").code()).isZero();
            Thread.sleep(1_200);
            p.naver.setBookings(STORE, List.of(booking(9201, kst("2025-10-22T15:00"))));
            assertThat(p.awaitRun(p.tick(first), Duration.ofSeconds(90)).complete()).isTrue();
            assertThat(guides(p)).singleElement().satisfies(m -> assertThat(m.content()).startsWith(MARKER));

            // Someone deploys a document with no validator run: its guide uses a variable no store has.
            ObjectNode broken = (ObjectNode) MessageCodec.mapper().readTree(storesWithGuide("{undefinedVar} "));
            var ids = p.appConfigIds();
            p.appConfig.deployUnchecked(ids.application(), ids.environment(), ids.storesProfile(), broken.toPrettyString());
            Thread.sleep(1_200);

            Instant second = kst("2025-10-22T14:20");
            p.naver.setBookings(STORE, List.of(booking(9201, kst("2025-10-22T15:00")), booking(9202, kst("2025-10-22T15:30"))));
            assertThat(p.awaitRun(p.tick(second), Duration.ofSeconds(90)).complete()).isTrue();
            List<SensMessage> guides = guides(p);
            assertThat(guides).hasSize(2);
            assertThat(guides.get(1).content()).as("texted by the last good template, not the broken one")
                    .startsWith(MARKER).doesNotContain("undefinedVar");
        }
    }

    /** The operator CLI in-process, pointed at the pipeline's emulators and AppConfig simulator. */
    static final class Cli {
        record Result(int code, String out, String err) {
            @Override
            public String toString() {
                return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
            }
        }

        private final LocalPipeline p;

        Cli(LocalPipeline p) {
            this.p = p;
        }

        Result run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = new CommandLine(new OperatorCli(p.clock(), Map.of("USER", "ci-operator"),
                    Terminal.detached(new ByteArrayInputStream(new byte[0]))));
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--local-env", p.resources().environmentName(), "--sqs-endpoint", p.aws().sqsEndpoint().toString(),
                    "--dynamodb-endpoint", p.aws().dynamoEndpoint().toString()));
            if (p.appConfig != null) {
                all.addAll(List.of("--appconfig-endpoint", p.appConfig.baseUrl()));
            }
            int code = cli.execute(all.toArray(String[]::new));
            return new Result(code, out.toString(), err.toString());
        }
    }
}
