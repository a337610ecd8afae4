package dev.placenotify.operator.sends;

import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.model.Topology;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The only way an UNKNOWN send goes out again. Steps, each a single-item conditional write (dynalite has no
 * transactions, and none is needed): (1) an audit item {@code audit#KEY#TIMESTAMP} copies the record with
 * who and when; (2) the UNKNOWN record is deleted if it is still that record; (3) the stored job is enqueued
 * unchanged on the SMS queue. The sender then claims the key (no record = claimable) and sends it once; a
 * second copy of the job, however it arrives, finds the new record and sends nothing. If enqueueing fails the
 * record is put back, so the UNKNOWN stays listed and nothing is sent. A job past its {@code notAfter} is
 * refused as EXPIRED before anything is written.
 */
@Command(name = "resend", description = "send one UNKNOWN SMS again, deliberately (recorded with who and when)")
public final class SendsResendCommand extends OperatorCommand {
    @Option(names = "--key", required = true, description = "idempotency key, as 'sends unknown' lists it")
    String key;

    @Option(names = "--confirm", required = true,
            description = "required: you checked SENS's delivery history and the customer did not get this SMS")
    boolean confirmed;

    /**
     * A text past its {@code notAfter} (the reservation started, the evening window closed) is never sent, by the
     * sender or by an operator: it is reported EXPIRED and nothing changes, so the UNKNOWN stays listed until it
     * expires from the table.
     */
    private void refuseIfExpired(SmsJob job, Instant now) {
        if (job.expiredAt(now)) {
            throw new OperatorException("EXPIRED: " + key + " was valid until " + Kst.seconds(job.notAfter()) + " and it is now "
                    + Kst.seconds(now) + "; a stale text is never sent, so nothing was resent and nothing changed");
        }
    }

    private SmsJob readJob(StoredSend record) {
        if (record.jobJson() == null || record.jobJson().isBlank()) {
            throw new OperatorException("the record of " + key + " holds no job, so there is nothing to resend");
        }
        try {
            return MessageCodec.decode(record.jobJson(), SmsJob.class);
        } catch (RuntimeException e) {
            // A job without notAfter (stored before jobs carried one) cannot be shown to be still valid.
            throw new OperatorException("the record of " + key + " holds a job that cannot be read (" + e.getMessage()
                    + "), so whether it is still valid is unknown: refusing");
        }
    }

    @Override
    protected int run(OperatorContext ctx) {
        IdempotencyItems items = SendsCommand.items(ctx);
        StoredSend record = items.find(key).orElseThrow(() -> new OperatorException(
                "no idempotency record with key " + key + " (expired, or a typo? 'sends unknown' lists the keys)"));
        if (!record.unknown()) {
            throw new OperatorException("the record of " + key + " is " + record.state()
                    + (record.outcome() == null ? "" : " with outcome " + record.outcome())
                    + ", not UNKNOWN: only UNKNOWN sends can be resent");
        }
        SmsJob job = readJob(record);
        if (!job.idempotencyKey().equals(key)) {
            throw new OperatorException("the stored job carries key " + job.idempotencyKey() + ", not " + key + ": refusing");
        }
        refuseIfExpired(job, ctx.clock().instant());
        UnknownSend shown = UnknownSend.of(record, ctx.clock().instant());
        ctx.out().println("UNKNOWN send " + key + " (run " + record.runId() + ", to " + shown.to() + ", valid until "
                + Kst.seconds(job.notAfter()) + "): " + shown.content());
        ctx.out().println(shown.evidenceText().isEmpty()
                ? "SENS evidence: none yet (the delivery checks have not settled it; 'sends unknown --check' asks SENS now)"
                : "SENS evidence: " + shown.evidenceText());
        ctx.confirm("Resend this SMS? The customer may receive it twice if SENS did deliver it.");

        // Asked again after the question: the operator may have answered after notAfter passed.
        Instant now = ctx.clock().instant();
        refuseIfExpired(job, now);
        String who = ctx.operatorName();
        String auditKey = items.writeAudit(record, who, now);
        if (!items.deleteUnknown(record)) {
            items.finishAudit(auditKey, "ABORTED", "the record changed before it could be released");
            throw new OperatorException("the record of " + key + " changed meanwhile; nothing was resent (run 'sends unknown' again)");
        }
        String messageId;
        try {
            String queueUrl = ctx.target().queueUrl(Topology.SMS);
            messageId = ctx.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(record.jobJson())).messageId();
        } catch (SdkException | OperatorException e) {
            boolean restored = items.restore(record);
            items.finishAudit(auditKey, "ABORTED", "could not enqueue the job: " + e.getMessage());
            throw new OperatorException("could not enqueue the job (" + e.getMessage() + "); "
                    + (restored ? "the UNKNOWN record was put back, nothing will be sent"
                    : "a sender claimed the key meanwhile: see 'sends unknown' and the idempotency record"), e);
        }
        items.finishAudit(auditKey, "ENQUEUED", "sqs message " + messageId);
        ctx.out().println("resend authorized by " + who + " at " + now + "; job enqueued on the sms queue (message "
                + messageId + "). The sender sends it once; audit item " + auditKey);
        return OK;
    }
}
