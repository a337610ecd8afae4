package dev.placenotify.operator.sends;

import dev.placenotify.operator.OperatorContext;
import dev.placenotify.model.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sends unknown} and {@code sends resend}: SMS whose delivery SENS never confirmed nor denied. */
@Command(name = "sends", description = "SMS with an UNKNOWN outcome: list them, resend one deliberately",
        subcommands = {SendsUnknownCommand.class, SendsResendCommand.class})
public final class SendsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: unknown or resend");
    }

    static IdempotencyItems items(OperatorContext ctx) {
        return new IdempotencyItems(ctx.dynamo(), ctx.target().table(Topology.IDEMPOTENCY));
    }
}
