package dev.placenotify.operator.budget;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.sends.IdempotencyItems;
import dev.placenotify.operator.sends.StoredSend;
import dev.placenotify.sender.budget.BudgetCaps.Scope;
import dev.placenotify.sender.budget.BudgetLedger;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import dev.placenotify.operator.OperatorException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@code budget show|release}: what the sender's budget guard counted and held for a run, and the one way held
 * texts go out after all. A release lets the held keys pass both caps (the counters' {@code allowed} sets),
 * removes their "held" records (only if still that record) and enqueues their stored jobs once more; the sender
 * then claims and sends each once. A job past its {@code notAfter} is never released.
 */
@Command(name = "budget", description = "texts held by the budget guard: show a run's counters, release held texts",
        subcommands = {BudgetCommand.Show.class, BudgetCommand.Release.class})
public final class BudgetCommand implements Runnable {
    static final String HELD_PREFIX = "held: budget";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: show or release");
    }

    static BudgetLedger ledger(OperatorContext ctx) {
        return new BudgetLedger(ctx.dynamo(), ctx.target().table(Topology.IDEMPOTENCY), Duration.ofDays(30));
    }

    /** The stores to look at: the one named, else every store of the catalog. */
    static List<String> stores(OperatorContext ctx, String store) {
        return store != null ? List.of(store) : ctx.catalog().all().stream().map(s -> s.storeId()).toList();
    }

    @Command(name = "show", description = "a run's budget counters: texts counted, estimated cost, held and released")
    public static final class Show extends OperatorCommand {
        @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "run id, e.g. c20251022T1400")
        String runId;

        @Option(names = "--store", paramLabel = "ID", description = "one store (default: every store of the catalog)")
        String store;

        @Override
        protected int run(OperatorContext ctx) {
            BudgetLedger ledger = ledger(ctx);
            print(ctx, "run " + runId, ledger.read(runId, Scope.RUN, null));
            for (String s : stores(ctx, store)) {
                BudgetLedger.Counter c = ledger.read(runId, Scope.STORE, s);
                if (c.texts() > 0 || !c.held().isEmpty() || store != null) {
                    print(ctx, "store " + s, c);
                }
            }
            return OK;
        }

        private static void print(OperatorContext ctx, String what, BudgetLedger.Counter c) {
            ctx.out().println(what + ": " + c.texts() + " texts counted, " + c.costKrw() + " KRW estimated, " + c.held().size()
                    + " held, " + c.allowed().size() + " released" + (c.alertedAt() == null ? "" : "; alerted at " + c.alertedAt()));
        }
    }

    @Command(name = "release", description = "send the texts the budget guard held in a run after all (dry run; --yes releases)")
    public static final class Release extends OperatorCommand {
        @Option(names = "--run", required = true, paramLabel = "RUN_ID", description = "run id, as the alert names it")
        String runId;

        @Option(names = "--store", paramLabel = "ID", description = "only this store's held texts (default: every store)")
        String store;

        @Override
        protected int run(OperatorContext ctx) {
            BudgetLedger ledger = ledger(ctx);
            IdempotencyItems items = new IdempotencyItems(ctx.dynamo(), ctx.target().table(Topology.IDEMPOTENCY));
            // Released keys too: a release that stopped half way put their records back, and they are still held.
            BudgetLedger.Counter run = ledger.read(runId, Scope.RUN, null);
            TreeSet<String> keys = new TreeSet<>(run.held());
            keys.addAll(run.allowed());
            for (String s : stores(ctx, store)) {
                BudgetLedger.Counter c = ledger.read(runId, Scope.STORE, s);
                keys.addAll(c.held());
                keys.addAll(c.allowed());
            }
            if (store != null) {
                keys.removeIf(k -> !k.startsWith(store + ":"));
            }
            Instant now = ctx.clock().instant();
            List<Held> releasable = new ArrayList<>();
            int expired = 0;
            int gone = 0;
            for (String key : keys) {
                StoredSend r = items.find(key).orElse(null);
                if (r == null || !"SKIPPED".equals(r.outcome()) || r.error() == null || !r.error().startsWith(HELD_PREFIX)) {
                    gone++; // released before (sent since, or on its way)
                    continue;
                }
                SmsJob job = MessageCodec.decode(r.jobJson(), SmsJob.class);
                if (job.expiredAt(now)) {
                    expired++;
                    continue;
                }
                releasable.add(new Held(r, job));
            }
            ctx.out().println("run " + runId + (store == null ? "" : ", store " + store) + ": " + (releasable.size() + expired)
                    + " held, " + releasable.size() + " still valid to send, " + expired + " past their notAfter (never sent), " + gone
                    + " released before");
            if (releasable.isEmpty()) {
                return OK;
            }
            if (!ctx.options().yes()) {
                ctx.out().println("dry run: would release " + releasable.size() + " text(s), e.g. "
                        + releasable.get(0).record().key() + " (valid until " + Kst.seconds(releasable.get(0).job().notAfter())
                        + "); pass --yes to send them");
                return OK;
            }
            String queue = ctx.target().queueUrl(Topology.SMS);
            int sent = 0;
            for (Held h : releasable) {
                SmsJob job = h.job();
                // Allowed first: once the record is gone and the job enqueued, the sender must let it pass the caps.
                ledger.allow(BudgetLedger.counterKey(runId, Scope.STORE, job.storeId()), List.of(job.idempotencyKey()));
                ledger.allow(BudgetLedger.counterKey(runId, Scope.RUN, null), List.of(job.idempotencyKey()));
                if (!deleteHeld(ctx, h.record())) {
                    continue;
                }
                try {
                    ctx.sqs().sendMessage(b -> b.queueUrl(queue).messageBody(h.record().jobJson()));
                } catch (SdkException | OperatorException e) {
                    // Put the held record back, so the text stays held (and listed) rather than lost between the two.
                    boolean restored = items.restore(h.record());
                    throw new OperatorException("could not enqueue " + h.record().key() + " (" + e.getMessage() + "); "
                            + sent + " released before it; " + (restored ? "its held record was put back: run the release again"
                            : "a sender claimed the key meanwhile: see 'history'"), e);
                }
                sent++;
            }
            ctx.out().println("released " + sent + " text(s) of run " + runId + " by " + ctx.operatorName() + " at " + now
                    + "; enqueued on the sms queue, the sender sends each once");
            return OK;
        }

        private static boolean deleteHeld(OperatorContext ctx, StoredSend seen) {
            try {
                ctx.dynamo().deleteItem(b -> b.tableName(ctx.target().table(Topology.IDEMPOTENCY))
                        .key(Map.of("key", AttributeValue.fromS(seen.key())))
                        .conditionExpression("outcome = :skipped AND payloadHash = :h AND begins_with(#err, :held)")
                        .expressionAttributeNames(Map.of("#err", "error"))
                        .expressionAttributeValues(Map.of(":skipped", AttributeValue.fromS("SKIPPED"),
                                ":h", AttributeValue.fromS(seen.payloadHash()), ":held", AttributeValue.fromS(HELD_PREFIX))));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
    }

    private record Held(StoredSend record, SmsJob job) {}

}
