package dev.placenotify.shell;

import static dev.placenotify.model.items.IdempotencyTableLayout.CLAIM_EXPIRES_AT;
import static dev.placenotify.model.items.IdempotencyTableLayout.ERROR;
import static dev.placenotify.model.items.IdempotencyTableLayout.JOB;
import static dev.placenotify.model.items.IdempotencyTableLayout.KEY;
import static dev.placenotify.model.items.IdempotencyTableLayout.OUTCOME;
import static dev.placenotify.model.items.IdempotencyTableLayout.PAYLOAD_HASH;
import static dev.placenotify.model.items.IdempotencyTableLayout.PROVIDER_REQUEST_ID;
import static dev.placenotify.model.items.IdempotencyTableLayout.RESENT_AT;
import static dev.placenotify.model.items.IdempotencyTableLayout.RESENT_BY;
import static dev.placenotify.model.items.IdempotencyTableLayout.RUN_ID;
import static dev.placenotify.model.items.IdempotencyTableLayout.SENDING_AT;
import static dev.placenotify.model.items.IdempotencyTableLayout.STATE;

import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.items.IdempotencyRecord;
import dev.placenotify.model.items.IdempotencyTableLayout;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An idempotency-table item ({@link IdempotencyTableLayout}) read as the record the sender and the operator CLI share. */
public final class IdempotencyItem {
    private IdempotencyItem() {}

    public static IdempotencyRecord record(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(str(item, KEY), IdempotencyRecord.State.valueOf(str(item, STATE)),
                item.containsKey(OUTCOME) ? OutcomeStatus.valueOf(str(item, OUTCOME)) : null,
                str(item, PAYLOAD_HASH),
                item.containsKey(CLAIM_EXPIRES_AT) ? Instant.ofEpochMilli(Long.parseLong(item.get(CLAIM_EXPIRES_AT).n())) : null,
                str(item, PROVIDER_REQUEST_ID), str(item, ERROR), str(item, RUN_ID), str(item, JOB),
                str(item, RESENT_BY), item.containsKey(RESENT_AT) ? Instant.parse(str(item, RESENT_AT)) : null,
                item.containsKey(SENDING_AT) ? Instant.parse(str(item, SENDING_AT)) : null);
    }

    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }
}
