package dev.placenotify.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.constructs.IConstruct;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * One synthesized stack per environment for the whole test run (synthesis is the slow part): the real
 * Lambda jars when the stage modules were packaged, else a placeholder asset in target/.
 */
final class Stacks {
    private Stacks() {}

    record Synthesized(PlaceNotifyStack stack, Template template, Annotations annotations, JsonNode json) {
        /** Logical id of an L2 construct's default CloudFormation resource, or of an L1 resource itself. */
        String id(IConstruct construct) {
            if (construct instanceof CfnElement element) {
                return stack.getLogicalId(element);
            }
            return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
        }

        Map<String, JsonNode> resources(String type) {
            Map<String, JsonNode> found = new TreeMap<>();
            json.get("Resources").properties().forEach(e -> {
                if (e.getValue().path("Type").asText().equals(type)) {
                    found.put(e.getKey(), e.getValue());
                }
            });
            return found;
        }

        JsonNode resource(IConstruct construct) {
            return json.get("Resources").get(id(construct));
        }

        JsonNode props(IConstruct construct) {
            return resource(construct).get("Properties");
        }
    }

    private static final Supplier<Synthesized> DEV = memoize(() -> synth(Map.of("env", "dev")));
    /** Prod as deployed for the cutover's shadow phase: the sender in dry-run. */
    private static final Supplier<Synthesized> PROD = memoize(() -> synth(Map.of("env", "prod", "dryRun", "true")));

    static Synthesized dev() {
        return DEV.get();
    }

    static Synthesized prod() {
        return PROD.get();
    }

    static Path moduleDir() {
        // Surefire runs with the module as working directory; tolerate running from the root too.
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return cwd.getFileName().toString().equals("infra-cdk") ? cwd : cwd.resolve("infra-cdk");
    }

    static LambdaArtifacts artifacts() {
        Path module = moduleDir();
        return LambdaArtifacts.fromRepositoryOrPlaceholder(module.getParent(),
                module.resolve("target").resolve("placeholder-lambda-asset"));
    }

    /**
     * Synthesizes with cdk.json's context (feature flags included) under the given overrides, so
     * the tests assert on the template {@code npx cdk synth} produces.
     */
    static Synthesized synth(Map<String, Object> overrides) {
        Map<String, Object> context = new java.util.HashMap<>(cdkJsonContext());
        context.putAll(overrides);
        App app = new App(AppProps.builder().context(context).build());
        EnvironmentConfig config = EnvironmentConfig.fromContext(app.getNode()::tryGetContext);
        PlaceNotifyStack stack = PlaceNotifyApp.build(app, config, artifacts());
        Template template = Template.fromStack(stack);
        writeForInspection(config.stackName(), template);
        JsonNode json = new ObjectMapper().valueToTree(template.toJSON());
        return new Synthesized(stack, template, Annotations.fromStack(stack), json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(moduleDir().resolve("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Leaves the template in target/templates/ for a human to read after a failure. */
    private static void writeForInspection(String name, Template template) {
        try {
            Path dir = moduleDir().resolve("target").resolve("templates");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name + ".json"),
                    new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(template.toJSON()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
