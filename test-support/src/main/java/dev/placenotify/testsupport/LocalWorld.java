package dev.placenotify.testsupport;

import dev.placenotify.model.env.DeliveryCheckEnv;
import dev.placenotify.model.env.CommonEnv;
import dev.placenotify.model.items.RunsTableLayout.RunItem;
import dev.placenotify.model.items.RunsTableLayout;
import dev.placenotify.session.SessionStore;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import dev.placenotify.shell.config.AppConfigNames;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.aws.PipelineResources;
import dev.placenotify.testsupport.sim.AppConfigSimulator;
import dev.placenotify.testsupport.sim.NaverBookingSimulator;
import dev.placenotify.testsupport.sim.NaverLoginSimulator;
import dev.placenotify.testsupport.sim.SecretsManagerSimulator;
import dev.placenotify.testsupport.sim.SensSimulator;
import dev.placenotify.testsupport.sim.SlackWebhookSimulator;
import dev.placenotify.testsupport.sim.TelegramSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Everything a stage talks to, on this machine: one isolated copy of the queues and tables in the emulators,
 * the external APIs as simulators with the secrets that reach them, and the environment variables the CDK
 * stack would set. No stage runs here: a stage's own tests build its handler from {@link #env()} (one module,
 * no other stage on the classpath); the local runner's {@code LocalPipeline} adds all of them.
 *
 * <p>Why one class of this size: it is the one place that mirrors the stack's environment for every stage (the
 * {@code Options} record and the variable map are most of it); splitting them would scatter that mirror.
 */
public class LocalWorld implements AutoCloseable {
    public static final String NAVER_ACCOUNT = "default";
    public static final String NID_AUT = "local-nid-aut";
    public static final String NID_SES = "local-nid-ses";
    public static final String SENS_ACCESS_KEY = "local-access-key";
    public static final String SENS_SECRET_KEY = "local-secret-key";
    public static final String SENS_SERVICE_ID = "ncp:sms:kr:000000000000:place-notify";
    public static final String TELEGRAM_TOKEN = "123456:local-bot-token";
    public static final String TELEGRAM_CHAT = "-1001234567890";
    public static final String NAVER_USER = "owner@place-notify.local";
    public static final String NAVER_PASSWORD = "n4ver-Local!7"; // Naver passwords are 8-16 characters (the field has maxlength 16)
    /** Env marker {@link Options#withSessionRenewal()} sets: the fetcher asks for renewals, the renewal function runs. */
    protected static final String SESSION_RENEWAL = "LOCAL_SESSION_RENEWAL";
    /** Env marker {@link Options#withAppConfig(Duration)} sets: the stages read live stores and rules from {@link #appConfig}. */
    protected static final String APPCONFIG = "LOCAL_APPCONFIG";
    /** Env marker {@link Options#withDeliveryChecks()} sets: the sender enqueues delivery checks, the check function runs. */
    protected static final String DELIVERY_CHECKS = "LOCAL_DELIVERY_CHECKS";

    private final LocalAws aws;
    private final PipelineResources resources;
    private final SimulatedClock clock;
    private final Map<String, String> env;
    public final NaverBookingSimulator naver;
    public final SensSimulator sens;
    public final TelegramSimulator telegram;
    public final SlackWebhookSimulator slack;
    public final SecretsManagerSimulator secrets;
    /** Naver's login pages, for the session-renewal function's headless browser. */
    public final NaverLoginSimulator naverLogin;
    /** AWS AppConfig (data API and the control plane {@code config push} uses), or null without {@link Options#withAppConfig}. */
    public final AppConfigSimulator appConfig;

