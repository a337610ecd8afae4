package dev.placenotify.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a push changes, in the owners' terms: stores added, removed or changed (which settings, which
 * templates, which variables by name: their values may open doors and are never printed) and rules
 * added, removed or changed (which fields; enabled flips said plainly). Pure: two documents in, lines out.
 */
final class ConfigDiff {
    private ConfigDiff() {}

    static List<String> lines(ConfigKind kind, JsonNode before, JsonNode after) {
        List<String> out = kind == ConfigKind.STORES ? stores(before, after) : rules(before, after);
        return out.isEmpty() ? List.of("no change") : out;
    }

    private static List<String> stores(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        Set<String> chainVars = changedKeys(before.path("vars"), after.path("vars"));
        if (!chainVars.isEmpty()) {
            out.add("~ chain-wide vars changed: " + String.join(", ", chainVars));
        }
        if (!before.path("defaultCallbackNumber").equals(after.path("defaultCallbackNumber"))) {
            out.add("~ defaultCallbackNumber changed");
        }
        Map<String, JsonNode> old = byField(before.path("stores"), "storeId");
        Map<String, JsonNode> now = byField(after.path("stores"), "storeId");
        now.forEach((id, s) -> {
            JsonNode was = old.get(id);
            String name = s.path("name").asText(id);
            if (was == null) {
                out.add("+ store " + id + " " + name + " added" + (s.path("enabled").asBoolean(true) ? "" : " (disabled)"));
                return;
            }
            List<String> what = new ArrayList<>();
            for (String f : List.of("name", "enabled", "accountId", "callbackNumber", "phone", "reminderLeadMinutes", "optOutNumber")) {
                if (!was.path(f).equals(s.path(f))) {
                    what.add(f.equals("enabled") ? (s.path("enabled").asBoolean(true) ? "enabled" : "disabled") : f);
                }
            }
            Set<String> templates = changedKeys(was.path("templates"), s.path("templates"));
            if (!templates.isEmpty()) {
                what.add("templates " + String.join(", ", templates));
            }
            Set<String> vars = changedKeys(was.path("vars"), s.path("vars"));
            if (!vars.isEmpty()) {
                what.add("vars " + String.join(", ", vars));
            }
            if (!what.isEmpty()) {
                out.add("~ store " + id + " " + name + ": " + String.join("; ", what));
            }
        });
        old.forEach((id, s) -> {
            if (!now.containsKey(id)) {
                out.add("- store " + id + " " + s.path("name").asText(id) + " removed");
            }
        });
        return out;
    }

    private static List<String> rules(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        rulesOf(before.path("rules"), after.path("rules"), "", out);
        Set<String> templates = changedKeys(before.path("templates"), after.path("templates"));
        if (!templates.isEmpty()) {
            out.add("~ shared templates changed: " + String.join(", ", templates));
        }
        Set<String> stores = new LinkedHashSet<>();
        before.path("stores").fieldNames().forEachRemaining(stores::add);
        after.path("stores").fieldNames().forEachRemaining(stores::add);
        for (String store : stores) {
            rulesOf(before.path("stores").path(store).path("rules"), after.path("stores").path(store).path("rules"),
                    " (store " + store + " override)", out);
        }
        return out;
    }

    private static void rulesOf(JsonNode before, JsonNode after, String where, List<String> out) {
        Map<String, JsonNode> old = byField(before, "id");
        Map<String, JsonNode> now = byField(after, "id");
        now.forEach((id, r) -> {
            JsonNode was = old.get(id);
            boolean enabled = r.path("enabled").asBoolean(true);
            if (was == null) {
                out.add("+ rule " + id + where + " added" + (enabled ? "" : " (disabled)"));
                return;
            }
            List<String> what = new ArrayList<>();
            if (was.path("enabled").asBoolean(true) != enabled) {
                what.add(enabled ? "enabled" : "disabled");
            }
            Set<String> fields = new LinkedHashSet<>();
            was.fieldNames().forEachRemaining(fields::add);
            r.fieldNames().forEachRemaining(fields::add);
            fields.remove("enabled");
            fields.stream().filter(f -> !was.path(f).equals(r.path(f))).forEach(f -> what.add(f + " changed"));
            if (!what.isEmpty()) {
                out.add("~ rule " + id + where + ": " + String.join(", ", what));
            }
        });
        old.keySet().stream().filter(id -> !now.containsKey(id)).forEach(id -> out.add("- rule " + id + where + " removed"));
    }

    /** Keys added, removed or with another value, marked +, - or ~. */
    private static Set<String> changedKeys(JsonNode before, JsonNode after) {
        Set<String> out = new LinkedHashSet<>();
        after.fieldNames().forEachRemaining(k -> {
            if (!before.has(k)) {
                out.add("+" + k);
            } else if (!before.get(k).equals(after.get(k))) {
                out.add("~" + k);
            }
        });
        before.fieldNames().forEachRemaining(k -> {
            if (!after.has(k)) {
                out.add("-" + k);
            }
        });
        return out;
    }

    private static Map<String, JsonNode> byField(JsonNode array, String field) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (array == null || !array.isArray()) {
            return out;
        }
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode n = it.next();
            out.put(n.path(field).asText(), n);
        }
        return out;
    }

    static JsonNode none() {
        return MissingNode.getInstance();
    }
}
