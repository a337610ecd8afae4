package dev.placenotify.operator.replay;

import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.operator.PipelineTarget;
import dev.placenotify.operator.ConsumerConverter;
import dev.placenotify.operator.QueueConsumer;
import dev.placenotify.operator.TextTable;
import dev.placenotify.operator.sends.IdempotencyItems;
import dev.placenotify.model.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves a stage's dead letters back to its input queue, each at most once: the messages in the DLQ when the
 * replay starts are counted and their ids fixed first ({@link DeadLetterCensus}), then exactly those are moved
 * ({@link DeadLetterMover}); one that comes back during the replay (its stage dead-letters it again) is left in
 * the DLQ and reported. The sender's jobs are read on the way to count the no-ops. {@code --dry-run} lists
 * what would move and moves nothing.
 */
@Command(name = "replay", description = "move a stage's DLQ messages back to its input queue, each at most once "
        + "(safe by default: confirm, or --dry-run)")
public final class ReplayCommand extends OperatorCommand {
    static final int DRY_RUN_DEFAULT_LIMIT = 100;
    static final int MAX_RATE = 500;
    /** SQS lets a standard queue hold 120,000 messages in flight; a replay holds its census, so it stays below. */
    static final int MAX_PER_REPLAY = 100_000;
    static final int DEFAULT_WATCH_SECONDS = 10;
    static final int MAX_WATCH_SECONDS = 900;

    @Option(names = "--stage", required = true, converter = ConsumerConverter.class, paramLabel = "STAGE",
            description = "fetcher|planner|sender|notifier, or the side functions session-renewal|delivery-check")
    QueueConsumer stage;

    @Option(names = "--max", paramLabel = "N", description = "move at most N of the messages (default: all, up to "
            + MAX_PER_REPLAY + ")")
    Integer max;

    @Option(names = "--rate", paramLabel = "R", description = "at most R messages a second (1.." + MAX_RATE + ")")
    Integer rate;

    @Option(names = "--watch", paramLabel = "SECONDS", defaultValue = "" + DEFAULT_WATCH_SECONDS,
            description = "after moving, watch the DLQ this long for moved messages that come back (default "
                    + DEFAULT_WATCH_SECONDS + ", 0 = do not wait)")
    int watchSeconds;

    @Option(names = "--dry-run", description = "list the messages that would move (id, store, run, error); move nothing")
    boolean dryRun;

    @Override
    protected int run(OperatorContext ctx) throws InterruptedException {
        if (max != null && max < 1) {
            throw new OperatorException("--max must be at least 1");
        }
        if (rate != null && (rate < 1 || rate > MAX_RATE)) {
            throw new OperatorException("--rate must be 1.." + MAX_RATE + " messages a second");
        }
        if (watchSeconds < 0 || watchSeconds > MAX_WATCH_SECONDS) {
            throw new OperatorException("--watch must be 0.." + MAX_WATCH_SECONDS + " seconds");
        }
        PipelineTarget target = ctx.target();
        String dlqUrl = target.dlqUrl(stage.input());
        String queueUrl = target.queueUrl(stage.input());
        String dlqName = PipelineTarget.queueName(dlqUrl);
        String queueName = PipelineTarget.queueName(queueUrl);
        PrintWriter out = ctx.out();
        long waiting = depth(ctx, dlqUrl);
        SenderNoOps noOps = stage == QueueConsumer.SENDER
                ? new SenderNoOps(new IdempotencyItems(ctx.dynamo(), target.table(Topology.IDEMPOTENCY)), () -> ctx.clock().instant()) : null;

        if (dryRun) {
            int limit = max != null ? max : DRY_RUN_DEFAULT_LIMIT;
            List<DeadLetter> letters = new DeadLetterBrowser(ctx.sqs()).list(dlqUrl, limit);
            if (letters.isEmpty()) {
                out.println(dlqName + " is empty: nothing would move.");
                return OK;
            }
            printLetters(letters, noOps, out);
            out.println("dry run: nothing moved. " + letters.size() + " listed of ~" + waiting + " in " + dlqName
                    + (letters.size() < waiting ? " (--max N lists more)" : "")
                    + "; a replay would move them to " + queueName + ".");
            return OK;
        }
        if (waiting == 0) {
            out.println(dlqName + " is empty: nothing to replay.");
            return OK;
        }
        long planned = max != null ? Math.min(max, waiting) : waiting;
        ctx.confirm("Move " + (max != null ? "up to " + planned : "all ~" + waiting) + " message(s) from " + dlqName
                + " back to " + queueName + " for the " + stage.displayName() + " to process again?");

        // The census comes after the question, so its hold does not run out while the operator reads it.
        List<String> ids = new DeadLetterCensus(ctx.sqs()).take(dlqUrl, max != null ? max : MAX_PER_REPLAY);
        if (ids.isEmpty()) {
            out.println(dlqName + " is empty: nothing to replay.");
            return OK;
        }
        String replayId = ReplayMarker.newReplayId(ctx.clock().instant());
        out.println("replay " + replayId + ": " + ids.size() + " message(s) in " + dlqName + " when the replay started"
                + (max != null && ids.size() == max ? " (--max " + max + ")" : "") + "; moving each of them once to "
                + queueName + (rate != null ? ", at most " + rate + "/s" : "") + "...");
        out.flush();
        DeadLetterMover.Outcome done = new DeadLetterMover(ctx.sqs()).move(dlqUrl, queueUrl, ids, replayId,
                rate == null ? 0 : rate, Duration.ofSeconds(watchSeconds), noOps != null ? noOps : l -> { },
                p -> {
                    out.println("  moved " + p.moved() + (p.failed() > 0 ? ", failed " + p.failed() : ""));
                    out.flush();
                });
        out.println("replayed " + done.moved() + " message(s) to " + queueName
                + (done.failed() > 0 ? "; " + done.failed() + " could not be sent and stay in the DLQ" : ""));
        if (!done.notFound().isEmpty()) {
            out.println(done.notFound().size() + " message(s) counted at the start were no longer in " + dlqName
                    + " (deleted, or held by another reader): " + String.join(", ", done.notFound()));
        }
        if (noOps != null) {
            out.println("sender: " + noOps.noOps() + " no-op(s) (idempotency key already COMPLETED" + byOutcome(noOps.noOpsByOutcome())
                    + ": acknowledged without sending), " + noOps.toSend() + " to send"
                    + (noOps.undecodable() > 0 ? ", " + noOps.undecodable() + " undecodable (will dead-letter again)" : ""));
        }
        printReturns(done, dlqName, out);
        return done.failed() > 0 ? FAILED : OK;
    }

