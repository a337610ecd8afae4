package dev.placenotify.model.items;

import dev.placenotify.model.Topology;

/**
 * The item layout of the {@code idempotency} table: one item per idempotency key, written by the sender
 * ({@code claim → SENDING → COMPLETED}), read and, for an UNKNOWN send only, removed by the operator CLI. Resend
 * audits share the table under their own key prefixes. No AWS type here: the SDK conversion is in the shell
 * ({@code dev.placenotify.shell.IdempotencyItem}).
 */
public final class IdempotencyTableLayout {
    private IdempotencyTableLayout() {}

    public static final String KEY = Topology.IDEMPOTENCY.partitionKey();
    /** Epoch seconds after which DynamoDB removes the item (the job holds personal data). */
    public static final String EXPIRES_AT = Topology.IDEMPOTENCY.ttlAttribute();
    /** {@link IdempotencyRecord.State}. */
    public static final String STATE = "state";
    /** {@link dev.placenotify.model.OutcomeStatus}, once COMPLETED. */
    public static final String OUTCOME = "outcome";
    public static final String PAYLOAD_HASH = "payloadHash";
    /** Epoch milliseconds. */
    public static final String CLAIM_EXPIRES_AT = "claimExpiresAt";
    public static final String RUN_ID = "runId";
    public static final String STORE_ID = "storeId";
    /** The rule that planned the text (the attribute kept its first name). */
    public static final String RULE = "kind";
    /** The {@code SmsJob} as JSON: personal data, kept so an UNKNOWN send can be resent on purpose. */
    public static final String JOB = "job";
    public static final String ERROR = "error";
    /** ISO-8601 instants. */
    public static final String COMPLETED_AT = "completedAt";
    public static final String SENDING_AT = "sendingAt";
    public static final String RESENT_AT = "resentAt";
    public static final String RESENT_BY = "resentBy";
    public static final String PROVIDER_REQUEST_ID = "providerRequestId";

    /** Written by the delivery checks (docs/sender.md, "Delivery results"): the carrier's result of a SENT text. */
    public static final String DELIVERY = "delivery";
    public static final String DELIVERY_CODE = "deliveryCode";
    public static final String DELIVERY_REASON = "deliveryReason";
    public static final String DELIVERY_TELCO = "deliveryTelco";
    public static final String DELIVERY_FINAL = "deliveryFinal";
    public static final String DELIVERY_ATTEMPTS = "deliveryAttempts";
    public static final String DELIVERY_CHECKED_AT = "deliveryCheckedAt";
    /** What SENS's message list showed about an UNKNOWN send (FOUND / ABSENT / looking), and when. */
    public static final String EVIDENCE = "evidence";
    public static final String EVIDENCE_DETAIL = "evidenceDetail";
    public static final String EVIDENCE_ATTEMPTS = "evidenceAttempts";
    public static final String EVIDENCE_AT = "evidenceAt";
    /** The outcome a send was resolved from (UNKNOWN, when SENS's list proved it was sent). */
    public static final String RESOLVED_FROM = "resolvedFrom";
    /** The history indexes ({@code ./operator history}) and their keys; written by the shell's HistoryKeys. */
    public static final String BY_BOOKING = "byBooking";
    public static final String BY_PHONE = "byPhone";
    public static final String BOOKING_REF = "bookingRef";
    public static final String PHONE_HASH = "phoneHash";
}
