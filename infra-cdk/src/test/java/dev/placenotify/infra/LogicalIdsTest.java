package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployed stacks keep every resource's and output's logical id. CloudFormation identifies a resource by its
 * logical id: a new one replaces the resource (a table or queue loses its data; a function, log group, alarm or
 * schedule with a fixed physical name fails the deploy), and the operator CLI reads outputs by their keys. The
 * committed lists were taken from the stack before it became constructs; a resource added on purpose is added to
 * them in the same change.
 */
class LogicalIdsTest {
    /** A version's id ends in a hash of its function's code and settings: a new version per change, by design. */
    private static final int VERSION_HASH_LENGTH = 32;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyResourceAndOutputKeepsItsLogicalIdAndType(String environment) {
        Stacks.Synthesized s = environment.equals("dev") ? Stacks.dev() : Stacks.prod();
        List<String> actual = new ArrayList<>();
        s.json().get("Resources").properties().forEach(e -> {
            String type = e.getValue().path("Type").asText();
            String id = e.getKey();
            if (type.equals("AWS::Lambda::Version")) {
                id = id.substring(0, id.length() - VERSION_HASH_LENGTH) + "*";
            }
            actual.add(id + " " + type);
        });
        s.json().path("Outputs").fieldNames().forEachRemaining(id -> actual.add(id + " Output"));

        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected(s.stack().getStackName()));
    }

    private static List<String> expected(String stackName) {
        String resource = "/logical-ids/" + stackName + ".txt";
        try (InputStream in = LogicalIdsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
