package dev.placenotify.operator.backfill;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.operator.PipelineTarget;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Enqueues fetches for stores over a date window: SEED (the default) records the bookings' state without
 * texting anyone (onboarding a store, rebuilding state); NORMAL plans messages like a scheduled cycle would.
 */
@Command(name = "backfill", description = "enqueue fetches for stores over a date window (default mode seed: record state, send nothing)")
public final class BackfillCommand extends OperatorCommand {

    static final class Stores {
        @Option(names = "--store", split = ",", paramLabel = "ID", required = true, description = "store id(s), comma-separated")
        List<String> ids;

        @Option(names = "--all", required = true, description = "every enabled store of the catalog")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Stores stores;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "first reservation date (KST), e.g. 2025-10-22")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "last reservation date (KST), inclusive")
    LocalDate to;

    @Option(names = "--mode", defaultValue = "seed", paramLabel = "MODE",
            description = "seed (record state only; default) or normal (plan and send like a cycle)")
    String mode;

    @Option(names = "--dry-run", description = "print what would be enqueued; enqueue nothing")
    boolean dryRun;

    @Override
    protected int run(OperatorContext ctx) {
        FetchMode fetchMode = parseMode(mode);
        if (to.isBefore(from)) {
            throw new OperatorException("--to " + to + " is before --from " + from);
        }
        List<String> storeIds = resolveStores(ctx);
        List<BackfillRun> runs;
        try {
            runs = BackfillPlan.plan(storeIds, new DateWindow(from, to), fetchMode, ctx.clock().instant());
        } catch (IllegalArgumentException e) {
            throw new OperatorException(e.getMessage());
        }
        PrintWriter out = ctx.out();
        int fetches = runs.stream().mapToInt(r -> r.fetches().size()).sum();
        for (BackfillRun r : runs) {
            var w = r.fetches().get(0).window();
            out.println("run " + r.runId() + ": " + r.fetches().size() + " store(s) " + String.join(",", r.started().storeIds())
                    + ", reservations " + w.from() + ".." + w.to() + ", mode " + fetchMode);
        }
        if (dryRun) {
            out.println("dry run: nothing enqueued (" + runs.size() + " run(s), " + fetches + " fetch request(s)).");
            return OK;
        }
        PipelineTarget target = ctx.target();
        ctx.confirm("Enqueue " + fetches + " fetch request(s) in " + runs.size() + " run(s), mode " + fetchMode
                + (fetchMode == FetchMode.NORMAL ? " (plans and SENDS SMS like a scheduled cycle)" : " (records state, sends nothing)")
                + "?");
        QueuePublisher results = new QueuePublisher(ctx.sqs(), target.queueUrl(Topology.RESULT));
        QueuePublisher fetchQueue = new QueuePublisher(ctx.sqs(), target.queueUrl(Topology.FETCH));
        for (BackfillRun r : runs) {
            // Announced first, so the notifier knows which stores the run waits for.
            results.publish(r.started());
            fetchQueue.publishAll(r.fetches());
        }
        out.println("enqueued " + fetches + " fetch request(s). Follow with: status (runs "
                + String.join(", ", runs.stream().map(BackfillRun::runId).toList()) + ")");
        for (BackfillRun r : runs) {
            out.println("run id: " + r.runId());
        }
        return OK;
    }

    private List<String> resolveStores(OperatorContext ctx) {
        if (stores.all) {
            List<String> enabled = ctx.catalog().enabled().stream().map(StoreSettings::storeId).toList();
            if (enabled.isEmpty()) {
                throw new OperatorException("the store catalog has no enabled store");
            }
            return enabled;
        }
        List<String> ids = new ArrayList<>();
        for (String raw : stores.ids) {
            String id = raw.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (ctx.catalog().find(id).isEmpty()) {
                throw new OperatorException("store " + id + " is not in the store catalog (the fetcher would dead-letter it); known: "
                        + String.join(", ", ctx.catalog().all().stream().map(StoreSettings::storeId).toList()));
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new OperatorException("--store names no store");
        }
        return ids;
    }

    private static FetchMode parseMode(String mode) {
        try {
            return FetchMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OperatorException("--mode must be seed or normal, was " + mode);
        }
    }
}