    /**
     * Tunables of a local world; {@code envOverrides} win over the defaults. {@code startStages} is for the
     * local runner's {@code LocalPipeline} (whether it starts the stages' event sources); a world has none.
     */
    public record Options(String environmentName, Path storesFile, Duration visibility, Map<String, String> envOverrides,
                          boolean startStages) {
        public static Options defaults(String environmentName) {
            return new Options(environmentName, null, Duration.ofSeconds(20), Map.of(), true);
        }

        public Options withStores(Path file) {
            return new Options(environmentName, file, visibility, envOverrides, startStages);
        }

        /** The planner decides by this rule file instead of the bundled default rules. */
        public Options withRules(Path file) {
            return withEnv(Map.of("RULES_FILE", file.toAbsolutePath().toString()));
        }

        public Options withEnv(Map<String, String> overrides) {
            Map<String, String> merged = new LinkedHashMap<>(envOverrides);
            merged.putAll(overrides);
            return new Options(environmentName, storesFile, visibility, merged, startStages);
        }

        /** Visibility timeout of every queue: short in tests that wait for a redelivery or a DLQ. */
        public Options withVisibility(Duration d) {
            return new Options(environmentName, storesFile, d, envOverrides, startStages);
        }

        /**
         * Expired sessions are renewed unattended: the fetcher sends renewal requests and the session-renewal
         * function logs in with headless Chromium (Debian's, /usr/bin) against {@link #naverLogin}.
         */
        public Options withSessionRenewal() {
            return withEnv(Map.of(SESSION_RENEWAL, "true"));
        }

        /**
         * The stages read their stores and rules live from {@link #appConfig}, an AppConfig simulator set up as the
         * CDK stack sets up a stage (application, environment, the two profiles with their JSON Schema validators, a
         * strategy), with nothing deployed: the bundled files (or {@link #withStores}/{@link #withRules}) apply until
         * {@code ./operator config push} deploys a document. Documents are re-read after {@code maxAge}.
         */
        public Options withAppConfig(Duration maxAge) {
            return withEnv(Map.of(APPCONFIG, "true", "APPCONFIG_MAX_AGE_SECONDS", Double.toString(maxAge.toMillis() / 1000.0)));
        }

        /**
         * Delivery results and UNKNOWN evidence are looked up at the SENS simulator after each send, with local delays
         * of seconds instead of minutes (first look after 2 s, then every 2 s; absence proven 5 s after the send).
         */
        public Options withDeliveryChecks() {
            return withEnv(Map.of(DELIVERY_CHECKS, "true"));
        }

        public Options withoutStages() {
            return new Options(environmentName, storesFile, visibility, envOverrides, false);
        }
    }

