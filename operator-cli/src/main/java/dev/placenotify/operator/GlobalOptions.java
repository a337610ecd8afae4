package dev.placenotify.operator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** The global options as one value: which pipeline, where its services answer, who acts. */
public record GlobalOptions(Optional<String> environment, Optional<String> localEnvironment, Optional<URI> endpoint,
                            Optional<URI> sqsEndpoint, Optional<URI> dynamoEndpoint, Optional<URI> appConfigEndpoint, String region, URI naverBaseUrl,
                            Optional<Path> storesFile, boolean yes, String operatorName) {

    public Optional<URI> sqs() {
        return sqsEndpoint.or(() -> endpoint);
    }

    public Optional<URI> dynamo() {
        return dynamoEndpoint.or(() -> endpoint);
    }

    public Optional<URI> appConfig() {
        return appConfigEndpoint.or(() -> endpoint);
    }

    /** The environment's name either way it was given ({@code --env} or {@code --local-env}). */
    public Optional<String> anyEnvironment() {
        return environment.or(() -> localEnvironment);
    }

    /** Any endpoint override means an emulator or LocalStack, never real AWS. */
    public boolean localEndpoints() {
        return endpoint.isPresent() || sqsEndpoint.isPresent() || dynamoEndpoint.isPresent() || appConfigEndpoint.isPresent();
    }
}
