package dev.placenotify.infra;

import dev.placenotify.shell.Topology;
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

    private final StageConfig config;
    private final PipelineQueues queues;
    private final PipelineTables tables;
    private final PipelineSecrets secrets;

    StageEnvironments(StageConfig config, PipelineQueues queues, PipelineTables tables, PipelineSecrets secrets) {
        this.config = config;
        this.queues = queues;
        this.tables = tables;
        this.secrets = secrets;
    }

    /** Both fetcher entries (schedule and fetch) share it. */
    Map<String, String> fetcher() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FETCH_QUEUE_URL", queues.queue(Topology.FETCH).getQueueUrl());
        env.put("FETCH_DLQ_URL", queues.dlq(Topology.FETCH).getQueueUrl());
        env.put("SNAPSHOT_QUEUE_URL", queues.queue(Topology.SNAPSHOT).getQueueUrl());
        env.put("RESULT_QUEUE_URL", queues.queue(Topology.RESULT).getQueueUrl());
        env.put("SESSIONS_TABLE", tables.table(Topology.SESSIONS).getTableName());
        env.put("RENEWAL_QUEUE_URL", queues.queue(Topology.RENEWAL).getQueueUrl());
        env.put("FETCH_MAX_RECEIVES", Integer.toString(Topology.FETCH.maxReceives()));
        env.put("HORIZON_DAYS", Integer.toString(HORIZON_DAYS));
        return env;
    }

    /** Without the AppConfig variables, which {@link LiveConfiguration} adds with the application it creates. */
    Map<String, String> planner() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SNAPSHOT_DLQ_URL", queues.dlq(Topology.SNAPSHOT).getQueueUrl());
        env.put("SMS_QUEUE_URL", queues.queue(Topology.SMS).getQueueUrl());
        env.put("RESULT_QUEUE_URL", queues.queue(Topology.RESULT).getQueueUrl());
        env.put("BOOKINGS_TABLE", tables.table(Topology.BOOKINGS).getTableName());
        env.put("STATE_TTL_DAYS", Integer.toString(STATE_TTL_DAYS));
        return env;
    }

    Map<String, String> sender() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SMS_QUEUE_URL", queues.queue(Topology.SMS).getQueueUrl());
        env.put("SMS_DLQ_URL", queues.dlq(Topology.SMS).getQueueUrl());
        env.put("RESULT_QUEUE_URL", queues.queue(Topology.RESULT).getQueueUrl());
        env.put("IDEMPOTENCY_TABLE", tables.table(Topology.IDEMPOTENCY).getTableName());
        env.put("SENS_SECRET_ID", secrets.sens().getSecretArn());
        env.put("DRY_RUN", Boolean.toString(config.dryRun()));
        env.put("SMS_MAX_RECEIVES", Integer.toString(Topology.SMS.maxReceives()));
        return env;
    }

    /** Both notifier entries (results and sweep) share it. */
    Map<String, String> notifier() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RESULT_DLQ_URL", queues.dlq(Topology.RESULT).getQueueUrl());
        env.put("RUNS_TABLE", tables.table(Topology.RUNS).getTableName());
        env.put("TELEGRAM_SECRET_ID", secrets.telegram().getSecretArn());
        env.put("SLACK_SECRET_ID", secrets.slack().getSecretArn());
        env.put("RUN_DEADLINE_SECONDS", Integer.toString(RUN_DEADLINE_SECONDS));
        env.put("FETCH_DLQ_URL", queues.dlq(Topology.FETCH).getQueueUrl());
        env.put("SNAPSHOT_DLQ_URL", queues.dlq(Topology.SNAPSHOT).getQueueUrl());
        env.put("SMS_DLQ_URL", queues.dlq(Topology.SMS).getQueueUrl());
        return env;
    }

    Map<String, String> sessionRenewal() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RENEWAL_DLQ_URL", queues.dlq(Topology.RENEWAL).getQueueUrl());
        env.put("RESULT_QUEUE_URL", queues.queue(Topology.RESULT).getQueueUrl());
        env.put("SESSIONS_TABLE", tables.table(Topology.SESSIONS).getTableName());
        env.put("NAVER_LOGIN_SECRET_ID", secrets.naverLogin().getSecretArn());
        env.put("RENEWAL_MAX_RECEIVES", Integer.toString(Topology.RENEWAL.maxReceives()));
        env.put("CHROMIUM_EXTRA_ARGS", SessionRenewalFunction.CHROMIUM_ARGS);
        return env;
    }
}
