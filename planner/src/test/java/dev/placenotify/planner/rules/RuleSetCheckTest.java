package dev.placenotify.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.StoreCatalog;
import org.junit.jupiter.api.Test;

class RuleSetCheckTest {
    static final StoreCatalog STORES = StoreCatalog.parse("""
            {"vars": {"brand": "플레이스"},
             "stores": [
               {"storeId": "1051707", "name": "화성 새솔점", "callbackNumber": "0311234567",
                "vars": {"doorCode": "1234"}, "templates": {"guide": {"body": "{storeName} {doorCode}"}}},
               {"storeId": "951291", "name": "안산 중앙점", "callbackNumber": "0311234568", "optOutNumber": "0801234567"},
               {"storeId": "867589", "name": "안산 초지점", "callbackNumber": "0311234569", "enabled": false}
             ]}
            """);

    static RuleSet rules(String rules) {
        return RuleSetParser.parse("version: 1\ntemplates:\n  shared: {body: \"{brand} {customerName}\"}\nrules:\n" + rules, "t.yaml");
    }

    @Test
    void aStoreWithoutTheTemplateItsRuleNeedsIsNamed() {
        RuleSet r = rules("  - {id: REMINDER, label: 안내, when: [], send: {template: guide}}\n");
        assertThat(RuleSetCheck.problems(r, STORES)).singleElement().asString()
                .startsWith("$.rules[0].send.template: store 951291 (안산 중앙점) has no template 'guide'");
    }

    @Test
    void aDisabledStoreOrADisabledRuleIsNotChecked() {
        RuleSet r = rules("  - {id: REMINDER, label: 안내, enabled: false, when: [], send: {template: guide}}\n");
        assertThat(RuleSetCheck.problems(r, STORES)).isEmpty();
    }

    @Test
    void aTypoInAVariableIsRefusedBeforeItReachesACustomer() {
        RuleSet r = RuleSetParser.parse("""
                version: 1
                templates: {t: {subject: "{brand}", body: "도어락 {doorCdoe}"}}
                rules:
                  - {id: A, label: a, when: [], send: {template: t}}
                """, "t.yaml");
        assertThat(RuleSetCheck.problems(r, STORES)).hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith("$.rules[0].send.template: template 't' uses {doorCdoe}"));
    }

    @Test
    void advertisingNeedsTheStoresOptOutNumber() {
        RuleSet r = rules("  - {id: PROMO, label: 광고, when: [], send: {template: shared, contentType: AD}}\n");
        assertThat(RuleSetCheck.problems(r, STORES)).singleElement().asString()
                .startsWith("$.rules[0].send.contentType: AD needs a free opt-out number, and store 1051707");
    }

    @Test
    void plannedAndNotPlannedMustNameExistingRules() {
        RuleSet r = rules("  - {id: A, label: a, when: [{anyOf: [[{notPlanned: [REMINDR]}]]}], send: {template: shared}}\n");
        assertThat(RuleSetCheck.problems(r, STORES)).hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith("$.rules[0].when: names rule REMINDR"));
    }

    @Test
    void notesAreCheckedForVariablesToo() {
        RuleSet r = rules("  - {id: N, label: n, when: [], note: {text: \"{customerName} {phone}\"}}\n");
        assertThat(RuleSetCheck.problems(r, STORES)).hasSize(2).allSatisfy(p -> assertThat(p).contains("{phone}"));
    }

    @Test
    void overridesMustNameKnownStoresAndDisablingForOneStoreFixesIt() {
        RuleSet unknown = RuleSetParser.parse("""
                version: 1
                templates: {}
                rules: []
                stores:
                  "1": {rules: []}
                """, "t.yaml");
        assertThat(RuleSetCheck.problems(unknown, STORES)).containsExactly("$.stores.1: store 1 is not in the store catalog");

        RuleSet fixed = RuleSetParser.parse("""
                version: 1
                rules:
                  - {id: REMINDER, label: 안내, when: [], send: {template: guide}}
                stores:
                  "951291": {rules: [{id: REMINDER, enabled: false}]}
                """, "t.yaml");
        assertThat(RuleSetCheck.problems(fixed, STORES)).isEmpty();
    }

    @Test
    void requireThrowsWithEveryProblem() {
        RuleSet r = rules("  - {id: REMINDER, label: 안내, when: [], send: {template: guide}}\n");
        assertThatThrownBy(() -> RuleSetCheck.require(r, STORES)).isInstanceOf(RuleSetException.class)
                .hasMessageContaining("rule set t.yaml is invalid (1 problem)").hasMessageContaining("951291");
    }
}
