package dev.placenotify.sender.delivery;

import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.env.SenderEnv;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.EnvConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The delivery-check function's settings, read once at cold start. The sender reads only the queue and the first
 * delay, through its own {@code SenderConfig} ({@link FirstCheckSettings}).
 *
 * @param schedule  when results are looked up again, and until when (docs/sender.md, "Delivery results")
 * @param evidence  the time window searched for an UNKNOWN send, and when its absence counts as proven
 */
public record DeliveryCheckConfig(Optional<String> queueUrl, Optional<String> dlqUrl, Optional<String> resultQueueUrl,
                                  Optional<String> idempotencyTable, AwsSettings sqs, AwsSettings dynamo, AwsSettings secrets,
                                  URI sensBaseUrl, Optional<String> sensSecretId, Duration lookupTimeout, Duration secretMaxAge,
                                  CheckSchedule schedule, UnknownEvidence evidence, int parallelism) {

    public boolean enabled() {
        return queueUrl.isPresent();
    }

    public static DeliveryCheckConfig from(EnvConfig env) {
        CheckSchedule schedule;
        try {
            schedule = new CheckSchedule(env.seconds(DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, FirstCheckSettings.DEFAULT_DELAY),
                    env.seconds(DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS, Duration.ofHours(1)),
                    env.seconds(DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, Duration.ofHours(24)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration " + DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS + " / "
                    + DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS + " / " + DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS + ": "
                    + e.getMessage(), e);
        }
        return new DeliveryCheckConfig(env.optional(DeliveryCheckEnv.DELIVERY_QUEUE_URL),
                env.optional(DeliveryCheckEnv.DELIVERY_DLQ_URL), env.optional(SenderEnv.RESULT_QUEUE_URL),
                env.optional(SenderEnv.IDEMPOTENCY_TABLE),
                AwsSettings.forService(env, CommonEnv.SQS_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.DYNAMODB_ENDPOINT_URL),
                AwsSettings.forService(env, CommonEnv.SECRETSMANAGER_ENDPOINT_URL),
                env.uri(SenderEnv.SENS_BASE_URL).orElse(URI.create("https://sens.apigw.ntruss.com")),
                env.optional(SenderEnv.SENS_SECRET_ID),
                env.seconds(DeliveryCheckEnv.SENS_LOOKUP_TIMEOUT_SECONDS, Duration.ofSeconds(5)),
                env.seconds(SenderEnv.SECRET_MAX_AGE_SECONDS, Duration.ofMinutes(5)),
                schedule,
                // The outcome is recorded up to ~7 min after the request for a sender that died while sending (found by
                // the job's redelivery after the SMS queue's 6-min visibility timeout); a direct UNKNOWN within seconds.
                new UnknownEvidence(env.seconds(DeliveryCheckEnv.EVIDENCE_LOOK_BACK_SECONDS, Duration.ofMinutes(15)),
                        env.seconds(DeliveryCheckEnv.EVIDENCE_WINDOW_SECONDS, Duration.ofMinutes(10))),
                Math.max(1, env.integer(DeliveryCheckEnv.DELIVERY_CHECK_PARALLELISM, 4)));
    }

    /** Every resource the delivery-check function works with is named (a local run may leave them all out). */
    public DeliveryCheckConfig requireFunctionSettings() {
        var settings = new java.util.LinkedHashMap<String, Optional<String>>();
        settings.put(DeliveryCheckEnv.DELIVERY_QUEUE_URL, queueUrl);
        settings.put(DeliveryCheckEnv.DELIVERY_DLQ_URL, dlqUrl);
        settings.put(SenderEnv.RESULT_QUEUE_URL, resultQueueUrl);
        settings.put(SenderEnv.IDEMPOTENCY_TABLE, idempotencyTable);
        settings.put(SenderEnv.SENS_SECRET_ID, sensSecretId);
        for (var required : settings.entrySet()) {
            if (required.getValue().isEmpty()) {
                throw new IllegalStateException("missing configuration " + required.getKey());
            }
        }
        return this;
    }
}
