package dev.placenotify.operator.config;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code config push} and {@code config show}: the environment's live store settings and rules in AWS AppConfig. */
@Command(name = "config", description = "live store settings and rules (AWS AppConfig): validate, preview and deploy "
        + "a document, or show what is live", subcommands = {ConfigPushCommand.class, ConfigShowCommand.class})
public final class ConfigCommand implements Runnable {
    /** A document the stages would refuse, or AppConfig's validator refused (docs/operator-cli.md: exit codes). */
    public static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: push or show");
    }
}
