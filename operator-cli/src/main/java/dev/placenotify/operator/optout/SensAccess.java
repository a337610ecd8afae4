package dev.placenotify.operator.optout;

import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import dev.placenotify.sender.SensCredentials;
import dev.placenotify.sender.optout.SensUnsubscribes;
import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.shell.SecretSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the SENS unsubscribe list is and the keys to sign with: the keys come only from the pipeline's SENS
 * secret in Secrets Manager (default {@code place-notify/<stage>/sens}, the name the stack and the local runner
 * give it), never from the command line.
 */
public final class SensAccess {
    @Option(names = "--sens-base-url", paramLabel = "URL", description = "SENS endpoint (default: ${DEFAULT-VALUE}; the simulator locally)")
    URI sensBaseUrl = URI.create("https://sens.apigw.ntruss.com");

    @Option(names = "--sens-secret-id", paramLabel = "ID",
            description = "secret with the SENS keys (default: place-notify/<stage>/sens)")
    String sensSecretId;

    @Option(names = "--secretsmanager-endpoint", paramLabel = "URL",
            description = "Secrets Manager endpoint (the local simulator; default: --endpoint, else AWS)")
    URI secretsEndpoint;

    String secretId(OperatorContext ctx) {
        if (sensSecretId != null) {
            return sensSecretId;
        }
        return ctx.options().anyEnvironment().map(s -> "place-notify/" + s + "/sens").orElseThrow(() -> new OperatorException(
                "name the environment (--env or --local-env) or the secret (--sens-secret-id)"));
    }

    SensCredentials credentials(OperatorContext ctx) {
        String id = secretId(ctx);
        Optional<URI> endpoint = Optional.ofNullable(secretsEndpoint).or(() -> ctx.options().endpoint());
        try (var client = AwsClients.secrets(new AwsSettings(ctx.options().region(), endpoint))) {
            return SensCredentials.from(new SecretSource(client, Duration.ZERO).json(id), id);
        } catch (RuntimeException e) {
            throw new OperatorException("cannot read the SENS keys from secret " + id + ": " + e.getMessage(), e);
        }
    }

    SensUnsubscribes client(OperatorContext ctx) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return new SensUnsubscribes(http, sensBaseUrl, Duration.ofSeconds(15), ctx.clock());
    }
}
