package dev.placenotify.infra;

import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.env.FetcherEnv;
import dev.placenotify.model.env.NotifierEnv;
import dev.placenotify.model.env.PlannerEnv;
import dev.placenotify.model.env.RenewalEnv;
import dev.placenotify.model.env.SenderEnv;
import dev.placenotify.model.Topology;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each stage's own environment variables (the common ones are {@link StageFunction}'s): where its queues, tables
 * and secrets are, and the settings the stack decides. What each stage reads is its {@code *Config.from}.
 */
final class StageEnvironments {
    static final int HORIZON_DAYS = 14;
    static final int STATE_TTL_DAYS = 30;
    static final int RUN_DEADLINE_SECONDS = 600;

    private final EnvironmentConfig config;
    private final PipelineQueues queues;
    private final PipelineTables tables;
    private final PipelineSecrets secrets;

    StageEnvironments(EnvironmentConfig config, PipelineQueues queues, PipelineTables tables, PipelineSecrets secrets) {
        this.config = config;
        this.queues = queues;
        this.tables = tables;
        this.secrets = secrets;
    }

    /** Both fetcher entries (schedule and fetch) share it. */
    Map<String, String> fetcher() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(FetcherEnv.FETCH_QUEUE_URL, queues.queue(Topology.FETCH).getQueueUrl());
        env.put(FetcherEnv.FETCH_DLQ_URL, queues.dlq(Topology.FETCH).getQueueUrl());
        env.put(FetcherEnv.SNAPSHOT_QUEUE_URL, queues.queue(Topology.SNAPSHOT).getQueueUrl());
        env.put(FetcherEnv.RESULT_QUEUE_URL, queues.queue(Topology.RESULT).getQueueUrl());
        env.put(FetcherEnv.SESSIONS_TABLE, tables.table(Topology.SESSIONS).getTableName());
        env.put(FetcherEnv.RENEWAL_QUEUE_URL, queues.queue(Topology.RENEWAL).getQueueUrl());
        env.put(FetcherEnv.FETCH_MAX_RECEIVES, Integer.toString(Topology.FETCH.maxReceives()));
        env.put(FetcherEnv.HORIZON_DAYS, Integer.toString(HORIZON_DAYS));
        return env;
    }

    /** Without the AppConfig variables, which {@link LiveConfiguration} adds with the application it creates. */
    Map<String, String> planner() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PlannerEnv.SNAPSHOT_DLQ_URL, queues.dlq(Topology.SNAPSHOT).getQueueUrl());
        env.put(PlannerEnv.SMS_QUEUE_URL, queues.queue(Topology.SMS).getQueueUrl());
        env.put(PlannerEnv.RESULT_QUEUE_URL, queues.queue(Topology.RESULT).getQueueUrl());
        env.put(PlannerEnv.BOOKINGS_TABLE, tables.table(Topology.BOOKINGS).getTableName());
        env.put(PlannerEnv.STATE_TTL_DAYS, Integer.toString(STATE_TTL_DAYS));
        return env;
    }

    Map<String, String> sender() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(SenderEnv.SMS_QUEUE_URL, queues.queue(Topology.SMS).getQueueUrl());
        env.put(SenderEnv.SMS_DLQ_URL, queues.dlq(Topology.SMS).getQueueUrl());
        env.put(SenderEnv.RESULT_QUEUE_URL, queues.queue(Topology.RESULT).getQueueUrl());
        env.put(SenderEnv.IDEMPOTENCY_TABLE, tables.table(Topology.IDEMPOTENCY).getTableName());
        env.put(SenderEnv.SENS_SECRET_ID, secrets.sens().getSecretArn());
        env.put(SenderEnv.DRY_RUN, Boolean.toString(config.dryRun()));
        env.put(SenderEnv.SMS_MAX_RECEIVES, Integer.toString(Topology.SMS.maxReceives()));
        // The sender enqueues each SENT or UNKNOWN text's first delivery check.
        env.put(DeliveryCheckEnv.DELIVERY_QUEUE_URL, queues.queue(Topology.DELIVERY).getQueueUrl());
        return env;
    }

    /** The delivery-check function (the sender's jar): its queue (the next look is a delayed copy), the records, SENS. */
    Map<String, String> deliveryCheck() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(DeliveryCheckEnv.DELIVERY_QUEUE_URL, queues.queue(Topology.DELIVERY).getQueueUrl());
        env.put(DeliveryCheckEnv.DELIVERY_DLQ_URL, queues.dlq(Topology.DELIVERY).getQueueUrl());
        env.put(SenderEnv.RESULT_QUEUE_URL, queues.queue(Topology.RESULT).getQueueUrl());
        env.put(SenderEnv.IDEMPOTENCY_TABLE, tables.table(Topology.IDEMPOTENCY).getTableName());
        env.put(SenderEnv.SENS_SECRET_ID, secrets.sens().getSecretArn());
        return env;
    }

    /** The daily delivery digest (the notifier's jar): the runs table it reads and claims in, and the two channels. */
    Map<String, String> deliveryDigest() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(NotifierEnv.RESULT_DLQ_URL, queues.dlq(Topology.RESULT).getQueueUrl());
        env.put(NotifierEnv.RUNS_TABLE, tables.table(Topology.RUNS).getTableName());
        env.put(NotifierEnv.TELEGRAM_SECRET_ID, secrets.telegram().getSecretArn());
        env.put(NotifierEnv.SLACK_SECRET_ID, secrets.slack().getSecretArn());
        return env;
    }

    /** Both notifier entries (results and sweep) share it. */
    Map<String, String> notifier() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(NotifierEnv.RESULT_DLQ_URL, queues.dlq(Topology.RESULT).getQueueUrl());
        env.put(NotifierEnv.RUNS_TABLE, tables.table(Topology.RUNS).getTableName());
        env.put(NotifierEnv.TELEGRAM_SECRET_ID, secrets.telegram().getSecretArn());
        env.put(NotifierEnv.SLACK_SECRET_ID, secrets.slack().getSecretArn());
        env.put(NotifierEnv.RUN_DEADLINE_SECONDS, Integer.toString(RUN_DEADLINE_SECONDS));
        env.put(NotifierEnv.FETCH_DLQ_URL, queues.dlq(Topology.FETCH).getQueueUrl());
        env.put(NotifierEnv.SNAPSHOT_DLQ_URL, queues.dlq(Topology.SNAPSHOT).getQueueUrl());
        env.put(NotifierEnv.SMS_DLQ_URL, queues.dlq(Topology.SMS).getQueueUrl());
        env.put(NotifierEnv.RENEWAL_DLQ_URL, queues.dlq(Topology.RENEWAL).getQueueUrl());
        env.put(NotifierEnv.DELIVERY_DLQ_URL, queues.dlq(Topology.DELIVERY).getQueueUrl());
        return env;
    }

    Map<String, String> sessionRenewal() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RenewalEnv.RENEWAL_DLQ_URL, queues.dlq(Topology.RENEWAL).getQueueUrl());
        env.put(RenewalEnv.RESULT_QUEUE_URL, queues.queue(Topology.RESULT).getQueueUrl());
        env.put(RenewalEnv.SESSIONS_TABLE, tables.table(Topology.SESSIONS).getTableName());
        env.put(RenewalEnv.NAVER_LOGIN_SECRET_ID, secrets.naverLogin().getSecretArn());
        env.put(RenewalEnv.RENEWAL_MAX_RECEIVES, Integer.toString(Topology.RENEWAL.maxReceives()));
        env.put(RenewalEnv.CHROMIUM_EXTRA_ARGS, SessionRenewalFunction.CHROMIUM_ARGS);
        return env;
    }
}
