package dev.placenotify.planner;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetCheck;
import dev.placenotify.planner.rules.RuleSetParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the deployment's rules once: the file when one is configured, else the bundled default (the
 * legacy v2's rule set), validated against the schema and checked against the store catalog. Any
 * problem stops the cold start with every problem listed: a planner never texts by a rule it could
 * not fully read.
 */
public final class RuleSetSource {
    private RuleSetSource() {}

    public static RuleSet load(Optional<Path> file, StoreCatalog stores) {
        RuleSet rules = file.map(RuleSetSource::read).orElseGet(RuleSetParser::defaults);
        return RuleSetCheck.require(rules, stores);
    }

    public static RuleSet read(Path file) {
        try {
            return RuleSetParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
    }
}
