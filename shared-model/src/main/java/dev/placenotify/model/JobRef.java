package dev.placenotify.model;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * What the notifier needs to know about a job: no full number, no content. {@code customer} (the masked
 * name) and {@code phoneLast4} make the owners' per-text line ({@code 예약확정 화성 새솔점 김*수 5678}).
 */
public record JobRef(String storeId, String bookingId, @JsonAlias("kind") String rule, String label,
                     String idempotencyKey, SmsType type, String customer, String phoneLast4) {
    public JobRef {
        Required.field(storeId, "job.storeId");
        Required.field(rule, "job.rule");
        Required.field(idempotencyKey, "job.idempotencyKey");
        label = label == null || label.isBlank() ? rule : label;
    }
}
