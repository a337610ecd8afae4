package dev.placenotify.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.rules.RuleSetParser;
import org.junit.jupiter.api.Test;

/** What {@code config push} decides before it talks to AppConfig: usable or not (both ways), and the preview lines. */
class ConfigPushCheckTest {
    private static ObjectNode stores() {
        return (ObjectNode) StoreCatalog.bundledDocument().deepCopy();
    }

    @Test
    void aTemplateChangeIsUsableAndPreviewedByTemplateName() {
        ObjectNode after = stores();
        ((ObjectNode) after.get("stores").get(0).get("templates").get("guide")).put("body", "[{brand} {storeName}] 새 안내");
        ((ObjectNode) after.get("stores").get(0).get("vars")).put("doorCode", "9999");
        ((ObjectNode) after.get("stores").get(7)).put("enabled", false);
        ConfigCandidate c = ConfigCandidate.check(ConfigKind.STORES, after.toString(), "new.json",
                StoreCatalog.parse(stores().toString()), RuleSetParser.defaults());
        assertThat(c).isInstanceOf(ConfigCandidate.Usable.class);
        var lines = ConfigDiff.lines(ConfigKind.STORES, stores(), ((ConfigCandidate.Usable) c).document());
        assertThat(lines).containsExactly("~ store 1051707 화성 새솔점: templates ~guide; vars ~doorCode",
                "~ store 867589 안산 초지점: disabled");
        assertThat(String.join("\n", lines)).as("variable values are never printed").doesNotContain("9999");
    }

    @Test
    void storesThatBreakTheLiveRulesAreRefusedWithThePath() {
        ObjectNode after = stores();
        ((ObjectNode) after.get("stores").get(2).get("vars")).remove("doorCode");
        ConfigCandidate c = ConfigCandidate.check(ConfigKind.STORES, after.toString(), "new.json",
                StoreCatalog.parse(stores().toString()), RuleSetParser.defaults());
        assertThat(c).isInstanceOfSatisfying(ConfigCandidate.Rejected.class, r -> assertThat(r.problems())
                .anySatisfy(p -> assertThat(p).contains("the live rules").contains("{doorCode}").contains("1120125")));
    }

    @Test
    void rulesAreCheckedAgainstTheLiveStoresAndDeployedAsJson() {
        String yaml = "version: 1\ntemplates:\n  hello: {body: '{customerName}님 {doorCode}'}\nrules:\n"
                + "  - id: HELLO\n    label: 인사\n    when: [{seen: false}]\n    send: {template: hello, contentType: COMM, key: booking}\n";
        ConfigCandidate ok = ConfigCandidate.check(ConfigKind.RULES, yaml, "r.yaml", StoreCatalog.parse(stores().toString()),
                RuleSetParser.defaults());
        assertThat(ok).isInstanceOfSatisfying(ConfigCandidate.Usable.class, u -> {
            assertThat(u.json()).startsWith("{").contains("\"HELLO\"");
            assertThat(ConfigDiff.lines(ConfigKind.RULES, ConfigCandidate.read(yaml), u.document())).containsExactly("no change");
        });
        ObjectNode oneStore = stores();
        ((ObjectNode) oneStore.get("stores").get(0).get("vars")).remove("doorCode");
        ConfigCandidate refused = ConfigCandidate.check(ConfigKind.RULES, yaml, "r.yaml", StoreCatalog.parse(oneStore.toString()),
                RuleSetParser.defaults());
        assertThat(refused).isInstanceOfSatisfying(ConfigCandidate.Rejected.class,
                r -> assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("$.rules[0]").contains("{doorCode}")));
    }

    @Test
    void ruleChangesArePreviewedById() {
        JsonNode before = ConfigCandidate.read("version: 1\nrules:\n  - {id: A, enabled: true, when: [{seen: false}], note: {text: x}}\n"
                + "  - {id: B, when: [{seen: false}], note: {text: y}}\n");
        JsonNode after = ConfigCandidate.read("version: 1\nrules:\n  - {id: A, enabled: false, when: [{seen: false}], note: {text: x}}\n"
                + "  - {id: C, when: [{seen: true}], note: {text: z}}\n");
        assertThat(ConfigDiff.lines(ConfigKind.RULES, before, after)).containsExactly("~ rule A: disabled", "+ rule C added",
                "- rule B removed");
    }
}
