package dev.placenotify.notifier;

import java.net.URI;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Kills one notifier instance at a chosen point, as far as the runs table can tell: from the moment the
 * switch trips, every DynamoDB call of the client it is installed in throws {@link ProcessDied} (an
 * {@link Error}, so no {@code catch (RuntimeException)} in the stage carries on as if it were a
 * failed write). Whatever the instance wrote before stays; nothing it would write after reaches the
 * table, exactly as if Lambda had stopped the process there. A fresh instance (another client) is
 * untouched and plays the takeover.
 */
final class CrashSwitch implements ExecutionInterceptor {
    private volatile boolean dead;
    private volatile Predicate<SdkRequest> dieAfter = request -> false;

    /** Thrown into the dying instance at its next DynamoDB call. */
    static final class ProcessDied extends Error {
        ProcessDied() {
            super("simulated process death", null, false, false);
        }
    }

    /** A real SDK client on the emulator with this switch installed. */
    DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().region(Region.AP_NORTHEAST_2).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
    }

    /** The process dies now: its next DynamoDB call (and every later one) fails. */
    void trip() {
        dead = true;
    }

    /** The process dies right after the first call matching {@code request} has been applied by DynamoDB. */
    void tripAfter(Predicate<SdkRequest> request) {
        dieAfter = request;
    }

    boolean tripped() {
        return dead;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (dead) {
            throw new ProcessDied();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!dead && dieAfter.test(context.request())) {
            dead = true;
            throw new ProcessDied();
        }
    }
}
