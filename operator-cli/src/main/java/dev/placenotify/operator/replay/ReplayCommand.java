package dev.placenotify.operator.replay;

import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.operator.PipelineTarget;
import dev.placenotify.operator.StageConverter;
import dev.placenotify.operator.TextTable;
import dev.placenotify.operator.sends.IdempotencyItems;
import dev.placenotify.shell.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Moves a stage's dead letters back to its input queue. Two paths:
 * <ul>
 *   <li>SQS's move task (StartMessageMoveTask, {@code --rate} as its MaxNumberOfMessagesPerSecond) for
 *       fetcher, planner and notifier without {@code --max};</li>
 *   <li>a move by hand (receive, send, delete) with {@code --max}, and always for the sender, whose jobs the
 *       CLI must read to count the no-ops.</li>
 * </ul>
 * {@code --dry-run} lists what would move and moves nothing.
 */
@Command(name = "replay", description = "move a stage's DLQ messages back to its input queue (safe by default: confirm, or --dry-run)")
public final class ReplayCommand extends OperatorCommand {
    static final int DRY_RUN_DEFAULT_LIMIT = 100;
    static final int MAX_TASK_RATE = 500;

    @Option(names = "--stage", required = true, converter = StageConverter.class, paramLabel = "STAGE",
            description = "fetcher|planner|sender|notifier")
    Topology.Stage stage;

    @Option(names = "--max", paramLabel = "N", description = "move at most N messages (moves them one batch at a time)")
    Integer max;

    @Option(names = "--rate", paramLabel = "R", description = "at most R messages a second")
    Integer rate;

    @Option(names = "--dry-run", description = "list the messages that would move (id, store, run, error); move nothing")
    boolean dryRun;

    @Override
    protected int run(OperatorContext ctx) throws InterruptedException {
        if (max != null && max < 1) {
            throw new OperatorException("--max must be at least 1");
        }
        if (rate != null && (rate < 1 || rate > MAX_TASK_RATE)) {
            throw new OperatorException("--rate must be 1.." + MAX_TASK_RATE + " messages a second");
        }
        PipelineTarget target = ctx.target();
        String dlqUrl = target.dlqUrl(stage.input());
        String queueUrl = target.queueUrl(stage.input());
        String dlqName = PipelineTarget.queueName(dlqUrl);
        String queueName = PipelineTarget.queueName(queueUrl);
        PrintWriter out = ctx.out();
        long waiting = depth(ctx, dlqUrl);
        SenderNoOps noOps = stage == Topology.Stage.SENDER
                ? new SenderNoOps(new IdempotencyItems(ctx.dynamo(), target.table(Topology.IDEMPOTENCY))) : null;

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
                + " back to " + queueName + " for the " + stage.lowerName() + " to process again?");
        if (noOps != null || max != null) {
            return moveByHand(ctx, dlqUrl, queueUrl, max != null ? max : Integer.MAX_VALUE, noOps, out);
        }
        return moveWithTask(ctx, dlqUrl, queueUrl, out);
    }

    private int moveByHand(OperatorContext ctx, String dlqUrl, String queueUrl, int limit, SenderNoOps noOps,
                           PrintWriter out) throws InterruptedException {
        out.println("moving message by message" + (rate != null ? " at most " + rate + "/s" : "") + "...");
        out.flush();
        ManualMover.Progress done = new ManualMover(ctx.sqs()).move(dlqUrl, queueUrl, limit, rate == null ? 0 : rate,
                noOps != null ? noOps : l -> { },
                p -> {
                    out.println("  moved " + p.moved() + (p.failed() > 0 ? ", failed " + p.failed() : ""));
                    out.flush();
                });
        out.println("replayed " + done.moved() + " message(s) to " + PipelineTarget.queueName(queueUrl)
                + (done.failed() > 0 ? "; " + done.failed() + " could not be sent and stay in the DLQ" : ""));
        if (noOps != null) {
            out.println("sender: " + noOps.noOps() + " no-op(s) (idempotency key already COMPLETED" + byOutcome(noOps.noOpsByOutcome())
                    + ": acknowledged without sending), " + noOps.toSend() + " to send"
                    + (noOps.undecodable() > 0 ? ", " + noOps.undecodable() + " undecodable (will dead-letter again)" : ""));
        }
        return done.failed() > 0 ? FAILED : OK;
    }

    private int moveWithTask(OperatorContext ctx, String dlqUrl, String queueUrl, PrintWriter out) throws InterruptedException {
        String dlqArn = arn(ctx, dlqUrl);
        String queueArn = arn(ctx, queueUrl);
        out.println("started SQS message move task" + (rate != null ? " at most " + rate + "/s" : "") + "...");
        out.flush();
        MoveTask.State end = new MoveTask(ctx.sqs(), Duration.ofMillis(500)).run(dlqArn, queueArn, rate, s -> {
            out.println("  " + s.status().toLowerCase(java.util.Locale.ROOT) + ": moved " + s.moved()
                    + (s.running() ? ", ~" + s.toMove() + " to go" : ""));
            out.flush();
        });
        if (!"COMPLETED".equals(end.status())) {
            throw new OperatorException("the move task ended " + end.status()
                    + (end.failureReason() == null ? "" : ": " + end.failureReason()));
        }
        out.println("replayed " + end.moved() + " message(s) to " + PipelineTarget.queueName(queueUrl));
        return OK;
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

    private static String arn(OperatorContext ctx, String url) {
        return ctx.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