    protected LocalWorld(LocalAws aws, Options options, SimulatedClock clock) {
        LocalCredentials.installDefaults();
        this.aws = aws;
        this.clock = clock;
        this.resources = aws.createPipeline(options.environmentName(), options.visibility());
        this.naver = new NaverBookingSimulator(clock);
        this.sens = new SensSimulator(clock, SENS_ACCESS_KEY, SENS_SECRET_KEY, SENS_SERVICE_ID);
        this.telegram = new TelegramSimulator(clock, TELEGRAM_TOKEN);
        this.slack = new SlackWebhookSimulator(clock, "/services/T000LOCAL/B000LOCAL/localwebhooksecret");
        this.secrets = new SecretsManagerSimulator(clock);
        this.naverLogin = new NaverLoginSimulator(clock);
        for (var sim : List.of(naver, sens, telegram, slack, secrets, naverLogin)) {
            sim.start();
        }
        if ("true".equals(options.envOverrides().get(APPCONFIG))) {
            this.appConfig = new AppConfigSimulator(clock);
            appConfig.start();
        } else {
            this.appConfig = null;
        }
        naver.acceptSession(NID_AUT, NID_SES);
        naverLogin.attach(naver).setAccount(NAVER_USER, NAVER_PASSWORD);
        String prefix = "place-notify/" + options.environmentName() + "/";
        secrets.put(prefix + "sens", "{\"accessKey\":\"" + SENS_ACCESS_KEY + "\",\"secretKey\":\"" + SENS_SECRET_KEY
                + "\",\"serviceId\":\"" + SENS_SERVICE_ID + "\"}");
        secrets.put(prefix + "telegram", "{\"botToken\":\"" + TELEGRAM_TOKEN + "\",\"chatId\":\"" + TELEGRAM_CHAT + "\"}");
        secrets.put(prefix + "slack", "{\"webhookUrl\":\"" + slack.webhookUrl() + "\"}");
        secrets.put(prefix + "naver-login", "{\"username\":\"" + NAVER_USER + "\",\"password\":\"" + NAVER_PASSWORD + "\"}");
        this.env = environment(options, prefix);
        // A browser login outlasts the short visibilities tests use: a second delivery while it runs would be a
        // no-op (the claim), but the first's delete would then fail. The renewal queue keeps at least a minute.
        String renewalQueue = resources.queueUrl(Topology.RENEWAL);
        aws.sqs().setQueueAttributes(b -> b.queueUrl(renewalQueue).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(Math.max(60, options.visibility().toSeconds())))));
        importSession(NAVER_ACCOUNT, NID_AUT, NID_SES);
    }

    public static LocalWorld start(LocalAws aws, Options options, SimulatedClock clock) {
        return new LocalWorld(aws, options, clock);
    }

    private Map<String, String> environment(Options options, String secretPrefix) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put(CommonEnv.ENVIRONMENT_NAME, options.environmentName());
        e.put("AWS_REGION", "ap-northeast-2");
        e.put("SQS_ENDPOINT_URL", aws.sqsEndpoint().toString());
        e.put("DYNAMODB_ENDPOINT_URL", aws.dynamoEndpoint().toString());
        e.put("SECRETSMANAGER_ENDPOINT_URL", secrets.baseUrl());
        e.put("FETCH_QUEUE_URL", resources.queueUrl(Topology.FETCH));
        e.put("FETCH_DLQ_URL", resources.dlqUrl(Topology.FETCH));
        e.put("SNAPSHOT_QUEUE_URL", resources.queueUrl(Topology.SNAPSHOT));
        e.put("SNAPSHOT_DLQ_URL", resources.dlqUrl(Topology.SNAPSHOT));
        e.put("SMS_QUEUE_URL", resources.queueUrl(Topology.SMS));
        e.put("SMS_DLQ_URL", resources.dlqUrl(Topology.SMS));
        e.put("RESULT_QUEUE_URL", resources.queueUrl(Topology.RESULT));
        e.put("RESULT_DLQ_URL", resources.dlqUrl(Topology.RESULT));
        e.put("SESSIONS_TABLE", resources.table(Topology.SESSIONS));
        e.put("BOOKINGS_TABLE", resources.table(Topology.BOOKINGS));
        e.put("IDEMPOTENCY_TABLE", resources.table(Topology.IDEMPOTENCY));
        e.put("RUNS_TABLE", resources.table(Topology.RUNS));
        e.put("NAVER_BASE_URL", naver.baseUrl());
        e.put("NAVER_SESSION_CHECK_URL", naver.sessionCheckUrl());
        e.put("SENS_BASE_URL", sens.baseUrl());
        e.put("TELEGRAM_BASE_URL", telegram.baseUrl());
        e.put("SENS_SECRET_ID", secretPrefix + "sens");
        e.put("TELEGRAM_SECRET_ID", secretPrefix + "telegram");
        e.put("SLACK_SECRET_ID", secretPrefix + "slack");
        e.put("NAVER_LOGIN_SECRET_ID", secretPrefix + "naver-login");
        e.put("RENEWAL_DLQ_URL", resources.dlqUrl(Topology.RENEWAL));
        e.put("NAVER_LOGIN_URL", naverLogin.loginUrl());
        // Only loopback: the headless browser may reach the simulators (IP literals) and nothing else.
        e.put("CHROMIUM_EXTRA_ARGS", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        e.put("FETCH_MAX_RECEIVES", Integer.toString(Topology.FETCH.maxReceives()));
        e.put("SMS_MAX_RECEIVES", Integer.toString(Topology.SMS.maxReceives()));
        // Local retries in tens of milliseconds, not seconds: same code paths, shorter waits.
        e.put("NAVER_BACKOFF_SECONDS", "0.05");
        e.put("NAVER_REQUESTS_PER_SECOND", "0");
        e.put("SENS_BACKOFF_SECONDS", "0.05");
        e.put("RETRY_LATER_SECONDS", "1");
        e.put("MAX_RETRY_AFTER_SECONDS", "2");
        if (options.storesFile() != null) {
            e.put("STORES_FILE", options.storesFile().toString());
        }
        if (appConfig != null) {
            e.put("APPCONFIG_APPLICATION", AppConfigNames.application(options.environmentName()));
            e.put("APPCONFIG_ENVIRONMENT", AppConfigNames.environment(options.environmentName()));
            e.put("APPCONFIGDATA_ENDPOINT_URL", appConfig.baseUrl());
        }
        e.putAll(options.envOverrides());
        if ("true".equals(e.get(DELIVERY_CHECKS))) {
            e.putIfAbsent(DeliveryCheckEnv.DELIVERY_QUEUE_URL, resources.queueUrl(Topology.DELIVERY));
            e.putIfAbsent(DeliveryCheckEnv.DELIVERY_DLQ_URL, resources.dlqUrl(Topology.DELIVERY));
            e.putIfAbsent(DeliveryCheckEnv.DELIVERY_FIRST_CHECK_SECONDS, "2");
            e.putIfAbsent(DeliveryCheckEnv.DELIVERY_CHECK_MAX_INTERVAL_SECONDS, "2");
            e.putIfAbsent(DeliveryCheckEnv.DELIVERY_CHECK_DEADLINE_SECONDS, "120");
            e.putIfAbsent(DeliveryCheckEnv.EVIDENCE_WINDOW_SECONDS, "5");
        }
        if ("true".equals(e.get(SESSION_RENEWAL))) {
            e.putIfAbsent("RENEWAL_QUEUE_URL", resources.queueUrl(Topology.RENEWAL));
        }
        return Map.copyOf(e);
    }

    /** Whether expired sessions are renewed unattended here ({@link Options#withSessionRenewal()}). */
    public boolean sessionRenewal() {
        return "true".equals(env.get(SESSION_RENEWAL));
    }

    /** Stores Naver cookies for an account, as the operator CLI's {@code session import} does (same conditional write). */
    public void importSession(String accountId, String nidAut, String nidSes) {
        SessionStore store = sessions();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Long> seen = store.find(accountId).map(s -> s.version());
            if (store.importCookies(accountId, nidAut, nidSes, seen, clock.instant(), "local").isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("the session of account " + accountId + " kept changing while importing");
    }

    /** The sessions table through the contract every stage shares. */
    public SessionStore sessions() {
        return new SessionStore(aws.dynamo(), resources.table(Topology.SESSIONS));
    }

    /** Visible (+ in-flight) messages of a queue. */
    public int depth(String queueUrl, boolean includeInFlight) {
        Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        int visible = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
        int hidden = Integer.parseInt(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        return includeInFlight ? visible + hidden : visible;
    }

    /** What the runs table says about a run's summary. */
    public record RunStatus(String runId, boolean summarized, boolean complete, String summaryLine) {}

    public RunStatus runStatus(String runId) {
        Map<String, AttributeValue> item = aws().dynamo().getItem(b -> b.tableName(resources().table(Topology.RUNS))
                .consistentRead(true).key(Map.of(RunsTableLayout.PARTITION_KEY, AttributeValue.fromS(runId),
                        RunsTableLayout.SORT_KEY, AttributeValue.fromS(RunsTableLayout.RUN_ITEM)))).item();
        if (item == null || item.isEmpty()) {
            return new RunStatus(runId, false, false, null);
        }
        return new RunStatus(runId, item.containsKey(RunItem.STATUS) && RunItem.SUMMARIZED.equals(item.get(RunItem.STATUS).s()),
                item.containsKey(RunItem.COMPLETE) && item.get(RunItem.COMPLETE).bool(),
                item.containsKey(RunItem.SUMMARY_LINE) ? item.get(RunItem.SUMMARY_LINE).s() : null);
    }

    public Map<String, String> env() {
        return env;
    }

    public PipelineResources resources() {
        return resources;
    }

    public LocalAws aws() {
        return aws;
    }

    public SimulatedClock clock() {
        return clock;
    }

    public String table(TableSpec t) {
        return resources.table(t);
    }

    /** Whether every queue of this world is empty (visible and in flight). */
    protected boolean queuesEmpty() {
        for (QueueSpec q : Topology.QUEUES) {
            if (depth(resources.queueUrl(q), true) > 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        for (var sim : List.of(naver, sens, telegram, slack, secrets, naverLogin)) {
            sim.close();
        }
        if (appConfig != null) {
            appConfig.close();
        }
    }
}
