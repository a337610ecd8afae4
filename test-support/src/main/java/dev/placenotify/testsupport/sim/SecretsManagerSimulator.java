package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Secrets Manager over the AWS JSON 1.1 protocol that SDK v2's {@code SecretsManagerClient}
 * speaks: {@code POST /} with {@code X-Amz-Target: secretsmanager.<Operation>}. Serves
 * GetSecretValue, PutSecretValue and CreateSecret; signatures are not checked. Counts
 * GetSecretValue calls per secret so tests can see whether callers cache.
 */
public final class SecretsManagerSimulator extends HttpSimulator {
    public static final String REGION = "ap-northeast-2";
    public static final String ACCOUNT_ID = "000000000000";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final String ARN_PREFIX = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT_ID + ":secret:";

    /** A secret's current version; {@code secretString} is null for a secret created without a value. */
    private record StoredSecret(String name, String secretString, String versionId, Instant createdDate) {}

    private final Map<String, StoredSecret> secrets = new ConcurrentHashMap<>();
    private final Recorder<String> getSecretValueCalls = new Recorder<>();

    public SecretsManagerSimulator() {
        this(Clock.systemUTC());
    }

    public SecretsManagerSimulator(Clock clock) {
        super("secretsmanager", clock);
    }

    /** Creates the secret or gives it a new current version. */
    public void put(String name, String secretString) {
        Objects.requireNonNull(name, "name");
        secrets.put(name, new StoredSecret(name, Objects.requireNonNull(secretString, "secretString"),
                UUID.randomUUID().toString(), clock.instant()));
    }

    /** The current value, e.g. to check what an operator tool stored. */
    public Optional<String> secretString(String name) {
        return Optional.ofNullable(secrets.get(name)).map(StoredSecret::secretString);
    }

    public String arn(String name) {
        return ARN_PREFIX + name;
    }

    /** GetSecretValue calls for this secret (by name or ARN), answered or not. */
    public long getSecretValueCount(String name) {
        return getSecretValueCalls.count(name::equals);
    }

    /** Names asked for by GetSecretValue, in arrival order. */
    public List<String> getSecretValueCalls() {
        return getSecretValueCalls.snapshot();
    }

    @Override
    protected SimResponse handle(SimRequest request) {
        String target = request.header("X-Amz-Target");
        if (!request.method().equals("POST") || !request.path().equals("/") || target == null || !target.startsWith(TARGET_PREFIX)) {
            return error(400, "UnknownOperationException", "unknown operation");
        }
        JsonNode body = body(request);
        return switch (target.substring(TARGET_PREFIX.length())) {
            case "GetSecretValue" -> getSecretValue(body);
            case "PutSecretValue" -> putSecretValue(body);
            case "CreateSecret" -> createSecret(body);
            default -> error(400, "UnknownOperationException", "the simulator does not serve " + target);
        };
    }

    @Override
    protected void clearRecordings() {
        getSecretValueCalls.clear();
    }

    private SimResponse getSecretValue(JsonNode body) {
        String name = nameOf(required(body, "SecretId"));
        getSecretValueCalls.add(name);
        StoredSecret secret = secrets.get(name);
        if (secret == null || secret.secretString() == null || !asksForCurrent(body, secret)) {
            return notFound();
        }
        ObjectNode answer = identity(secret);
        answer.put("SecretString", secret.secretString());
        answer.putArray("VersionStages").add("AWSCURRENT");
        answer.put("CreatedDate", BigDecimal.valueOf(secret.createdDate().toEpochMilli(), 3));
        return ok(answer);
    }

    private SimResponse putSecretValue(JsonNode body) {
        String name = nameOf(required(body, "SecretId"));
        String value = required(body, "SecretString");
        StoredSecret updated = secrets.computeIfPresent(name,
                (key, old) -> new StoredSecret(name, value, versionId(body), clock.instant()));
        if (updated == null) {
            return notFound();
        }
        ObjectNode answer = identity(updated);
        answer.putArray("VersionStages").add("AWSCURRENT");
        return ok(answer);
    }

    private SimResponse createSecret(JsonNode body) {
        String name = required(body, "Name");
        JsonNode value = body.get("SecretString");
        StoredSecret created = new StoredSecret(name, value == null ? null : value.asText(),
                value == null ? null : versionId(body), clock.instant());
        if (secrets.putIfAbsent(name, created) != null) {
            return error(400, "ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        return ok(identity(created));
    }

    /** Only the current version is kept: asking for another one finds nothing. */
    private static boolean asksForCurrent(JsonNode body, StoredSecret secret) {
        JsonNode stage = body.get("VersionStage");
        JsonNode versionId = body.get("VersionId");
        return (stage == null || stage.asText().equals("AWSCURRENT"))
                && (versionId == null || versionId.asText().equals(secret.versionId()));
    }

    private ObjectNode identity(StoredSecret secret) {
        ObjectNode answer = MessageCodec.mapper().createObjectNode();
        answer.put("ARN", arn(secret.name()));
        answer.put("Name", secret.name());
        if (secret.versionId() != null) {
            answer.put("VersionId", secret.versionId());
        }
        return answer;
    }

    /** The SDK fills ClientRequestToken with a fresh UUID; Secrets Manager uses it as the version id. */
    private static String versionId(JsonNode body) {
        JsonNode token = body.get("ClientRequestToken");
        return token != null && token.isTextual() ? token.asText() : UUID.randomUUID().toString();
    }

    private static String nameOf(String secretId) {
        return secretId.startsWith(ARN_PREFIX) ? secretId.substring(ARN_PREFIX.length()) : secretId;
    }

    private static JsonNode body(SimRequest request) {
        try {
            JsonNode body = MessageCodec.mapper().readTree(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException malformed) {
            // answered below
        }
        throw reject(error(400, "SerializationException", "request body is not a JSON object"));
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw reject(error(400, "ValidationException", field + " is required"));
        }
        return value.asText();
    }

    private static SimResponse ok(ObjectNode answer) {
        return withAwsHeaders(SimResponse.json(200, answer), null);
    }

    private static SimResponse notFound() {
        return error(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    private static SimResponse error(int status, String type, String message) {
        ObjectNode body = MessageCodec.mapper().createObjectNode().put("__type", type).put("message", message);
        return withAwsHeaders(SimResponse.json(status, body), type);
    }

    private static SimResponse withAwsHeaders(SimResponse response, String errorType) {
        SimResponse withType = response.withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        return errorType == null ? withType : withType.withHeader("x-amzn-ErrorType", errorType);
    }
}
