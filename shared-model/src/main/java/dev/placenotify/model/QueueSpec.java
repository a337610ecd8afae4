package dev.placenotify.model;

/**
 * One stage's input queue and its DLQ, as both the CDK stack and the local emulator create them.
 * Visibility is 6x the consumer's timeout, as AWS advises for Lambda event sources.
 */
public record QueueSpec(String logicalName, int maxReceives, int consumerTimeoutSeconds, int batchSize,
                        int batchingWindowSeconds, int maxConcurrency) {
    public static final int DLQ_RETENTION_DAYS = 14;

    public int visibilityTimeoutSeconds() {
        return consumerTimeoutSeconds * 6;
    }

    public String queueName(String environmentName) {
        return "place-notify-" + environmentName + "-" + logicalName;
    }

    public String dlqName(String environmentName) {
        return queueName(environmentName) + "-dlq";
    }
}
