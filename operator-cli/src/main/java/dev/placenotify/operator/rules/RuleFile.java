package dev.placenotify.operator.rules;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.RuleSetSource;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetCheck;
import dev.placenotify.planner.rules.RuleSetException;
import dev.placenotify.planner.rules.RuleSetParser;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A rule file as the planner would load it at cold start (schema, then {@link RuleSetCheck} against the
 * store catalog), or every reason it could not be: each problem starts with its JSON path, as the
 * planner reports them.
 */
public sealed interface RuleFile {
    /** The rules the planner would run. */
    record Usable(RuleSet rules) implements RuleFile {}

    /** A file the planner would refuse; {@code problems} each start with a JSON path ({@code $...}). */
    record Rejected(String source, List<String> problems) implements RuleFile {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    static RuleFile load(Path file, StoreCatalog stores) {
        try {
            return checked(RuleSetSource.read(file), stores);
        } catch (RuleSetException e) {
            return new Rejected(file.toString(), e.problems());
        } catch (UncheckedIOException e) {
            return new Rejected(file.toString(), List.of("$: cannot read the file: " + describe(e.getCause())));
        }
    }

    /** The bundled default rules (the legacy v2's), which a deployment without a rule file runs. */
    static RuleFile defaults(StoreCatalog stores) {
        try {
            return checked(RuleSetParser.defaults(), stores);
        } catch (RuleSetException e) {
            return new Rejected("bundled " + RuleSetParser.DEFAULT_RESOURCE, e.problems());
        }
    }

    private static RuleFile checked(RuleSet rules, StoreCatalog stores) {
        List<String> problems = RuleSetCheck.problems(rules, stores);
        return problems.isEmpty() ? new Usable(rules) : new Rejected(rules.source(), problems);
    }

    private static String describe(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
