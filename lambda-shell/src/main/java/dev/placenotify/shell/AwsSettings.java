package dev.placenotify.shell;

import dev.placenotify.model.env.CommonEnv;
import java.net.URI;
import java.util.Optional;

/**
 * Where the AWS clients point: real AWS by default, or one endpoint for a local emulator or an
 * existing LocalStack ({@code AWS_ENDPOINT_URL}, the SDK's own variable name).
 */
public record AwsSettings(String region, Optional<URI> endpoint) {
    public static AwsSettings from(EnvConfig env) {
        return new AwsSettings(env.string(CommonEnv.AWS_REGION, "ap-northeast-2"), env.uri(CommonEnv.AWS_ENDPOINT_URL));
    }

    /** Separate endpoints per service are supported because ElasticMQ and dynalite listen on different ports. */
    public static AwsSettings forService(EnvConfig env, String serviceVariable) {
        AwsSettings base = from(env);
        return env.uri(serviceVariable).map(u -> new AwsSettings(base.region(), Optional.of(u))).orElse(base);
    }
}
