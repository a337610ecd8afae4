package dev.placenotify.operator.history;

import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;

/** Placeholder replaced below. */
@picocli.CommandLine.Command(name = "history")
public final class HistoryCommand extends OperatorCommand {
    @Override
    protected int run(OperatorContext ctx) {
        return OK;
    }
}
