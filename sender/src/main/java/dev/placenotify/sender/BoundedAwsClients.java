package dev.placenotify.sender;

import dev.placenotify.shell.AwsSettings;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The sender's DynamoDB and SQS clients: every call, the SDK's own retries included, ends within
 * {@code callTimeout}, so the sender can plan an invocation from the Lambda's remaining time. (The
 * shared clients allow 20 s per call, more than the sender keeps for recording its outcomes.)
 */
final class BoundedAwsClients {
    private BoundedAwsClients() {}

    static DynamoDbClient dynamo(AwsSettings settings, Duration callTimeout) {
        var b = DynamoDbClient.builder().region(Region.of(settings.region())).httpClientBuilder(http(callTimeout))
                .overrideConfiguration(overrides(callTimeout));
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    static SqsClient sqs(AwsSettings settings, Duration callTimeout) {
        var b = SqsClient.builder().region(Region.of(settings.region())).httpClientBuilder(http(callTimeout))
                .overrideConfiguration(overrides(callTimeout));
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static ClientOverrideConfiguration overrides(Duration callTimeout) {
        // One attempt may use the whole budget; the SDK retries only failures that come back sooner.
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(callTimeout)
                .apiCallAttemptTimeout(callTimeout)
                .build();
    }

    private static UrlConnectionHttpClient.Builder http(Duration callTimeout) {
        Duration connect = callTimeout.compareTo(Duration.ofSeconds(1)) < 0 ? callTimeout : Duration.ofSeconds(1);
        return UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(callTimeout);
    }
}
