package dev.placenotify.testsupport.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.shell.SecretSource;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretsManagerSimulatorTest {
    private final SecretsManagerSimulator secrets = new SecretsManagerSimulator();
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        secrets.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create(secrets.baseUrl()))
                .region(Region.AP_NORTHEAST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        secrets.close();
    }

    @Test
    void servesGetSecretValueToTheSdk() {
        Instant before = Instant.now().minusSeconds(1);
        secrets.put("place-notify/sens", "{\"accessKey\":\"AK\",\"secretKey\":\"SK\"}");

        GetSecretValueResponse byName = client.getSecretValue(r -> r.secretId("place-notify/sens"));
        GetSecretValueResponse byArn = client.getSecretValue(r -> r.secretId(secrets.arn("place-notify/sens")));

        assertThat(byName.secretString()).isEqualTo("{\"accessKey\":\"AK\",\"secretKey\":\"SK\"}");
        assertThat(byName.name()).isEqualTo("place-notify/sens");
        assertThat(byName.arn()).isEqualTo("arn:aws:secretsmanager:ap-northeast-2:000000000000:secret:place-notify/sens");
        assertThat(byName.versionStages()).containsExactly("AWSCURRENT");
        assertThat(byName.versionId()).isNotBlank();
        assertThat(byName.createdDate()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(byArn.secretString()).isEqualTo(byName.secretString());
        assertThat(secrets.getSecretValueCount("place-notify/sens")).isEqualTo(2);
    }

    @Test
    void unknownSecretIsResourceNotFound() {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("can't find the specified secret");
        assertThat(secrets.getSecretValueCount("missing")).isEqualTo(1);
    }

    @Test
    void operatorsCanCreateAndUpdateThroughTheSdk() {
        client.createSecret(r -> r.name("place-notify/telegram").secretString("{\"botToken\":\"1\"}"));
        client.putSecretValue(r -> r.secretId("place-notify/telegram").secretString("{\"botToken\":\"2\"}"));

        assertThat(secrets.secretString("place-notify/telegram")).hasValue("{\"botToken\":\"2\"}");
        assertThat(client.getSecretValue(r -> r.secretId("place-notify/telegram")).secretString()).isEqualTo("{\"botToken\":\"2\"}");
        assertThatThrownBy(() -> client.createSecret(r -> r.name("place-notify/telegram").secretString("{}")))
                .isInstanceOf(ResourceExistsException.class);
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("nope").secretString("{}")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSecretCreatedWithoutValueHasNothingToGet() {
        client.createSecret(r -> r.name("empty"));

        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("empty"))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void countsCallsSoCachingCanBeChecked() {
        secrets.put("place-notify/naver", "{\"nidAut\":\"a\",\"nidSes\":\"s\"}");
        SecretSource source = new SecretSource(client, Duration.ofMinutes(5));

        source.json("place-notify/naver");
        source.json("place-notify/naver");
        assertThat(secrets.getSecretValueCount("place-notify/naver")).isEqualTo(1);

        client.getSecretValue(r -> r.secretId("place-notify/naver"));
        assertThat(secrets.getSecretValueCount("place-notify/naver")).isEqualTo(2);
        secrets.reset();
        assertThat(secrets.getSecretValueCount("place-notify/naver")).isZero();
    }

    @Test
    void unknownOperationsAreRefused() {
        HttpResponse<String> response = HttpCalls.post(secrets.baseUrl() + "/", "application/x-amz-json-1.1", "{}",
                Map.of("X-Amz-Target", "secretsmanager.DeleteSecret"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }
}
