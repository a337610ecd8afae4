package dev.placenotify.operator.legacy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code legacy import}: the cutover from the system place-notify replaces. */
@Command(name = "legacy", description = "cutover from the legacy system: import what it already sent",
        subcommands = {LegacyImportCommand.class})
public final class LegacyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: import");
    }
}
