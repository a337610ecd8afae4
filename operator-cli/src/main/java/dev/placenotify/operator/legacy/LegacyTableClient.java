package dev.placenotify.operator.legacy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client for the legacy table when it lives elsewhere than the pipeline's tables (another
 * account, region or endpoint): {@code --legacy-profile} names the AWS profile of the legacy account,
 * else the usual credentials apply (with dummy keys last when an endpoint is given, as for emulators).
 */
final class LegacyTableClient {
    private LegacyTableClient() {}

    static DynamoDbClient open(Optional<URI> endpoint, String region, Optional<String> profile) {
        AwsCredentialsProvider credentials = profile.<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder()
                .profileName(p).build()).orElseGet(() -> endpoint.isPresent()
                ? AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()
                : DefaultCredentialsProvider.builder().build());
        var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(30)).build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                        .socketTimeout(Duration.ofSeconds(25)));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
