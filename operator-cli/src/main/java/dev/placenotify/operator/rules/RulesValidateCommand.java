package dev.placenotify.operator.rules;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Reads a rule file the way the planner does at cold start: schema, then the check against the store
 * catalog. Valid: a summary per store, exit 0. Invalid: every problem with its JSON path, exit 2.
 * Touches no AWS service.
 */
@Command(name = "validate", description = "check a rule file (schema + store catalog) and summarize it per store; "
        + "exit 2 with every problem when the planner would refuse it")
public final class RulesValidateCommand extends OperatorCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "rule file (YAML or JSON)")
    Path file;

    @Option(names = "--stores", paramLabel = "FILE",
            description = "store catalog to check against (default: --stores-file, else the bundled stores.json)")
    Path stores;

    @Override
    protected int run(OperatorContext ctx) {
        StoreCatalog catalog = catalog(ctx, stores);
        return switch (RuleFile.load(file, catalog)) {
            case RuleFile.Usable usable -> {
                RuleSetSummary.lines(usable.rules(), catalog, catalogName(ctx, stores)).forEach(ctx.out()::println);
                yield OK;
            }
            case RuleFile.Rejected rejected -> {
                printRejected(ctx.out(), ctx.err(), rejected);
                yield RulesCommand.INVALID;
            }
        };
    }

    /** One {@code error:} line, then each problem on its own line, starting with its JSON path. */
    static void printRejected(PrintWriter out, PrintWriter err, RuleFile.Rejected rejected) {
        out.flush();
        int n = rejected.problems().size();
        err.println("error: " + rejected.source() + " is invalid (" + n + (n == 1 ? " problem" : " problems")
                + "); the planner would refuse it:");
        rejected.problems().forEach(err::println);
        err.flush();
    }

    /** {@code --stores} when given, else the global {@code --stores-file}, else the bundled catalog. */
    static StoreCatalog catalog(OperatorContext ctx, Path stores) {
        if (stores == null) {
            return ctx.catalog();
        }
        try {
            return StoreCatalog.load(Optional.of(stores));
        } catch (RuntimeException e) {
            throw new OperatorException("cannot read the store catalog " + stores + ": " + e.getMessage(), e);
        }
    }

    static String catalogName(OperatorContext ctx, Path stores) {
        if (stores != null) {
            return "store catalog " + stores;
        }
        return ctx.options().storesFile().map(p -> "store catalog " + p).orElse("the bundled store catalog");
    }
}
