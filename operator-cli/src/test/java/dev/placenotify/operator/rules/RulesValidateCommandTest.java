package dev.placenotify.operator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules validate}: the files the project ships are valid (exit 0, a summary per store); a file the
 * planner would refuse exits 2 with every problem on its own line, starting with its JSON path. It never
 * touches AWS: the pipeline options below point at an address where nothing listens.
 */
class RulesValidateCommandTest {
    private static final Path EXAMPLES = Path.of("../rules/examples.yaml");
    private static final Path DEFAULTS = Path.of("../planner/src/main/resources/rules.yaml");
    private static final String[] DEAD_PIPELINE = {"--env", "prod", "--endpoint", "http://127.0.0.1:9"};

    @TempDir
    Path dir;

    @Test
    void theExampleFileIsValidAndSummarizedPerStoreInRunOrder() {
        CliRun r = CliRun.run(args("rules", "validate", EXAMPLES.toString()));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("rules/examples.yaml is valid: Legacy v2 rules plus its disabled templates")
                .contains("9 shared rules (3 enabled, 6 disabled), 5 shared templates, overrides for no store;"
                        + " checked against the bundled store catalog (8 enabled stores)")
                .contains("disabled: RESCHEDULE, CANCELLATION, PROMOTION, EXPERT_RETOUCH, HOLIDAY_LIST, DAILY_LIST")
                .contains("overrides: none");
        List<String> saesol = block(r.out(), "1051707 화성 새솔점");
        assertThat(saesol.get(1)).containsPattern("ORDER +RULE +LABEL +DOES +TEMPLATE");
        assertThat(saesol.get(2)).containsPattern("10 +CONFIRMATION +예약확정 +text COMM, once per booking +confirmation \\(shared\\)");
        assertThat(saesol.get(3)).containsPattern("20 +REMINDER +상세안내 +text COMM, once per start +guide \\(store's own\\)");
        assertThat(saesol.get(4)).containsPattern("30 +EVENT +리뷰요청 +text COMM, once per date +event \\(shared\\)");
        assertThat(r.out()).contains("867589 안산 초지점");
    }

    @Test
    void theBundledDefaultRulesAreValid() {
        CliRun r = CliRun.run(args("rules", "validate", DEFAULTS.toString()));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("5 shared rules (3 enabled, 2 disabled)")
                .contains("disabled: RESCHEDULE, CANCELLATION");
    }

    @Test
    void aBrokenFileExitsTwoWithEveryProblemStartingWithItsJsonPath() {
        CliRun r = CliRun.run(args("rules", "validate", "src/test/resources/rules/broken.yaml"));

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0)).startsWith("error: src/test/resources/rules/broken.yaml is invalid (")
                .endsWith("the planner would refuse it:");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("$"))
                .anyMatch(l -> l.startsWith("$.rules[1].when[0].hourOfDay: must have a maximum value of 23"))
                .anyMatch(l -> l.startsWith("$.rules[2].when[1]: property 'colour' is not defined"));
        assertThat(lines.get(0)).contains("(" + (lines.size() - 1) + " problems)");
    }

    @Test
    void rulesTheStoresCannotRunAreProblemsToo() throws IOException {
        Path file = write("guide-missing.yaml", """
                version: 1
                rules:
                  - id: WELCOME
                    label: 환영
                    when: [{seen: false}]
                    send: {template: welcome, contentType: AD}
                """);

        CliRun r = CliRun.run(args("rules", "validate", file.toString()));

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("$.rules[0].send.template: store 1051707 (화성 새솔점) has no template 'welcome'")
                .contains("$.rules[0].send.contentType: AD needs a free opt-out number, and store 951291 (안산 중앙점)");
    }

    @Test
    void aFileThatCannotBeReadExitsTwo() {
        CliRun r = CliRun.run(args("rules", "validate", dir.resolve("nope.yaml").toString()));

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("$: cannot read the file: no such file");
    }

    @Test
    void storeOverridesAreSummarizedForTheStoresTheyChange() throws IOException {
        String examples = Files.readString(EXAMPLES, StandardCharsets.UTF_8);
        Path file = write("overrides.yaml", examples + """

                stores:
                  "951291":
                    rules:
                      - id: REMINDER
                        enabled: false
                      - id: THANKS
                        label: 감사
                        priority: 35
                        when: [{status: [RC08]}, {hourOfDay: 21}]
                        note: {text: "{storeName} {customerName}", channels: [telegram]}
                """);

        CliRun r = CliRun.run(args("rules", "validate", file.toString()));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("overrides for 951291;");
        List<String> jungang = block(r.out(), "951291 안산 중앙점");
        assertThat(String.join("\n", jungang)).doesNotContain("상세안내")
                .containsPattern("35 +THANKS +감사 +note to telegram +-")
                .contains("disabled: RESCHEDULE, REMINDER, CANCELLATION")
                .contains("overrides: REMINDER (disabled); THANKS (this store's own rule)");
        assertThat(String.join("\n", block(r.out(), "1051707 화성 새솔점"))).contains("상세안내").contains("overrides: none");
    }

    @Test
    void anotherStoreCatalogIsCheckedWhenGiven() throws IOException {
        Path stores = write("stores.json", """
                {"defaultCallbackNumber": "0212345678", "vars": {"brand": "B", "editAppUrl": "u", "instagram": "@i"},
                 "stores": [{"storeId": "777", "name": "시험점"}]}
                """);

        CliRun r = CliRun.run(args("rules", "validate", EXAMPLES.toString(), "--stores", stores.toString()));

        // The example's REMINDER needs each store's own guide; this store has none.
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("$.rules[2].send.template: store 777 (시험점) has no template 'guide'");
    }

    private String[] args(String... command) {
        String[] all = new String[command.length + DEAD_PIPELINE.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(DEAD_PIPELINE, 0, all, command.length, DEAD_PIPELINE.length);
        return all;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    /** The lines of one store's block: its title line up to the blank line after it. */
    static List<String> block(String out, String title) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(title);
        assertThat(start).as("no block " + title + " in\n" + out).isNotNegative();
        int end = start;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }
}
