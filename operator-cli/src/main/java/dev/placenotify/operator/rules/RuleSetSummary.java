package dev.placenotify.operator.rules;

import dev.placenotify.model.RunNote;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.TextTable;
import dev.placenotify.planner.rules.Rule;
import dev.placenotify.planner.rules.RuleSet;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a valid rule file does, store by store, in a few lines an owner can check before deploying it:
 * the enabled rules in the order they run (label, content type, which template: the store's own or the
 * shared one), the disabled ones, and what the file overrides for the store.
 */
public final class RuleSetSummary {
    private RuleSetSummary() {}

    public static List<String> lines(RuleSet rules, StoreCatalog stores, String catalogName) {
        List<String> out = new ArrayList<>();
        List<Rule> shared = rules.sharedRules();
        long enabled = shared.stream().filter(Rule::enabled).count();
        out.add(rules.source() + " is valid" + (rules.description() == null || rules.description().isBlank() ? ""
                : ": " + rules.description()));
        out.add(shared.size() + " shared rules (" + enabled + " enabled, " + (shared.size() - enabled) + " disabled), "
                + rules.sharedTemplates().size() + " shared templates, overrides for "
                + (rules.overriddenStores().isEmpty() ? "no store" : String.join(", ", rules.overriddenStores().stream().sorted().toList()))
                + "; checked against " + catalogName + " (" + stores.enabled().size() + " enabled stores)");
        for (StoreSettings store : stores.enabled()) {
            out.add("");
            out.add(store.storeId() + " " + store.name());
            List<Rule> running = rules.rulesFor(store.storeId());
            if (running.isEmpty()) {
                out.add("  no enabled rule: this store gets no text and no summary line");
            } else {
                TextTable table = new TextTable("ORDER", "RULE", "LABEL", "DOES", "TEMPLATE");
                for (Rule r : running) {
                    table.row(r.priority(), r.id(), r.label(), does(r), template(rules, store, r));
                }
                table.lines().forEach(l -> out.add("  " + l));
            }
            List<String> disabled = rules.allRulesFor(store.storeId()).stream().filter(r -> !r.enabled()).map(Rule::id).toList();
            out.add("  disabled: " + (disabled.isEmpty() ? "none" : String.join(", ", disabled)));
            out.add("  overrides: " + overrides(rules, store.storeId()));
        }
        return out;
    }

    static String does(Rule r) {
        List<String> parts = new ArrayList<>();
        if (r.send() != null) {
            parts.add("text " + r.send().contentType() + ", once per " + r.send().key().name().toLowerCase(Locale.ROOT));
        }
        if (r.note() != null) {
            parts.add("note to " + r.note().channels().stream().map(RunNote.Channel::name).sorted()
                    .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.joining("+")));
        }
        return String.join(" + ", parts);
    }

    static String template(RuleSet rules, StoreSettings store, Rule r) {
        if (r.send() == null) {
            return "-";
        }
        String name = r.send().template();
        if (store.templates().containsKey(name)) {
            return name + " (store's own)";
        }
        return rules.sharedTemplates().containsKey(name) ? name + " (shared)" : name + " (missing)";
    }

    /** The store's rules that differ from the shared ones: added, and changed (which fields). */
    static String overrides(RuleSet rules, String storeId) {
        if (!rules.overriddenStores().contains(storeId)) {
            return "none";
        }
        Map<String, Rule> shared = rules.sharedRules().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
        List<String> changes = new ArrayList<>();
        for (Rule r : rules.allRulesFor(storeId)) {
            Rule base = shared.get(r.id());
            if (base == null) {
                changes.add(r.id() + " (this store's own rule)");
            } else if (!base.equals(r)) {
                changes.add(r.id() + " (" + String.join(", ", changedFields(base, r)) + ")");
            }
        }
        return changes.isEmpty() ? "listed, but identical to the shared rules" : String.join("; ", changes);
    }

    static List<String> changedFields(Rule a, Rule b) {
        List<String> fields = new ArrayList<>();
        for (RecordComponent c : Rule.class.getRecordComponents()) {
            try {
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.equals(x, y)) {
                    fields.add(c.getName().equals("enabled") ? (Boolean.TRUE.equals(y) ? "enabled" : "disabled")
                            : c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read rule field " + c.getName(), e);
            }
        }
        return fields;
    }
}
