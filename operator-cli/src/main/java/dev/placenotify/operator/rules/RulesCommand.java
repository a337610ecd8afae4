package dev.placenotify.operator.rules;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rules validate} and {@code rules preview}: see a rule file's effect before it is deployed. */
@Command(name = "rules", description = "check a rule file, and preview which bookings it would text",
        subcommands = {RulesValidateCommand.class, RulesPreviewCommand.class})
public final class RulesCommand implements Runnable {
    /** A rule file the planner would refuse (docs/operator-cli.md: exit codes). */
    public static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: validate or preview");
    }
}