    private void printReturns(DeadLetterMover.Outcome done, String dlqName, PrintWriter out) {
        if (done.cameBack().isEmpty()) {
            out.println(watchSeconds > 0 ? "none of them came back to " + dlqName + " within " + watchSeconds + " s"
                    : "not watched for messages coming back (--watch 0)");
        } else {
            out.println(done.cameBack().size() + " message(s) came back to " + dlqName + " during the replay and were not"
                    + " moved again (fix the cause, then replay again):");
            TextTable t = new TextTable("WAS", "MOVED AS", "NOW", "PN-STAGE", "REASON");
            for (ReturnRecogniser.CameBack back : done.cameBack()) {
                t.row(cell(back.original()), cell(back.movedAs()), back.letter().messageId(), cell(back.letter().failedStage()),
                        back.letter().reason());
            }
            t.print(out);
        }
        if (done.arrivedMeanwhile() > 0) {
            out.println(done.arrivedMeanwhile() + " other message(s) reached " + dlqName + " during the replay; they were"
                    + " not part of it and were left there");
        }
    }

    private static void printLetters(List<DeadLetter> letters, SenderNoOps noOps, PrintWriter out) {
        // Result events name their type; the other queues carry one type each.
        boolean typed = letters.stream().anyMatch(l -> l.facts().type() != null);
        List<String> header = new ArrayList<>(List.of("MESSAGE ID", "RUN", "STORE"));
        if (typed) {
            header.add("TYPE");
        }
        header.addAll(List.of("SENT (KST)", "RECEIVES"));
        if (noOps != null) {
            header.add("ON REPLAY");
        }
        // A message that came back from an earlier replay says so: replaying it again will not help by itself.
        boolean replayedBefore = letters.stream().anyMatch(l -> l.replayId() != null);
        if (replayedBefore) {
            header.add("REPLAYED BY");
        }
        header.addAll(List.of("PN-STAGE", "PN-ERROR"));
        TextTable t = new TextTable(header.toArray(String[]::new));
        for (DeadLetter l : letters) {
            List<Object> row = new ArrayList<>(List.of(l.messageId(), cell(l.facts().runId()), cell(l.facts().storeId())));
            if (typed) {
                row.add(cell(l.facts().type()));
            }
            row.addAll(List.of(Kst.minutes(l.sentAt()), l.receiveCount() == null ? "-" : l.receiveCount()));
            if (noOps != null) {
                row.add(noOps.verdict(l));
            }
            if (replayedBefore) {
                row.add(cell(l.replayId()));
            }
            row.add(cell(l.failedStage()));
            row.add(l.error() != null ? l.error() : "(redriven after max receives)");
            t.row(row.toArray());
        }
        t.print(out);
    }

    private static String cell(String s) {
        return s == null ? "-" : s;
    }

    private static String byOutcome(Map<String, Integer> byOutcome) {
        if (byOutcome.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(": ");
        byOutcome.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append(' ').append(v));
        return b.toString();
    }

    private static long depth(OperatorContext ctx, String url) {
        String v = ctx.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return v == null ? 0 : Long.parseLong(v);
    }

}
