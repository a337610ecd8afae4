package dev.placenotify.operator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreCatalogSchema;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetCheck;
import dev.placenotify.planner.rules.RuleSetException;
import dev.placenotify.planner.rules.RuleSetParser;
import java.util.List;

/**
 * A document about to be pushed, checked the way the planner will check it: the schema, then rules against
 * stores both ways (new rules against the live stores, the live rules against new stores). A usable document
 * is deployed as JSON (AppConfig's JSON Schema validators read JSON only), so a YAML rule file is converted.
 */
sealed interface ConfigCandidate {
    record Usable(ConfigKind kind, String json, JsonNode document, StoreCatalog stores, RuleSet rules) implements ConfigCandidate {}

    record Rejected(String source, List<String> problems) implements ConfigCandidate {}

    static ConfigCandidate check(ConfigKind kind, String text, String source, StoreCatalog liveStores, RuleSet liveRules) {
        return switch (kind) {
            case STORES -> stores(text, source, liveRules);
            case RULES -> rules(text, source, liveStores);
        };
    }

    private static ConfigCandidate stores(String text, String source, RuleSet liveRules) {
        StoreCatalog stores;
        try {
            stores = StoreCatalogSchema.parse(text, source);
        } catch (StoreCatalogSchema.InvalidCatalogException e) {
            return new Rejected(source, e.problems());
        }
        List<String> problems = RuleSetCheck.problems(liveRules, stores).stream()
                .map(p -> "the live rules (" + liveRules.source() + ") with these stores: " + p).toList();
        return problems.isEmpty() ? new Usable(ConfigKind.STORES, compact(read(text)), read(text), stores, liveRules)
                : new Rejected(source, problems);
    }

    private static ConfigCandidate rules(String text, String source, StoreCatalog liveStores) {
        RuleSet rules;
        try {
            rules = RuleSetParser.parse(text, source);
        } catch (RuleSetException e) {
            return new Rejected(source, e.problems());
        }
        List<String> problems = RuleSetCheck.problems(rules, liveStores);
        if (!problems.isEmpty()) {
            return new Rejected(source, problems);
        }
        JsonNode document = read(text);
        return new Usable(ConfigKind.RULES, compact(document), document, liveStores, rules);
    }

    /** YAML or JSON (YAML is a superset) to a tree; only called on text that already parsed. */
    static JsonNode read(String text) {
        try {
            return new YAMLMapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML or JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String compact(JsonNode node) {
        try {
            return MessageCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
