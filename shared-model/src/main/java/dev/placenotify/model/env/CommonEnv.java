package dev.placenotify.model.env;

import java.util.Set;

/**
 * Environment variables every function may read: the environment it runs in, Powertools and JVM settings, and where
 * the AWS services are (docs: README, "Pointing it at real AWS or an existing LocalStack").
 */
public final class CommonEnv {
    /**
     * The environment (dev, prod) the function runs in; names its resources and AppConfig environment. Called
     * STAGE_NAME until a stage came to mean a pipeline step only.
     */
    public static final String ENVIRONMENT_NAME = "ENVIRONMENT_NAME";
    /** The service name on log lines and the metrics' service dimension. */
    public static final String POWERTOOLS_SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    /** The CloudWatch namespace of the EMF metrics. */
    public static final String POWERTOOLS_METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    /** Read by Powertools at cold start: every logger at this level. */
    public static final String POWERTOOLS_LOG_LEVEL = "POWERTOOLS_LOG_LEVEL";
    /** Read by the JVM: the flags every function starts with. */
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    /** The SDK's region (set by Lambda). */
    public static final String AWS_REGION = "AWS_REGION";
    /** One endpoint for every AWS service (an emulator, LocalStack). */
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    /** SQS's own endpoint (ElasticMQ listens apart from dynalite). */
    public static final String SQS_ENDPOINT_URL = "SQS_ENDPOINT_URL";
    /** DynamoDB's own endpoint. */
    public static final String DYNAMODB_ENDPOINT_URL = "DYNAMODB_ENDPOINT_URL";
    /** Secrets Manager's own endpoint. */
    public static final String SECRETSMANAGER_ENDPOINT_URL = "SECRETSMANAGER_ENDPOINT_URL";
    /** Set by Lambda: present means running in Lambda (EMF metrics on). */
    public static final String AWS_LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";
    /** Set: emit EMF metrics outside Lambda too. */
    public static final String AWS_EMF_ENVIRONMENT = "AWS_EMF_ENVIRONMENT";
    /** A stores.json replacing the bundled one. */
    public static final String STORES_FILE = "STORES_FILE";

    private CommonEnv() {}

    /** Every name above. */
    public static Set<String> names() {
        return EnvNames.declaredIn(CommonEnv.class);
    }
}
