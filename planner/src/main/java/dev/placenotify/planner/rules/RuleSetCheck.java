package dev.placenotify.planner.rules;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the schema cannot see: whether the rules work for this deployment's stores. Every enabled store's
 * enabled rules must find their template (the store's own or a shared one), use only variables that
 * exist for that store, name only rules that exist in {@code planned}/{@code notPlanned}, and an AD rule
 * needs the store's opt-out number. Overrides must name stores of the catalog.
 */
public final class RuleSetCheck {
    private RuleSetCheck() {}

    public static List<String> problems(RuleSet rules, StoreCatalog stores) {
        Set<String> problems = new LinkedHashSet<>();
        for (String storeId : rules.overriddenStores()) {
            if (stores.find(storeId).isEmpty()) {
                problems.add("$.stores." + storeId + ": store " + storeId + " is not in the store catalog");
            }
        }
        for (StoreSettings store : stores.enabled()) {
            List<Rule> all = rules.allRulesFor(store.storeId());
            Set<String> ids = all.stream().map(Rule::id).collect(Collectors.toSet());
            for (Rule rule : all) {
                if (rule.enabled()) {
                    check(rules, store, rule, ids, where(rules, store, rule), problems);
                }
            }
        }
        return new ArrayList<>(problems);
    }

    /** Throws when {@link #problems} finds any. */
    public static RuleSet require(RuleSet rules, StoreCatalog stores) {
        List<String> problems = problems(rules, stores);
        if (!problems.isEmpty()) {
            throw new RuleSetException(rules.source(), problems);
        }
        return rules;
    }

    private static void check(RuleSet rules, StoreSettings store, Rule rule, Set<String> ids, String at, Set<String> problems) {
        String who = "store " + store.storeId() + " (" + store.name() + ")";
        if (rule.send() != null) {
            String name = rule.send().template();
            Optional<MessageTemplate> template = rules.template(name, store);
            if (template.isEmpty()) {
                problems.add(at + ".send.template: " + who + " has no template '" + name
                        + "' and the rule set has no shared one (give the store one, or disable " + rule.id() + " for it)");
            } else {
                unknownVariables(template.get().subject() + " " + template.get().body(), store).forEach(v ->
                        problems.add(at + ".send.template: template '" + name + "' uses {" + v + "}, which is neither a built-in"
                                + " variable nor one of " + who + "'s vars"));
            }
            if (rule.send().contentType() == ContentType.AD && store.optOutNumber() == null) {
                problems.add(at + ".send.contentType: AD needs a free opt-out number, and " + who
                        + " has no optOutNumber (Korean law on advertising SMS)");
            }
        }
        if (rule.note() != null) {
            unknownVariables(rule.note().text(), store).forEach(v -> problems.add(at + ".note.text: uses {" + v
                    + "}, which is neither a built-in variable nor one of " + who + "'s vars"));
        }
        for (Condition c : flatten(rule.when())) {
            List<String> named = switch (c) {
                case Condition.Planned p -> p.ruleIds();
                case Condition.NotPlanned p -> p.ruleIds();
                default -> List.of();
            };
            named.stream().filter(id -> !ids.contains(id)).forEach(id ->
                    problems.add(at + ".when: names rule " + id + ", which does not exist for " + who));
        }
    }

    private static List<String> unknownVariables(String text, StoreSettings store) {
        return TemplateVariables.usedIn(text).stream()
                .filter(v -> !TemplateVariables.BUILT_IN.contains(v) && !store.vars().containsKey(v)).toList();
    }

    private static List<Condition> flatten(List<Condition> conditions) {
        List<Condition> out = new ArrayList<>();
        for (Condition c : conditions) {
            out.add(c);
            if (c instanceof Condition.AnyOf any) {
                any.groups().forEach(g -> out.addAll(flatten(g)));
            }
        }
        return out;
    }

    private static String where(RuleSet rules, StoreSettings store, Rule rule) {
        List<Rule> shared = rules.sharedRules();
        for (int i = 0; i < shared.size(); i++) {
            if (shared.get(i).id().equals(rule.id())) {
                return rules.overriddenStores().contains(store.storeId()) ? "$.rules[" + i + "] (as " + store.storeId() + " has it)"
                        : "$.rules[" + i + "]";
            }
        }
        return "$.stores." + store.storeId() + ".rules (" + rule.id() + ")";
    }
}
