package dev.placenotify.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The store catalog's JSON Schema ({@code stores.schema.json}, also the AppConfig validator of the stores
 * profile) and a catalog read that applies it: every problem is reported with its JSON path, all at once,
 * and a document that fails is never turned into a catalog.
 */
public final class StoreCatalogSchema {
    public static final String RESOURCE = "/stores.schema.json";

    private static final JsonNode SCHEMA_NODE = read();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SCHEMA_NODE, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH)
                    .pathType(PathType.JSON_PATH).build());

    private StoreCatalogSchema() {}

    /** The schema document, e.g. for the CDK stack's validator or {@code config push}. */
    public static String text() {
        return SCHEMA_NODE.toPrettyString();
    }

    /** Schema problems of {@code json}, each starting with its JSON path; empty when the document conforms. */
    public static List<String> problems(String json) {
        JsonNode root;
        try {
            root = MessageCodec.mapper().readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            return List.of("$: not readable as JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of("$: the document is empty");
        }
        Set<String> out = new LinkedHashSet<>();
        SCHEMA.validate(root).stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .forEach(m -> out.add(m.getMessage()));
        return new ArrayList<>(out);
    }

    /** Validates against the schema, then parses: a catalog, or {@link InvalidCatalogException} with every problem. */
    public static StoreCatalog parse(String json, String source) {
        List<String> problems = problems(json);
        if (problems.isEmpty()) {
            try {
                return StoreCatalog.parse(json);
            } catch (IllegalArgumentException e) {
                problems = List.of("$: " + e.getMessage());
            }
        }
        throw new InvalidCatalogException(source, problems);
    }

    private static JsonNode read() {
        try (InputStream in = StoreCatalogSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return MessageCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store catalog that must not be used, with every problem found. */
    public static final class InvalidCatalogException extends IllegalArgumentException {
        private final transient List<String> problems;

        public InvalidCatalogException(String source, List<String> problems) {
            super("store catalog " + source + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "):\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
