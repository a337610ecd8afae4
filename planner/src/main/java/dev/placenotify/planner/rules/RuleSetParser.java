package dev.placenotify.planner.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageTemplate;
import dev.placenotify.model.RunNote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a rule file (YAML, or JSON, which is YAML too), validates it against {@code rules.schema.json}
 * and turns it into a {@link RuleSet}: every problem is reported with its JSON path, all at once. A
 * store's overrides are applied here (a rule with a shared id replaces the fields it names; a new id
 * is a rule of that store only), and the merged rules are validated like the shared ones.
 */
public final class RuleSetParser {
    public static final String SCHEMA_RESOURCE = "/rules.schema.json";
    /** The rules the system replaced (the legacy v2's), used when no rule file is configured. */
    public static final String DEFAULT_RESOURCE = "/rules.yaml";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final JsonNode SCHEMA_NODE = readResource(SCHEMA_RESOURCE);
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).locale(Locale.ENGLISH).pathType(PathType.JSON_PATH).build();
    private static final JsonSchema DOCUMENT = FACTORY.getSchema(SCHEMA_NODE, CONFIG);
    private static final JsonSchema RULE = FACTORY.getSchema(withRoot("rule"), CONFIG);
    private static final Set<String> RULE_FIELDS = fieldNames(SCHEMA_NODE.at("/$defs/ruleFields/properties"));

    private RuleSetParser() {}

    /** The rule file schema, e.g. for the AppConfig validator of the rules profile. */
    public static String schemaText() {
        return SCHEMA_NODE.toPrettyString();
    }

    /** The bundled default rule set. */
    public static RuleSet defaults() {
        try (InputStream in = RuleSetParser.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no bundled " + DEFAULT_RESOURCE + " on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates {@code text}; {@code source} names it in error messages. */
    public static RuleSet parse(String text, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            throw new RuleSetException(source, List.of("$: not readable as YAML or JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new RuleSetException(source, List.of("$: the file is empty"));
        }
        List<String> problems = schemaProblems(DOCUMENT, root, "");
        if (!problems.isEmpty()) {
            throw new RuleSetException(source, problems);
        }
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        root.path("templates").properties().forEach(e -> templates.put(e.getKey(),
                new MessageTemplate(text(e.getValue(), "subject"), e.getValue().get("body").asText())));

        ArrayNode sharedNodes = (ArrayNode) root.get("rules");
        List<Rule> shared = rules(sharedNodes, "$.rules", problems);
        Map<String, List<Rule>> perStore = new LinkedHashMap<>();
        root.path("stores").properties().forEach(store -> {
            String at = "$.stores." + store.getKey() + ".rules";
            ArrayNode merged = merge(sharedNodes, (ArrayNode) store.getValue().path("rules"), at, problems);
            perStore.put(store.getKey(), rules(merged, at, problems));
        });
        if (!problems.isEmpty()) {
            throw new RuleSetException(source, problems);
        }
        return new RuleSet(source, text(root, "description"), shared, perStore, templates);
    }

    /** The shared rules with a store's patches applied, each merged rule checked against the rule schema. */
    private static ArrayNode merge(ArrayNode shared, ArrayNode patches, String at, List<String> problems) {
        ArrayNode merged = shared.deepCopy();
        for (int i = 0; i < patches.size(); i++) {
            ObjectNode patch = (ObjectNode) patches.get(i);
            String id = patch.get("id").asText();
            ObjectNode target = null;
            for (JsonNode r : merged) {
                if (r.get("id").asText().equals(id)) {
                    target = (ObjectNode) r;
                }
            }
            if (target == null) {
                merged.add(patch.deepCopy());
                target = (ObjectNode) merged.get(merged.size() - 1);
            } else {
                target.setAll(patch.deepCopy());
            }
            problems.addAll(schemaProblems(RULE, target, at + "[" + i + "]"));
        }
        return merged;
    }

    private static List<Rule> rules(ArrayNode nodes, String at, List<String> problems) {
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String path = at + "[" + i + "]";
            String id = n.get("id").asText();
            if (!ids.add(id)) {
                problems.add(path + ".id: rule id " + id + " is used twice");
                continue;
            }
            try {
                rules.add(rule(n, path));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage().startsWith("$") ? e.getMessage() : path + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static Rule rule(JsonNode n, String path) {
        JsonNode send = n.get("send");
        JsonNode note = n.get("note");
        return new Rule(n.get("id").asText(), text(n, "label"), text(n, "description"),
                !n.has("enabled") || n.get("enabled").asBoolean(),
                n.has("priority") ? n.get("priority").asInt() : Rule.DEFAULT_PRIORITY,
                strings(n.path("tags")),
                conditions(n.path("when"), path + ".when"),
                send == null ? null : new SendAction(send.get("template").asText(),
                        send.has("contentType") ? ContentType.valueOf(send.get("contentType").asText()) : null,
                        scope(send)),
                note == null ? null : new NoteAction(note.get("text").asText(), channels(note.path("channels")), scope(note)),
                n.has("validForMinutes") ? n.get("validForMinutes").asInt() : null);
    }

    private static List<Condition> conditions(JsonNode list, String path) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(condition(list.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    private static Condition condition(JsonNode c, String path) {
        var field = c.properties().iterator().next();
        String type = field.getKey();
        JsonNode v = field.getValue();
        return switch (type) {
            case "seen" -> new Condition.Seen(v.asBoolean());
            case "startAhead" -> new Condition.StartAhead(v.asBoolean());
            case "withinMinutesBeforeStart" -> new Condition.WithinMinutesBeforeStart(v.isInt() ? v.asInt() : null);
            case "hourOfDay" -> new Condition.HourOfDay(ints(v));
            case "bookingDateToday" -> new Condition.BookingDateToday(v.asBoolean());
            case "dateRange" -> new Condition.DateRange(date(v, "from", path), date(v, "to", path));
            case "status" -> new Condition.StatusIn(new TreeSet<>(strings(v)));
            case "optionNameContainsAny" -> new Condition.OptionNameContainsAny(strings(v));
            case "optionWithCount" -> new Condition.OptionWithCount(v.get("keyword").asText(), v.get("minCount").asInt());
            case "storeIn" -> new Condition.StoreIn(new TreeSet<>(strings(v)));
            case "formAnswer" -> new Condition.FormAnswerMatches(v.get("title").asText(), text(v, "equals"), text(v, "contains"));
            case "rescheduled" -> new Condition.Rescheduled(v.asBoolean());
            case "planned" -> new Condition.Planned(strings(v));
            case "notPlanned" -> new Condition.NotPlanned(strings(v));
            case "anyOf" -> {
                List<List<Condition>> groups = new ArrayList<>();
                for (int g = 0; g < v.size(); g++) {
                    groups.add(conditions(v.get(g), path + ".anyOf[" + g + "]"));
                }
                yield new Condition.AnyOf(groups);
            }
            default -> throw new IllegalArgumentException(path + ": unknown condition " + type);
        };
    }

    private static LocalDate date(JsonNode v, String field, String path) {
        try {
            return LocalDate.parse(v.get(field).asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ".dateRange." + field + ": not a date (YYYY-MM-DD): " + v.get(field).asText());
        }
    }

    private static KeyScope scope(JsonNode action) {
        return action.has("key") ? KeyScope.valueOf(action.get("key").asText().toUpperCase(Locale.ROOT)) : null;
    }

    private static Set<RunNote.Channel> channels(JsonNode v) {
        Set<RunNote.Channel> out = EnumSet.noneOf(RunNote.Channel.class);
        v.forEach(c -> out.add(RunNote.Channel.valueOf(c.asText().toUpperCase(Locale.ROOT))));
        return out;
    }

    private static Set<Integer> ints(JsonNode v) {
        Set<Integer> out = new TreeSet<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asInt()));
        } else {
            out.add(v.asInt());
        }
        return out;
    }

    private static List<String> strings(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else if (!v.isMissingNode() && !v.isNull()) {
            out.add(v.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Schema messages, each starting with the JSON path, deepest first, without repeats. */
    private static List<String> schemaProblems(JsonSchema schema, JsonNode node, String pathPrefix) {
        Set<ValidationMessage> messages = schema.validate(node);
        Set<String> out = new LinkedHashSet<>();
        messages.stream().filter(m -> !echoOfAnotherProblem(m))
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .forEach(m -> out.add(pathPrefix.isEmpty() ? m.getMessage() : m.getMessage().replaceFirst("^\\$", java.util.regex.Matcher.quoteReplacement(pathPrefix))));
        return new ArrayList<>(out);
    }

    /**
     * A rule's known fields are reported as "not evaluated" whenever anything else in that rule is wrong
     * (the rule schema's {@code unevaluatedProperties} sees no successful evaluation): that line only
     * repeats the real problem, reported on its own. An unknown field is still reported.
     */
    private static boolean echoOfAnotherProblem(ValidationMessage m) {
        return "unevaluatedProperties".equals(m.getType()) && RULE_FIELDS.contains(m.getProperty());
    }

    /** The schema with one of its definitions as the root, so a single merged rule can be validated. */
    private static JsonNode withRoot(String definition) {
        ObjectNode s = SCHEMA_NODE.deepCopy();
        s.remove(List.of("title", "description", "type", "additionalProperties", "required", "properties"));
        s.put("$ref", "#/$defs/" + definition);
        s.put("$id", SCHEMA_NODE.get("$id").asText().replace(".schema.json", "." + definition + ".schema.json"));
        return s;
    }

    private static Set<String> fieldNames(JsonNode properties) {
        Set<String> names = new HashSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }

    private static JsonNode readResource(String name) {
        try (InputStream in = RuleSetParser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
