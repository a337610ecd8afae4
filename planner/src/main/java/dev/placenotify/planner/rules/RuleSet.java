package dev.placenotify.planner.rules;

import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.StoreSettings;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's rules: the shared ones, each store's effective list where the file overrides it, and
 * the shared templates. Built by {@link RuleSetParser}, which validates it; immutable.
 */
public final class RuleSet {
    private final String source;
    private final String description;
    private final List<Rule> shared;
    private final Map<String, List<Rule>> perStore;
    private final Map<String, MessageTemplate> templates;

    RuleSet(String source, String description, List<Rule> shared, Map<String, List<Rule>> perStore,
            Map<String, MessageTemplate> templates) {
        this.source = source;
        this.description = description;
        this.shared = List.copyOf(shared);
        this.perStore = Map.copyOf(perStore);
        this.templates = Map.copyOf(templates);
    }

    /** Where the rules came from (a file path, or the bundled default). */
    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    /** Every rule that applies to the store, enabled or not, in file order (its overrides applied). */
    public List<Rule> allRulesFor(String storeId) {
        return perStore.getOrDefault(storeId, shared);
    }

    /** The store's enabled rules in the order they run: priority, then file order. */
    public List<Rule> rulesFor(String storeId) {
        return allRulesFor(storeId).stream().filter(Rule::enabled)
                .sorted(Comparator.comparingInt(Rule::priority)).toList();
    }

    /** The shared rules as written (before store overrides). */
    public List<Rule> sharedRules() {
        return shared;
    }

    /** Stores the file overrides. */
    public java.util.Set<String> overriddenStores() {
        return perStore.keySet();
    }

    /** The store's own template of that name, else the rule set's shared one. */
    public Optional<MessageTemplate> template(String name, StoreSettings store) {
        MessageTemplate own = store.templates().get(name);
        return own != null ? Optional.of(own) : Optional.ofNullable(templates.get(name));
    }

    public Map<String, MessageTemplate> sharedTemplates() {
        return templates;
    }
}
