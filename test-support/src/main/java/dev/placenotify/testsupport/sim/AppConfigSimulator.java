package dev.placenotify.testsupport.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS AppConfig on loopback, over the REST-JSON protocols SDK v2 speaks, for both of its APIs:
 *
 * <ul>
 *   <li>the data API ({@code AppConfigDataClient}, what Powertools' AppConfig provider calls):
 *       {@code POST /configurationsessions} (StartConfigurationSession, identifiers by name or id) and
 *       {@code GET /configuration?configuration_token=} (GetLatestConfiguration: the deployed document the
 *       first time and whenever it changed, an empty body otherwise, and a fresh single-use token each time);</li>
 *   <li>the control-plane calls {@code config push/show} need ({@code AppConfigClient}): list applications,
 *       environments, profiles, strategies, hosted versions and deployments; CreateHostedConfigurationVersion
 *       (with the {@code Latest-Version-Number} lock), GetHostedConfigurationVersion, ValidateConfiguration,
 *       StartDeployment and GetDeployment.</li>
 * </ul>
 *
 * StartDeployment runs the profile's JSON Schema validators first and refuses an invalid document with
 * {@code BadRequestException}, as AppConfig does. Deployments complete at once (a local all-at-once strategy);
 * {@link #rollBack} plays an alarm that rolls the latest one back. {@link #deployUnchecked} puts a document live
 * without validators, like one deployed by hand to a profile whose validator was removed. Signatures are not
 * checked; the minimum poll interval is not enforced (Powertools cannot lower it, and tests would wait a minute).
 *
 * <p>Why one class of this size: the data API and the control plane share one state (applications, profiles,
 * hosted versions, deployments); split, each half would need the other's internals.
 */
public final class AppConfigSimulator extends HttpSimulator {
    private static final String REGION = "ap-northeast-2";
    private static final Pattern DEPLOYMENT = Pattern.compile("^/applications/([^/]+)/environments/([^/]+)/deployments(?:/(\\d+))?$");
    private static final Pattern VERSIONS = Pattern.compile("^/applications/([^/]+)/configurationprofiles/([^/]+)/hostedconfigurationversions(?:/(\\d+))?$");
    private static final Pattern VALIDATORS = Pattern.compile("^/applications/([^/]+)/configurationprofiles/([^/]+)/validators$");
    private static final Pattern ENVIRONMENTS = Pattern.compile("^/applications/([^/]+)/environments$");
    private static final Pattern PROFILES = Pattern.compile("^/applications/([^/]+)/configurationprofiles$");

    record App(String id, String name) {}

    record Env(String appId, String id, String name) {}

    record Profile(String appId, String id, String name, List<String> jsonSchemas) {}

    record Strategy(String id, String name, int durationMinutes, float growthFactor, int bakeMinutes) {}

    record Version(int number, byte[] content, String contentType, String description) {}

    /** A deployment as AppConfig reports it; {@code state} COMPLETE or ROLLED_BACK here. */
    public record Deployment(String appId, String envId, String profileId, int number, int version, String strategyId,
                             String description, String state, Instant startedAt, Instant completedAt) {
        Deployment withState(String newState) {
            return new Deployment(appId, envId, profileId, number, version, strategyId, description, newState, startedAt, completedAt);
        }
    }

    private record Session(String appId, String envId, String profileId, int versionSeen) {}

    private final Map<String, App> apps = new LinkedHashMap<>();
    private final Map<String, Env> envs = new LinkedHashMap<>();
    private final Map<String, Profile> profiles = new LinkedHashMap<>();
    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final Map<String, List<Version>> versions = new LinkedHashMap<>();
    private final Map<String, List<Deployment>> deployments = new LinkedHashMap<>();
    /** (app, env, profile) -> the hosted version live there. */
    private final Map<String, Integer> live = new LinkedHashMap<>();
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Recorder<String> latestConfigurationCalls = new Recorder<>();

    public AppConfigSimulator(Clock clock) {
        super("appconfig", clock);
    }

    // ------------------------------------------------------------------ set-up and test controls

    public synchronized String createApplication(String name) {
        String id = newId();
        apps.put(id, new App(id, name));
        return id;
    }

    public synchronized String createEnvironment(String appId, String name) {
        String id = newId();
        envs.put(id, new Env(appId, id, name));
        return id;
    }

    /** A hosted profile; each schema becomes a JSON_SCHEMA validator. */
    public synchronized String createProfile(String appId, String name, List<String> jsonSchemas) {
        String id = newId();
        profiles.put(id, new Profile(appId, id, name, List.copyOf(jsonSchemas)));
        return id;
    }

    public synchronized String createStrategy(String name, int durationMinutes, int bakeMinutes) {
        String id = newId();
        strategies.put(id, new Strategy(id, name, durationMinutes, 100f, bakeMinutes));
        return id;
    }

    /** Puts {@code content} live in the environment with no validator run: a document deployed by hand. */
    public synchronized Deployment deployUnchecked(String appId, String envId, String profileId, String content) {
        Version v = addVersion(appId, profileId, content.getBytes(StandardCharsets.UTF_8), "application/json", "by hand");
        String strategy = strategies.keySet().stream().findFirst().orElseGet(() -> createStrategy("by-hand", 0, 0));
        return deploy(appId, envId, profileId, v.number(), strategy, "deployed by hand, validators skipped");
    }

    /** An alarm went off during the latest deployment: it is ROLLED_BACK and the version before it is live again. */
    public synchronized Deployment rollBack(String appId, String envId) {
        List<Deployment> list = deployments.getOrDefault(appId + "/" + envId, List.of());
        if (list.isEmpty()) {
            throw new IllegalStateException("nothing deployed to roll back");
        }
        Deployment last = list.get(list.size() - 1);
        Deployment rolled = last.withState("ROLLED_BACK");
        list.set(list.size() - 1, rolled);
        Optional<Deployment> before = list.stream().filter(d -> d.profileId().equals(last.profileId()) && d != rolled
                && d.state().equals("COMPLETE")).reduce((a, b) -> b);
        String key = liveKey(appId, envId, last.profileId());
        before.ifPresentOrElse(d -> live.put(key, d.version()), () -> live.remove(key));
        return rolled;
    }

    public synchronized List<Deployment> deployments(String appId, String envId) {
        return List.copyOf(deployments.getOrDefault(appId + "/" + envId, List.of()));
    }

    /** The document live in an environment for a profile, if any. */
    public synchronized Optional<String> liveDocument(String appId, String envId, String profileId) {
        Integer v = live.get(liveKey(appId, envId, profileId));
        return v == null ? Optional.empty() : Optional.of(new String(version(appId, profileId, v).content(), StandardCharsets.UTF_8));
    }

    /** GetLatestConfiguration calls (by profile id), answered or not: tells whether readers cache. */
    public long latestConfigurationCalls(String profileId) {
        return latestConfigurationCalls.count(profileId::equals);
    }

    @Override
    protected void clearRecordings() {
        latestConfigurationCalls.clear();
    }

    // ------------------------------------------------------------------ routing

    @Override
    protected synchronized SimResponse handle(SimRequest r) {
        String path = r.path();
        String method = r.method();
        Matcher m;
        if (method.equals("POST") && path.equals("/configurationsessions")) {
            return startSession(json(r));
        }
        if (method.equals("GET") && path.equals("/configuration")) {
            return latestConfiguration(r.queryParam("configuration_token"));
        }
        if (method.equals("GET") && path.equals("/applications")) {
            return items(apps.values().stream().map(a -> obj().put("Id", a.id()).put("Name", a.name())).toList());
        }
        if (method.equals("GET") && path.equals("/deploymentstrategies")) {
            return items(strategies.values().stream().map(AppConfigSimulator::strategyJson).toList());
        }
        if (method.equals("GET") && (m = ENVIRONMENTS.matcher(path)).matches()) {
            String app = app(m.group(1)).id();
            return items(envs.values().stream().filter(e -> e.appId().equals(app)).map(e -> obj().put("ApplicationId", app)
                    .put("Id", e.id()).put("Name", e.name()).put("State", "READY_FOR_DEPLOYMENT")).toList());
        }
        if (method.equals("GET") && (m = PROFILES.matcher(path)).matches()) {
            String app = app(m.group(1)).id();
            return items(profiles.values().stream().filter(p -> p.appId().equals(app)).map(p -> {
                ObjectNode o = obj().put("ApplicationId", app).put("Id", p.id()).put("Name", p.name())
                        .put("LocationUri", "hosted").put("Type", "AWS.Freeform");
                ArrayNode types = o.putArray("ValidatorTypes");
                if (!p.jsonSchemas().isEmpty()) {
                    types.add("JSON_SCHEMA");
                }
                return o;
            }).toList());
        }
        if ((m = VERSIONS.matcher(path)).matches()) {
            Profile p = profile(m.group(1), m.group(2));
            if (method.equals("POST") && m.group(3) == null) {
                return createVersion(p, r);
            }
            if (method.equals("GET") && m.group(3) != null) {
                return versionResponse(p, version(p.appId(), p.id(), Integer.parseInt(m.group(3))), 200);
            }
            if (method.equals("GET")) {
                List<Version> all = new ArrayList<>(versions.getOrDefault(p.appId() + "/" + p.id(), List.of()));
                java.util.Collections.reverse(all);
                return items(all.stream().map(v -> obj().put("ApplicationId", p.appId()).put("ConfigurationProfileId", p.id())
                        .put("VersionNumber", v.number()).put("ContentType", v.contentType())
                        .put("Description", v.description())).toList());
            }
        }
        if (method.equals("POST") && (m = VALIDATORS.matcher(path)).matches()) {
            Profile p = profile(m.group(1), m.group(2));
            String v = r.queryParam("configuration_version");
            if (v == null) {
                throw reject(error(400, "BadRequestException", "configuration_version is required"));
            }
            validate(p, version(p.appId(), p.id(), Integer.parseInt(v)));
            return new SimResponse(204, Map.of(), null);
        }
        if ((m = DEPLOYMENT.matcher(path)).matches()) {
            App app = app(m.group(1));
            Env env = env(app, m.group(2));
            if (method.equals("POST") && m.group(3) == null) {
                return startDeployment(app, env, json(r));
            }
            if (method.equals("GET") && m.group(3) != null) {
                int n = Integer.parseInt(m.group(3));
                return deployments(app.id(), env.id()).stream().filter(d -> d.number() == n).findFirst()
                        .map(d -> SimResponse.json(200, deploymentJson(d)))
                        .orElseThrow(() -> reject(notFound("Deployment " + n + " not found")));
            }
            if (method.equals("GET")) {
                List<Deployment> all = new ArrayList<>(deployments(app.id(), env.id()));
                java.util.Collections.reverse(all);
                return items(all.stream().map(this::deploymentJson).toList());
            }
        }
        return error(404, "ResourceNotFoundException", "the simulator does not serve " + method + " " + path);
    }

    // ------------------------------------------------------------------ data API

    private SimResponse startSession(JsonNode body) {
        App app = app(text(body, "ApplicationIdentifier"));
        Env env = env(app, text(body, "EnvironmentIdentifier"));
        Profile p = profile(app.id(), text(body, "ConfigurationProfileIdentifier"));
        String token = UUID.randomUUID().toString();
        sessions.put(token, new Session(app.id(), env.id(), p.id(), 0));
        return withRequestId(SimResponse.json(201, obj().put("InitialConfigurationToken", token)));
    }

    private SimResponse latestConfiguration(String token) {
        Session s = token == null ? null : sessions.remove(token);
        if (s == null) {
            throw reject(error(400, "BadRequestException", "The configuration token is invalid or was already used"));
        }
        latestConfigurationCalls.add(s.profileId());
        Integer liveVersion = live.get(liveKey(s.appId(), s.envId(), s.profileId()));
        int current = liveVersion == null ? 0 : liveVersion;
        String next = UUID.randomUUID().toString();
        sessions.put(next, new Session(s.appId(), s.envId(), s.profileId(), current));
        byte[] body = current == s.versionSeen() || liveVersion == null ? new byte[0] : version(s.appId(), s.profileId(), current).content();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Next-Poll-Configuration-Token", next);
        headers.put("Next-Poll-Interval-In-Seconds", "60");
        headers.put("Content-Type", liveVersion == null ? "application/octet-stream" : "application/json");
        if (liveVersion != null) {
            headers.put("Version-Label", Integer.toString(current));
        }
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return new SimResponse(200, headers, body);
    }

    // ------------------------------------------------------------------ control plane

    private SimResponse createVersion(Profile p, SimRequest r) {
        List<Version> list = versions.getOrDefault(p.appId() + "/" + p.id(), List.of());
        String lock = r.header("Latest-Version-Number");
        if (lock != null && Integer.parseInt(lock) != (list.isEmpty() ? 0 : list.get(list.size() - 1).number())) {
            throw reject(error(409, "ConflictException", "Latest-Version-Number " + lock + " is not the latest version"));
        }
        String contentType = r.header("Content-Type") == null ? "application/json" : r.header("Content-Type");
        Version v = addVersion(p.appId(), p.id(), r.body(), contentType, r.header("Description"));
        return versionResponse(p, v, 201);
    }

    private SimResponse startDeployment(App app, Env env, JsonNode body) {
        Profile p = profile(app.id(), text(body, "ConfigurationProfileId"));
        String strategyId = text(body, "DeploymentStrategyId");
        Strategy strategy = strategies.values().stream().filter(s -> s.id().equals(strategyId) || s.name().equals(strategyId))
                .findFirst().orElseThrow(() -> reject(notFound("Deployment strategy " + strategyId + " not found")));
        int number = Integer.parseInt(text(body, "ConfigurationVersion"));
        validate(p, version(app.id(), p.id(), number));
        JsonNode description = body.get("Description");
        Deployment d = deploy(app.id(), env.id(), p.id(), number, strategy.id(), description == null ? null : description.asText());
        return withRequestId(SimResponse.json(201, deploymentJson(d)));
    }

    private Deployment deploy(String appId, String envId, String profileId, int version, String strategyId, String description) {
        List<Deployment> list = deployments.computeIfAbsent(appId + "/" + envId, k -> new ArrayList<>());
        Instant now = clock.instant();
        Deployment d = new Deployment(appId, envId, profileId, list.size() + 1, version, strategyId, description, "COMPLETE", now, now);
        list.add(d);
        live.put(liveKey(appId, envId, profileId), version);
        return d;
    }

    /** AppConfig's JSON_SCHEMA validators: the document must be JSON and conform to every schema. */
    private static void validate(Profile p, Version v) {
        if (p.jsonSchemas().isEmpty()) {
            return;
        }
        JsonNode doc;
        try {
            doc = MessageCodec.mapper().readTree(v.content());
        } catch (IOException e) {
            throw reject(invalid("the configuration is not valid JSON"));
        }
        for (String schema : p.jsonSchemas()) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            Set<ValidationMessage> problems = s.validate(doc);
            if (!problems.isEmpty()) {
                throw reject(invalid("JSON Schema validation failed: " + problems.stream().map(ValidationMessage::getMessage)
                        .sorted().limit(10).toList()));
            }
        }
    }

    private Version addVersion(String appId, String profileId, byte[] content, String contentType, String description) {
        List<Version> list = versions.computeIfAbsent(appId + "/" + profileId, k -> new ArrayList<>());
        Version v = new Version(list.size() + 1, content.clone(), contentType, description);
        list.add(v);
        return v;
    }

    private Version version(String appId, String profileId, int number) {
        List<Version> list = versions.getOrDefault(appId + "/" + profileId, List.of());
        if (number < 1 || number > list.size()) {
            throw reject(notFound("Hosted configuration version " + number + " not found"));
        }
        return list.get(number - 1);
    }

    private SimResponse versionResponse(Profile p, Version v, int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Application-Id", p.appId());
        headers.put("Configuration-Profile-Id", p.id());
        headers.put("Version-Number", Integer.toString(v.number()));
        headers.put("Content-Type", v.contentType());
        if (v.description() != null) {
            headers.put("Description", v.description());
        }
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return new SimResponse(status, headers, v.content());
    }

    private ObjectNode deploymentJson(Deployment d) {
        Strategy s = strategies.get(d.strategyId());
        ObjectNode o = obj().put("ApplicationId", d.appId()).put("EnvironmentId", d.envId())
                .put("DeploymentStrategyId", d.strategyId()).put("ConfigurationProfileId", d.profileId())
                .put("DeploymentNumber", d.number()).put("ConfigurationName", profiles.get(d.profileId()).name())
                .put("ConfigurationLocationUri", "hosted").put("ConfigurationVersion", Integer.toString(d.version()))
                .put("State", d.state()).put("PercentageComplete", 100.0)
                // AppConfig's model marks these ISO 8601 (date-time), unlike REST-JSON's epoch-seconds default.
                .put("StartedAt", d.startedAt().toString())
                .put("CompletedAt", d.completedAt().toString());
        if (d.description() != null) {
            o.put("Description", d.description());
        }
        if (s != null) {
            o.put("DeploymentDurationInMinutes", s.durationMinutes()).put("GrowthType", "LINEAR")
                    .put("GrowthFactor", s.growthFactor()).put("FinalBakeTimeInMinutes", s.bakeMinutes());
        }
        return o;
    }

    private static ObjectNode strategyJson(Strategy s) {
        return obj().put("Id", s.id()).put("Name", s.name()).put("DeploymentDurationInMinutes", s.durationMinutes())
                .put("GrowthType", "LINEAR").put("GrowthFactor", s.growthFactor())
                .put("FinalBakeTimeInMinutes", s.bakeMinutes()).put("ReplicateTo", "NONE");
    }

    // ------------------------------------------------------------------ lookups and answers

    private App app(String idOrName) {
        return apps.values().stream().filter(a -> a.id().equals(idOrName) || a.name().equals(idOrName)).findFirst()
                .orElseThrow(() -> reject(notFound("Application " + idOrName + " not found")));
    }

    private Env env(App app, String idOrName) {
        return envs.values().stream().filter(e -> e.appId().equals(app.id()) && (e.id().equals(idOrName) || e.name().equals(idOrName)))
                .findFirst().orElseThrow(() -> reject(notFound("Environment " + idOrName + " not found")));
    }

    private Profile profile(String appIdOrName, String idOrName) {
        String appId = app(appIdOrName).id();
        return profiles.values().stream().filter(p -> p.appId().equals(appId) && (p.id().equals(idOrName) || p.name().equals(idOrName)))
                .findFirst().orElseThrow(() -> reject(notFound("Configuration profile " + idOrName + " not found")));
    }

    private static String liveKey(String appId, String envId, String profileId) {
        return appId + "/" + envId + "/" + profileId;
    }

    private String newId() {
        // AppConfig ids are seven lower-case letters and digits.
        return String.format("%07d", ids.incrementAndGet()).replace('0', 'a');
    }

    private static JsonNode json(SimRequest r) {
        try {
            JsonNode body = MessageCodec.mapper().readTree(r.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException malformed) {
            // answered below
        }
        throw reject(error(400, "BadRequestException", "request body is not a JSON object"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.asText().isEmpty()) {
            throw reject(error(400, "BadRequestException", field + " is required"));
        }
        return v.asText();
    }

    private static ObjectNode obj() {
        return MessageCodec.mapper().createObjectNode();
    }

    private static SimResponse items(List<ObjectNode> items) {
        ObjectNode o = obj();
        o.putArray("Items").addAll(items);
        return withRequestId(SimResponse.json(200, o));
    }

    private static SimResponse notFound(String message) {
        return error(404, "ResourceNotFoundException", message);
    }

    private static SimResponse invalid(String message) {
        ObjectNode body = obj().put("Message", message).put("Reason", "InvalidConfiguration");
        return withRequestId(SimResponse.json(400, body)).withHeader("x-amzn-ErrorType", "BadRequestException");
    }

    private static SimResponse error(int status, String type, String message) {
        return withRequestId(SimResponse.json(status, obj().put("Message", message))).withHeader("x-amzn-ErrorType", type);
    }

    private static SimResponse withRequestId(SimResponse r) {
        return r.withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    }

    /** The region the local pipeline's clients use. */
    public static String region() {
        return REGION;
    }
}
