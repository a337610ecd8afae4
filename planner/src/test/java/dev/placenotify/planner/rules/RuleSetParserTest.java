package dev.placenotify.planner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.RunNote;
import dev.placenotify.model.StoreCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleSetParserTest {
    static final String MINIMAL = """
            version: 1
            templates:
              hello: {body: "안녕하세요 {customerName}님"}
            rules:
              - id: HELLO
                label: 인사
                when: [{status: RC03}]
                send: {template: hello}
            """;

    static List<String> problems(String yaml) {
        try {
            RuleSetParser.parse(yaml, "test.yaml");
        } catch (RuleSetException e) {
            assertThat(e.getMessage()).startsWith("rule set test.yaml is invalid");
            return e.problems();
        }
        throw new AssertionError("expected the rule set to be refused");
    }

    @Test
    void theBundledDefaultIsTheV2RuleSetAndPassesEveryCheckForTheBundledStores() {
        RuleSet v2 = RuleSetParser.defaults();
        assertThat(v2.sharedRules()).extracting(Rule::id)
                .containsExactly("CONFIRMATION", "RESCHEDULE", "REMINDER", "EVENT", "CANCELLATION");
        assertThat(v2.rulesFor("1051707")).extracting(Rule::id).containsExactly("CONFIRMATION", "REMINDER", "EVENT");
        assertThat(v2.rulesFor("1051707")).extracting(Rule::label).containsExactly("예약확정", "상세안내", "리뷰요청");
        assertThat(v2.rulesFor("1051707")).allSatisfy(r -> assertThat(r.send().contentType()).isEqualTo(ContentType.COMM));
        assertThat(RuleSetCheck.problems(v2, StoreCatalog.load(Optional.empty()))).isEmpty();
    }

    @Test
    void theExampleFileKeepsTheDefaultsAndShipsTheV2TemplatesDisabled() throws Exception {
        RuleSet examples = RuleSetParser.parse(Files.readString(Path.of("../rules/examples.yaml")), "rules/examples.yaml");
        RuleSet v2 = RuleSetParser.defaults();
        assertThat(examples.sharedRules().subList(0, 5)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("description")
                .containsExactlyElementsOf(v2.sharedRules());
        assertThat(examples.sharedRules().subList(5, examples.sharedRules().size()))
                .extracting(Rule::id).containsExactly("PROMOTION", "EXPERT_RETOUCH", "HOLIDAY_LIST", "DAILY_LIST");
        assertThat(examples.sharedRules().subList(5, examples.sharedRules().size())).noneMatch(Rule::enabled);
        assertThat(RuleSetCheck.problems(examples, StoreCatalog.load(Optional.empty()))).isEmpty();
    }

    @Test
    void readsEveryConditionAndAction() {
        RuleSet rules = RuleSetParser.parse("""
                version: 1
                templates: {t: {subject: s, body: b}}
                rules:
                  - id: ALL
                    label: 전부
                    description: every condition
                    enabled: false
                    priority: 7
                    tags: [a, b]
                    validForMinutes: 30
                    when:
                      - seen: true
                      - startAhead: false
                      - withinMinutesBeforeStart: 90
                      - withinMinutesBeforeStart: storeLead
                      - hourOfDay: [20, 21]
                      - bookingDateToday: true
                      - dateRange: {from: "2025-12-24", to: "2025-12-26"}
                      - status: [RC08, RC03]
                      - optionNameContainsAny: [네이버, 인스타]
                      - optionWithCount: {keyword: 보정, minCount: 2}
                      - storeIn: ["1051707"]
                      - formAnswer: {title: 리뷰 이벤트, contains: 네}
                      - rescheduled: true
                      - planned: [ALL]
                      - notPlanned: [ALL]
                      - anyOf: [[{seen: false}], [{status: RC04}, {startAhead: true}]]
                    send: {template: t, contentType: AD, key: date}
                    note: {text: "{customerName}", channels: [telegram, slack], key: start}
                """, "all.yaml");
        Rule r = rules.sharedRules().getFirst();
        assertThat(r.enabled()).isFalse();
        assertThat(r.priority()).isEqualTo(7);
        assertThat(r.validForMinutes()).isEqualTo(30);
        assertThat(r.tags()).containsExactly("a", "b");
        assertThat(r.when()).hasSize(16);
        assertThat(r.when().get(2)).isEqualTo(new Condition.WithinMinutesBeforeStart(90));
        assertThat(r.when().get(3)).isEqualTo(new Condition.WithinMinutesBeforeStart(null));
        assertThat(r.when().get(11)).isEqualTo(new Condition.FormAnswerMatches("리뷰 이벤트", null, "네"));
        assertThat(r.when().get(15)).isInstanceOfSatisfying(Condition.AnyOf.class, a -> assertThat(a.groups()).hasSize(2));
        assertThat(r.send()).isEqualTo(new SendAction("t", ContentType.AD, KeyScope.DATE));
        assertThat(r.note().channels()).containsExactlyInAnyOrder(RunNote.Channel.TELEGRAM, RunNote.Channel.SLACK);
        assertThat(r.note().key()).isEqualTo(KeyScope.START);
    }

    @Test
    void jsonIsAcceptedToo() {
        RuleSet rules = RuleSetParser.parse("""
                {"version": 1, "templates": {"hello": {"body": "hi"}},
                 "rules": [{"id": "HELLO", "label": "인사", "when": [], "send": {"template": "hello"}}]}
                """, "rules.json");
        assertThat(rules.sharedRules()).extracting(Rule::id).containsExactly("HELLO");
        assertThat(rules.sharedRules().getFirst().send()).isEqualTo(new SendAction("hello", ContentType.COMM, KeyScope.BOOKING));
    }

    @Test
    void aBadFileNamesTheJsonPathOfEveryProblem() {
        List<String> problems = problems("""
                version: 1
                rules:
                  - id: good_id
                    label: x
                    when: [{hourOfDya: 20}]
                    send: {template: t}
                  - id: NO_ACTION
                    label: y
                    when: [{hourOfDay: 25}]
                  - id: TWO
                    label: z
                    when: [{status: RC03, startAhead: true}]
                    send: {template: t, contentType: SPAM}
                """);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[0].id"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[0].when[0]").contains("hourOfDya"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[1]").contains("send"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[1].when[0].hourOfDay"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[2].when[0]"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[2].send.contentType"));
    }

    @Test
    void aProblemInsideARuleIsReportedOnceAndAnUnknownFieldByItsName() {
        List<String> problems = problems("""
                version: 1
                rules:
                  - {id: A, label: a, when: [{hourOfDay: 25}], send: {template: t}}
                  - {id: B, lable: b, label: b, when: [], send: {template: t}}
                """);
        assertThat(problems).noneMatch(p -> p.contains("'id' is not evaluated") || p.contains("'when' is not evaluated"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[0].when[0].hourOfDay"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[1]: property 'lable'"));
    }

    @Test
    void brokenYamlSaysWhere() {
        assertThat(problems("version: 1\nrules: [\n  - id: X\n")).singleElement().asString()
                .startsWith("$: not readable as YAML or JSON").contains("line");
        assertThat(problems("")).containsExactly("$: the file is empty");
    }

    @Test
    void aDuplicateRuleIdIsRefused() {
        List<String> problems = problems(MINIMAL + """
                  - id: HELLO
                    label: 또
                    when: [{dateRange: {from: "2025-12-26", to: "2025-12-24"}}]
                    send: {template: hello}
                """);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("$.rules[1].id").contains("used twice"));
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        List<String> problems = problems(MINIMAL.replace("when: [{status: RC03}]",
                "when: [{dateRange: {from: \"2025-12-26\", to: \"2025-12-24\"}}]"));
        assertThat(problems).singleElement().asString().startsWith("$.rules[0]: ")
                .contains("dateRange.to 2025-12-24 is before dateRange.from 2025-12-26");
        assertThat(problems("version: 1\nrules: [{id: A, label: a, when: [{dateRange: {from: 24.12.2025, to: \"2025-12-26\"}}],"
                + " send: {template: t}}]")).anySatisfy(p -> assertThat(p).startsWith("$.rules[0].when[0].dateRange.from"));
    }

    @Test
    void storeOverridesReplaceTheFieldsTheyNameAndMayAddRules() {
        RuleSet rules = RuleSetParser.parse(MINIMAL + """
                stores:
                  "951291":
                    rules:
                      - {id: HELLO, enabled: false}
                      - id: BYE
                        label: 작별
                        when: [{status: RC08}]
                        note: {text: "{customerName}"}
                """, "t.yaml");
        assertThat(rules.rulesFor("1051707")).extracting(Rule::id).containsExactly("HELLO");
        assertThat(rules.allRulesFor("951291")).extracting(Rule::id).containsExactly("HELLO", "BYE");
        assertThat(rules.rulesFor("951291")).extracting(Rule::id).containsExactly("BYE");
        Rule hello951 = rules.allRulesFor("951291").getFirst();
        assertThat(hello951.label()).as("the fields the override does not name stay").isEqualTo("인사");
    }

    @Test
    void aStoreOnlyRuleMustBeComplete() {
        assertThat(problems(MINIMAL + """
                stores:
                  "951291":
                    rules:
                      - {id: BYE, label: 작별}
                """)).anySatisfy(p -> assertThat(p).startsWith("$.stores.951291.rules[0]"));
    }

    @Test
    void rulesRunInPriorityThenFileOrder() {
        RuleSet rules = RuleSetParser.parse("""
                version: 1
                templates: {t: {body: b}}
                rules:
                  - {id: C, label: c, when: [], send: {template: t}}
                  - {id: A, label: a, priority: 5, when: [], send: {template: t}}
                  - {id: B, label: b, when: [], send: {template: t}}
                """, "t.yaml");
        assertThat(rules.rulesFor("1")).extracting(Rule::id).containsExactly("A", "C", "B");
    }

    @Test
    void exceptionMessageListsEveryProblem() {
        assertThatThrownBy(() -> RuleSetParser.parse("version: 2\nrules: []", "v2.yaml"))
                .isInstanceOf(RuleSetException.class).hasMessageContaining("$.version");
    }
}
