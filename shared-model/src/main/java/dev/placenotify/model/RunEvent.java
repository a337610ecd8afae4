package dev.placenotify.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the stages report to the notifier on the result queue, all under the run id. The notifier's
 * accounting is idempotent per event identity, so any of these may be delivered twice.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunStarted.class, name = "RunStarted"),
        @JsonSubTypes.Type(value = StoreFetched.class, name = "StoreFetched"),
        @JsonSubTypes.Type(value = StoreFetchFailed.class, name = "StoreFetchFailed"),
        @JsonSubTypes.Type(value = ChunkPlanned.class, name = "ChunkPlanned"),
        @JsonSubTypes.Type(value = SendOutcome.class, name = "SendOutcome"),
        @JsonSubTypes.Type(value = Alert.class, name = "Alert"),
        @JsonSubTypes.Type(value = DeliveryReported.class, name = "DeliveryReported")
})
public sealed interface RunEvent extends RunScoped
        permits RunStarted, StoreFetched, StoreFetchFailed, ChunkPlanned, SendOutcome, Alert, DeliveryReported {
    String runId();
}
