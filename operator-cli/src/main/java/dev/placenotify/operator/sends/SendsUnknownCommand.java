package dev.placenotify.operator.sends;

import dev.placenotify.operator.Json;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.TextTable;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the UNKNOWN outcomes, recipient and text masked. */
@Command(name = "unknown", description = "list SMS whose outcome is UNKNOWN (recipient and text masked)")
public final class SendsUnknownCommand extends OperatorCommand {
    @Option(names = "--run", paramLabel = "RUN", description = "only this run's")
    String runId;

    @Option(names = "--json", description = "a JSON array instead of a table")
    boolean json;

    @Option(names = "--check", description = "ask SENS now whether it has each listed send (enqueues an evidence check;"
            + " nothing is ever sent by it): found ones become SENT, absent ones show their evidence here")
    boolean check;

    @Override
    protected int run(OperatorContext ctx) {
        List<UnknownSend> unknown = SendsCommand.items(ctx).unknown(Optional.ofNullable(runId), ctx.clock().instant()).stream()
                .map(r -> UnknownSend.of(r, ctx.clock().instant())).toList();
        if (check) {
            EvidenceChecks.enqueue(ctx, unknown);
        }
        if (json) {
            ctx.out().println(Json.write(unknown));
            return OK;
        }
        if (unknown.isEmpty()) {
            ctx.out().println("no UNKNOWN sends" + (runId == null ? "" : " in run " + runId));
            return OK;
        }
        TextTable t = new TextTable("KEY", "RUN", "WHEN (KST)", "TO", "TYPE", "NOT AFTER (KST)", "ERROR", "SENS EVIDENCE", "CONTENT");
        for (UnknownSend u : unknown) {
            t.row(u.key(), u.runId(), Kst.minutes(u.completedAt()), u.to(), u.type(),
                    Kst.minutes(u.notAfter()) + (u.expired() ? " EXPIRED" : ""),
                    u.abandoned() ? "sender died while sending (recorded UNKNOWN on its next delivery)" : u.error(),
                    u.evidenceText(), u.content());
        }
        t.print(ctx.out());
        long expired = unknown.stream().filter(UnknownSend::expired).count();
        long absent = unknown.stream().filter(UnknownSend::provenAbsent).count();
        ctx.out().println(unknown.size() + " UNKNOWN send(s). SENS may or may not have delivered them: the delivery checks look"
                + " each up at SENS (found ones become SENT and leave this list; 'sends unknown --check' asks again now)."
                + (absent > 0 ? " " + absent + " proven absent at SENS (evidence above): 'sends resend --key KEY --confirm'"
                        + " sends it again." : " Resend only with evidence or after checking the SENS console:"
                        + " 'sends resend --key KEY --confirm'.")
                + (expired > 0 ? " " + expired + " of them are EXPIRED (past their notAfter) and cannot be resent." : "")
                + (unknown.stream().anyMatch(UnknownSend::abandoned) ? " A send whose sender died is resendable once its"
                        + " next delivery (or a replay of the sms DLQ) has recorded it UNKNOWN." : ""));
        return OK;
    }
}
