package dev.placenotify.planner.rules;

import java.util.List;

/**
 * A rule file that must not be used: every problem found, each starting with the JSON path of the
 * offending value ({@code $.rules[2].when[0].hourOfDay: ...}), so an owner can fix them all at once.
 * Thrown at cold start, the planner refuses to plan (it never texts by a wrong rule).
 */
public final class RuleSetException extends IllegalArgumentException {
    private final transient List<String> problems;

    public RuleSetException(String source, List<String> problems) {
        super("rule set " + source + " is invalid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + "):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
