package dev.placenotify.operator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.appconfig.AppConfigClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one CLI invocation, built on first use. Against AWS the default credential chain
 * applies; against local endpoints the usual sources are tried first and dummy keys follow, because
 * emulators accept anything but the SDK insists on having some.
 */
final class AwsAccess implements AutoCloseable {
    private final GlobalOptions options;
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SqsClient sqs;
    private DynamoDbClient dynamo;
    private CloudFormationClient cloudFormation;
    private CloudWatchClient cloudWatch;
    private AppConfigClient appConfig;

    AwsAccess(GlobalOptions options) {
        this.options = options;
        this.credentials = options.localEndpoints()
                ? AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()
                : DefaultCredentialsProvider.builder().build();
    }

    synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = track(configure(SqsClient.builder(), options.sqs()).build());
        }
        return sqs;
    }

    synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = track(configure(DynamoDbClient.builder(), options.dynamo()).build());
        }
        return dynamo;
    }

    synchronized CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = track(configure(CloudFormationClient.builder(), options.endpoint()).build());
        }
        return cloudFormation;
    }

    synchronized AppConfigClient appConfig() {
        if (appConfig == null) {
            appConfig = track(configure(AppConfigClient.builder(), options.appConfig()).build());
        }
        return appConfig;
    }

    /** CloudWatch only against AWS (or one LocalStack endpoint): the local emulators have none. */
    synchronized Optional<CloudWatchClient> cloudWatch() {
        if (options.localEndpoints() && options.endpoint().isEmpty()) {
            return Optional.empty();
        }
        if (cloudWatch == null) {
            cloudWatch = track(configure(CloudWatchClient.builder(), options.endpoint()).build());
        }
        return Optional.of(cloudWatch);
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
        builder.region(Region.of(options.region())).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(30)).build());
        endpoint.ifPresent(builder::endpointOverride);
        // Every service artifact is built with the URL-connection client; the others are excluded.
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3))
                    .socketTimeout(Duration.ofSeconds(25)));
        }
        return builder;
    }

    private <T extends AutoCloseable> T track(T client) {
        opened.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing an HTTP client cannot fail in a way the operator could act on
            }
        }
    }
}
