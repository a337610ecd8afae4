package dev.placenotify.operator.status;

import dev.placenotify.operator.Json;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.PipelineTarget;
import dev.placenotify.operator.ConsumerConverter;
import dev.placenotify.operator.QueueConsumer;
import dev.placenotify.operator.TextTable;
import dev.placenotify.operator.session.SessionItems;
import dev.placenotify.operator.session.SessionView;
import dev.placenotify.model.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Per stage (and per side function: session renewal, delivery checks): queue and DLQ depth, in-flight count, oldest
 * message; the latest runs; the sessions.
 */
@Command(name = "status", description = "queue and DLQ depths per stage and side function, the latest runs, the Naver sessions")
public final class StatusCommand extends OperatorCommand {
    @Option(names = "--stage", converter = ConsumerConverter.class, paramLabel = "STAGE",
            description = "only this stage's queues (fetcher|planner|sender|notifier|session-renewal|delivery-check)")
    QueueConsumer stage;

    @Option(names = "--runs", defaultValue = "5", description = "how many recent runs to show (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--json", description = "one JSON document instead of tables")
    boolean json;

    @Override
    protected int run(OperatorContext ctx) {
        PipelineTarget target = ctx.target();
        QueueProbe probe = new QueueProbe(ctx.sqs(), ctx.cloudWatch(), ctx.clock());
        List<StageHealth> stages = new ArrayList<>();
        for (QueueConsumer s : QueueConsumer.values()) {
            if (stage == null || stage == s) {
                stages.add(new StageHealth(s.displayName(), probe.sourceQueue(target.queueUrl(s.input())),
                        probe.deadLetterQueue(target.dlqUrl(s.input()))));
            }
        }
        List<RunView> recent = runs > 0 ? new RecentRuns(ctx.dynamo(), target.table(Topology.RUNS)).latest(runs) : List.of();
        List<SessionView> sessions = new SessionItems(ctx.dynamo(), target.table(Topology.SESSIONS)).all();
        StatusReport report = new StatusReport(target.describe(), ctx.clock().instant(), stages, recent, sessions);
        if (json) {
            ctx.out().println(Json.write(report));
        } else {
            print(report, ctx.out());
        }
        return OK;
    }

    private static void print(StatusReport r, PrintWriter out) {
        out.println("place-notify " + r.target() + " at " + Kst.seconds(r.at()));
        out.println();
        TextTable queues = new TextTable("STAGE", "QUEUE", "VISIBLE", "IN-FLIGHT", "OLDEST", "DLQ", "DLQ-IN-FLIGHT", "DLQ-OLDEST");
        for (StageHealth s : r.stages()) {
            queues.row(s.stage(), s.queue().name(), s.queue().visible(), s.queue().inFlight(), age(s.queue()),
                    s.dlq().visible(), s.dlq().inFlight(), age(s.dlq()));
        }
        queues.print(out);
        long dead = r.stages().stream().mapToLong(s -> s.dlq().visible() + s.dlq().inFlight()).sum();
        if (dead > 0) {
            out.println("  " + dead + " message(s) in DLQs: inspect with 'replay --stage STAGE --dry-run'");
        }
        out.println();
        out.println("Runs (latest " + r.runs().size() + ")");
        TextTable runs = new TextTable("RUN", "MODE", "CYCLE (KST)", "STATUS", "COMPLETE", "SUMMARY");
        for (RunView run : r.runs()) {
            runs.row(run.runId(), run.mode(), Kst.minutes(run.cycleAt()), run.status(),
                    run.complete() == null ? "-" : run.complete() ? "yes" : "no", run.summaryLine());
        }
        if (runs.isEmpty()) {
            out.println("  (no runs recorded)");
        } else {
            runs.print(out);
        }
        out.println();
        out.println("Sessions");
        TextTable sessions = new TextTable("ACCOUNT", "STATUS", "VALIDATED (KST)", "VERSION", "NOTE");
        for (SessionView s : r.sessions()) {
            sessions.row(s.accountId(), s.status(), Kst.minutes(s.validatedAt()), s.version(), note(s, r.at()));
        }
        if (sessions.isEmpty()) {
            out.println("  (no sessions stored: 'session import --account A --cookies FILE')");
        } else {
            sessions.print(out);
        }
    }

    private static String age(QueueHealth q) {
        if (q.oldestAgeSeconds() == null) {
            return "-";
        }
        return Kst.age(Duration.ofSeconds(q.oldestAgeSeconds())) + ("sampled".equals(q.ageSource()) ? "~" : "");
    }

    private static String note(SessionView s, Instant now) {
        if (s.loginBlocked() != null) {
            return "login blocked: " + s.loginBlocked();
        }
        if (s.renewalLeaseUntil() != null && Instant.ofEpochMilli(s.renewalLeaseUntil()).isAfter(now)) {
            return "renewing by automated login";
        }
        return "";
    }
}
