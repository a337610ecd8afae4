package dev.placenotify.shell;

import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Builds the SDK clients every stage uses, with the URL-connection HTTP client for a short cold start. */
public final class AwsClients {
    private AwsClients() {}

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(Duration.ofSeconds(20))
                .build();
    }

    private static UrlConnectionHttpClient.Builder http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(25));
    }

    public static SqsClient sqs(AwsSettings settings) {
        var b = SqsClient.builder().region(Region.of(settings.region())).httpClientBuilder(http())
                .overrideConfiguration(overrides());
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    public static DynamoDbClient dynamo(AwsSettings settings) {
        var b = DynamoDbClient.builder().region(Region.of(settings.region())).httpClientBuilder(http())
                .overrideConfiguration(overrides());
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    public static SecretsManagerClient secrets(AwsSettings settings) {
        var b = SecretsManagerClient.builder().region(Region.of(settings.region())).httpClientBuilder(http())
                .overrideConfiguration(overrides());
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    /** The AppConfig data API (live store settings and rules), read through Powertools' AppConfig provider. */
    public static AppConfigDataClient appConfigData(AwsSettings settings) {
        var b = AppConfigDataClient.builder().region(Region.of(settings.region())).httpClientBuilder(http())
                .overrideConfiguration(overrides());
        settings.endpoint().ifPresent(b::endpointOverride);
        return b.build();
    }
}
