package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.constructs.IConstruct;

/** Least privilege, read off the synthesized policies. */
class IamTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();
    private static final PlaceNotifyStack ST = DEV.stack();

    /** Every statement of every IAM policy attached to the role. */
    private static List<JsonNode> statements(JavaFunction fn) {
        return statements(ST.role(fn));
    }

    private static List<JsonNode> statements(IConstruct roleConstruct) {
        String role = DEV.id(roleConstruct);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode policy : DEV.resources("AWS::IAM::Policy").values()) {
            boolean attached = false;
            for (JsonNode r : policy.path("Properties").path("Roles")) {
                attached |= r.path("Ref").asText().equals(role);
            }
            if (attached) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(out::add);
            }
        }
        return out;
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        } else if (!node.isMissingNode()) {
            out.add(node.isTextual() ? node.asText() : node.toString());
        }
        return out;
    }

    /** Logical ids a resource expression refers to (Ref or Fn::GetAtt, at any depth). */
    private static Set<String> referenced(JsonNode node) {
        Set<String> ids = new HashSet<>();
        if (node.isObject()) {
            if (node.has("Ref")) {
                ids.add(node.get("Ref").asText());
            }
            if (node.has("Fn::GetAtt")) {
                ids.add(node.get("Fn::GetAtt").get(0).asText());
            }
            node.forEach(child -> ids.addAll(referenced(child)));
        } else if (node.isArray()) {
            node.forEach(child -> ids.addAll(referenced(child)));
        }
        return ids;
    }

    /** Actions allowed per logical id the role may touch. */
    private static Map<String, Set<String>> access(JavaFunction fn) {
        return access(ST.role(fn));
    }

    private static Map<String, Set<String>> access(IConstruct role) {
        Map<String, Set<String>> out = new HashMap<>();
        for (JsonNode st : statements(role)) {
            assertThat(st.path("Effect").asText()).isEqualTo("Allow");
            for (String id : referenced(st.path("Resource"))) {
                out.computeIfAbsent(id, k -> new HashSet<>()).addAll(list(st.path("Action")));
            }
        }
        return out;
    }

    private static Set<String> actionsOn(JavaFunction fn, IConstruct resource) {
        return access(fn).getOrDefault(DEV.id(resource), Set.of());
    }

    @Test
    void noWildcardActionsAndNoWildcardResourcesInAnyIdentityPolicy() {
        for (String stack : List.of("dev", "prod")) {
            Stacks.Synthesized s = stack.equals("dev") ? DEV : Stacks.prod();
            for (JsonNode policy : s.resources("AWS::IAM::Policy").values()) {
                for (JsonNode st : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                    for (String action : list(st.path("Action"))) {
                        assertThat(action).isNotEqualTo("*").doesNotEndWith(":*");
                    }
                    for (String resource : list(st.path("Resource"))) {
                        assertThat(resource).isNotEqualTo("*");
                    }
                    assertThat(st.path("Effect").asText()).isEqualTo("Allow");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void ownRoleWithoutManagedPoliciesAssumableOnlyByLambda(JavaFunction fn) {
        JsonNode role = DEV.props(ST.role(fn));
        assertThat(role.has("ManagedPolicyArns")).isFalse();
        JsonNode trust = role.path("AssumeRolePolicyDocument").path("Statement");
        assertThat(trust).hasSize(1);
        assertThat(trust.get(0).path("Principal").path("Service").asText()).isEqualTo("lambda.amazonaws.com");
        assertThat(DEV.props(ST.function(fn)).path("Role").path("Fn::GetAtt").get(0).asText()).isEqualTo(DEV.id(ST.role(fn)));
    }

    @ParameterizedTest
    @EnumSource(JavaFunction.class)
    void logsOnlyToItsOwnLogGroup(JavaFunction fn) {
        String logGroup = DEV.props(ST.function(fn)).path("LoggingConfig").path("LogGroup").path("Ref").asText();
        for (JsonNode st : statements(fn)) {
            if (list(st.path("Action")).stream().anyMatch(a -> a.startsWith("logs:"))) {
                assertThat(referenced(st.path("Resource"))).containsExactly(logGroup);
                assertThat(list(st.path("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            }
        }
    }

    @Test
    void everyRoleTouchesOnlyWhatItsStageNeeds() {
        Map<JavaFunction, Set<IConstruct>> allowed = Map.of(
                JavaFunction.SCHEDULE, Set.of(ST.queue(Topology.FETCH), ST.queue(Topology.RESULT), ST.liveConfiguration().application(),
                        ST.liveConfiguration().environment(), ST.liveConfiguration().storesProfile()),
                JavaFunction.FETCH, Set.of(ST.queue(Topology.FETCH), ST.dlq(Topology.FETCH), ST.table(Topology.SESSIONS),
                        ST.queue(Topology.SNAPSHOT), ST.queue(Topology.RESULT), ST.queue(Topology.RENEWAL),
                        ST.liveConfiguration().application(), ST.liveConfiguration().environment(),
                        ST.liveConfiguration().storesProfile()),
                JavaFunction.PLANNER, Set.of(ST.queue(Topology.SNAPSHOT), ST.dlq(Topology.SNAPSHOT), ST.table(Topology.BOOKINGS),
                        ST.queue(Topology.SMS), ST.queue(Topology.RESULT), ST.liveConfiguration().application(),
                        ST.liveConfiguration().environment(), ST.liveConfiguration().storesProfile(),
                        ST.liveConfiguration().rulesProfile()),
                JavaFunction.SENDER, Set.of(ST.queue(Topology.SMS), ST.dlq(Topology.SMS), ST.table(Topology.IDEMPOTENCY),
                        ST.queue(Topology.RESULT), ST.sensSecret(), ST.queue(Topology.DELIVERY)),
                JavaFunction.NOTIFIER, Set.of(ST.queue(Topology.RESULT), ST.table(Topology.RUNS), ST.telegramSecret(),
                        ST.slackSecret(), ST.dlq(Topology.FETCH), ST.dlq(Topology.SNAPSHOT), ST.dlq(Topology.SMS),
                        ST.dlq(Topology.RESULT), ST.dlq(Topology.RENEWAL), ST.dlq(Topology.DELIVERY),
                        ST.liveConfiguration().application(), ST.liveConfiguration().environment(),
                        ST.liveConfiguration().storesProfile()),
                JavaFunction.SWEEP, Set.of(ST.table(Topology.RUNS), ST.telegramSecret(), ST.slackSecret(), ST.dlq(Topology.FETCH),
                        ST.dlq(Topology.SNAPSHOT), ST.dlq(Topology.SMS), ST.dlq(Topology.RESULT), ST.dlq(Topology.RENEWAL),
                        ST.dlq(Topology.DELIVERY), ST.liveConfiguration().application(), ST.liveConfiguration().environment(),
                        ST.liveConfiguration().storesProfile()));
        allowed.forEach((fn, resources) -> {
            Set<String> expected = new HashSet<>();
            resources.forEach(r -> expected.add(DEV.id(r)));
            expected.add(DEV.props(ST.function(fn)).path("LoggingConfig").path("LogGroup").path("Ref").asText());
            // Pseudo parameters (AWS::Region, ...) in an ARN built by hand are not resources.
            assertThat(access(fn).keySet().stream().filter(id -> !id.startsWith("AWS::")).toList()).as(fn.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void thePlannerReadsItsTwoLiveConfigurationProfilesTheFetcherAndNotifierOnlyTheStoresProfile() {
        List<JsonNode> appConfig = statements(JavaFunction.PLANNER).stream()
                .filter(s -> list(s.path("Action")).stream().anyMatch(a -> a.startsWith("appconfig:"))).toList();
        assertThat(appConfig).singleElement().satisfies(s -> {
            assertThat(list(s.path("Action"))).containsExactlyInAnyOrder("appconfig:StartConfigurationSession",
                    "appconfig:GetLatestConfiguration");
            assertThat(list(s.path("Resource"))).hasSize(2).allSatisfy(r -> assertThat(r).doesNotContain("*"));
        });
        for (JavaFunction storesOnly : List.of(JavaFunction.SCHEDULE, JavaFunction.FETCH, JavaFunction.NOTIFIER, JavaFunction.SWEEP)) {
            List<JsonNode> reads = statements(storesOnly).stream()
                    .filter(s -> list(s.path("Action")).stream().anyMatch(a -> a.startsWith("appconfig:"))).toList();
            assertThat(reads).as(storesOnly.name()).singleElement().satisfies(s -> {
                assertThat(list(s.path("Action"))).containsExactlyInAnyOrder("appconfig:StartConfigurationSession",
                        "appconfig:GetLatestConfiguration");
                assertThat(referenced(s.path("Resource"))).as("the stores profile, not the rules")
                        .contains(DEV.id(ST.liveConfiguration().storesProfile()))
                        .doesNotContain(DEV.id(ST.liveConfiguration().rulesProfile()));
            });
        }
        assertThat(statements(JavaFunction.SENDER)).noneSatisfy(s ->
                assertThat(list(s.path("Action"))).anyMatch(a -> a.startsWith("appconfig:")));
    }

    @Test
    void senderCannotTouchOtherTablesOrSecrets() {
        Map<String, Set<String>> sender = access(JavaFunction.SENDER);
        for (TableSpec t : List.of(Topology.BOOKINGS, Topology.RUNS, Topology.SESSIONS)) {
            assertThat(sender).doesNotContainKey(DEV.id(ST.table(t)));
        }
        for (IConstruct secret : List.of(ST.telegramSecret(), ST.slackSecret(), ST.naverLoginSecret())) {
            assertThat(sender).doesNotContainKey(DEV.id(secret));
        }
        // Only its own queue: a job waiting for its afterKey is re-enqueued there as a delayed copy.
        assertThat(actionsOn(JavaFunction.SENDER, ST.queue(Topology.SMS))).contains("sqs:SendMessage");
        for (QueueSpec q : List.of(Topology.FETCH, Topology.SNAPSHOT)) {
            assertThat(actionsOn(JavaFunction.SENDER, ST.queue(q))).as(q.logicalName()).isEmpty();
        }
    }

    @Test
    void onlyThePlannerTouchesBookingsAndOnlyTheSendersJarReadsSens() {
        for (JavaFunction fn : JavaFunction.values()) {
            if (fn != JavaFunction.PLANNER) {
                assertThat(actionsOn(fn, ST.table(Topology.BOOKINGS))).as(fn.name()).isEmpty();
            }
            if (fn != JavaFunction.SENDER && fn != JavaFunction.DELIVERY_CHECK) {
                assertThat(actionsOn(fn, ST.sensSecret())).as(fn.name()).isEmpty();
            }
        }
    }

    @Test
    void consumersConsumeTheirInputIncludingVisibilityChanges() {
        Map<JavaFunction, QueueSpec> consumers = Map.of(JavaFunction.FETCH, Topology.FETCH, JavaFunction.PLANNER, Topology.SNAPSHOT,
                JavaFunction.SENDER, Topology.SMS, JavaFunction.NOTIFIER, Topology.RESULT);
        consumers.forEach((fn, spec) -> {
            assertThat(actionsOn(fn, ST.queue(spec))).as(fn.name()).contains("sqs:ReceiveMessage",
                    "sqs:DeleteMessage", "sqs:ChangeMessageVisibility");
            if (fn != JavaFunction.SENDER) { // the sender re-enqueues waiting jobs (senderCannotTouchOtherTablesOrSecrets)
                assertThat(actionsOn(fn, ST.queue(spec))).as(fn.name()).doesNotContain("sqs:SendMessage");
            }
            // Undecodable messages go straight to the stage's own DLQ.
            assertThat(actionsOn(fn, ST.dlq(spec))).as(fn.name() + " dlq").contains("sqs:SendMessage")
                    .doesNotContain("sqs:ReceiveMessage", "sqs:DeleteMessage");
        });
    }

    @Test
    void producersOnlySendToTheirOutputs() {
        assertThat(actionsOn(JavaFunction.SCHEDULE, ST.queue(Topology.FETCH))).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
        assertThat(actionsOn(JavaFunction.SCHEDULE, ST.queue(Topology.RESULT))).contains("sqs:SendMessage");
        assertThat(actionsOn(JavaFunction.FETCH, ST.queue(Topology.SNAPSHOT))).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
        assertThat(actionsOn(JavaFunction.PLANNER, ST.queue(Topology.SMS))).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
        for (JavaFunction fn : List.of(JavaFunction.FETCH, JavaFunction.PLANNER, JavaFunction.SENDER)) {
            assertThat(actionsOn(fn, ST.queue(Topology.RESULT))).as(fn.name()).contains("sqs:SendMessage")
                    .doesNotContain("sqs:ReceiveMessage");
        }
    }

    @Test
    void notifierAndSweepOnlyReadDlqCounts() {
        for (JavaFunction fn : List.of(JavaFunction.NOTIFIER, JavaFunction.SWEEP)) {
            for (QueueSpec spec : List.of(Topology.FETCH, Topology.SNAPSHOT, Topology.SMS)) {
                assertThat(actionsOn(fn, ST.dlq(spec))).as(fn + " " + spec.logicalName()).containsExactly("sqs:GetQueueAttributes");
            }
        }
        assertThat(actionsOn(JavaFunction.SWEEP, ST.dlq(Topology.RESULT))).containsExactly("sqs:GetQueueAttributes");
        assertThat(actionsOn(JavaFunction.NOTIFIER, ST.dlq(Topology.RESULT))).contains("sqs:GetQueueAttributes", "sqs:SendMessage");
    }

    @Test
    void theSessionRenewalRoleTouchesItsQueueTheSessionsTheLoginSecretAndTheResultQueueOnly() {
        Map<String, Set<String>> renewal = access(ST.renewalRole());
        Set<String> expected = new HashSet<>(List.of(DEV.id(ST.queue(Topology.RENEWAL)), DEV.id(ST.dlq(Topology.RENEWAL)),
                DEV.id(ST.table(Topology.SESSIONS)), DEV.id(ST.queue(Topology.RESULT)), DEV.id(ST.naverLoginSecret()),
                DEV.props(ST.renewalFunction()).path("LoggingConfig").path("LogGroup").path("Ref").asText()));
        assertThat(renewal.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(renewal.get(DEV.id(ST.queue(Topology.RENEWAL)))).contains("sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:ChangeMessageVisibility").doesNotContain("sqs:SendMessage");
        assertThat(renewal.get(DEV.id(ST.dlq(Topology.RENEWAL)))).contains("sqs:SendMessage");
        assertThat(renewal.get(DEV.id(ST.queue(Topology.RESULT)))).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
        // Only the renewal function reads the Naver password; the fetcher may only ask for a renewal.
        for (JavaFunction fn : JavaFunction.values()) {
            assertThat(actionsOn(fn, ST.naverLoginSecret())).as(fn.name()).isEmpty();
        }
        assertThat(actionsOn(JavaFunction.FETCH, ST.queue(Topology.RENEWAL))).contains("sqs:SendMessage").doesNotContain("sqs:ReceiveMessage");
    }

    @Test
    void secretsAreOnlyRead() {
        assertThat(actionsOn(JavaFunction.SENDER, ST.sensSecret()))
                .containsExactlyInAnyOrder("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
        assertThat(access(ST.renewalRole()).get(DEV.id(ST.naverLoginSecret())))
                .containsExactlyInAnyOrder("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
        for (JavaFunction fn : List.of(JavaFunction.NOTIFIER, JavaFunction.SWEEP)) {
            assertThat(actionsOn(fn, ST.telegramSecret()))
                    .containsExactlyInAnyOrder("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
            assertThat(actionsOn(fn, ST.slackSecret()))
                    .containsExactlyInAnyOrder("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
        }
    }

    @Test
    void schedulerMayOnlyInvokeTheLiveAliases() {
        Set<String> targets = new HashSet<>();
        for (JsonNode role : DEV.resources("AWS::IAM::Role").values()) {
            JsonNode trust = role.path("Properties").path("AssumeRolePolicyDocument").path("Statement").get(0);
            if (!trust.path("Principal").path("Service").asText().equals("scheduler.amazonaws.com")) {
                continue;
            }
            assertThat(trust.path("Condition").path("StringEquals").has("aws:SourceAccount")).isTrue();
        }
        for (JsonNode policy : DEV.resources("AWS::IAM::Policy").values()) {
            for (JsonNode st : policy.path("Properties").path("PolicyDocument").path("Statement")) {
                if (list(st.path("Action")).contains("lambda:InvokeFunction")) {
                    assertThat(list(st.path("Action"))).containsExactly("lambda:InvokeFunction");
                    targets.addAll(referenced(st.path("Resource")));
                }
            }
        }
        assertThat(targets).containsExactlyInAnyOrder(DEV.id(ST.alias(JavaFunction.SCHEDULE)), DEV.id(ST.alias(JavaFunction.SWEEP)),
                DEV.id(ST.alias(JavaFunction.DELIVERY_DIGEST)));
    }

    /** Issue 15: the delivery check reads SENS and updates records, but can never put a job on the SMS queue. */
    @Test
    void theDeliveryFunctionsTouchOnlyWhatTheyNeedAndTheCheckCannotSend() {
        Map<String, Set<String>> check = access(JavaFunction.DELIVERY_CHECK);
        Set<String> expected = new HashSet<>(Set.of(DEV.id(ST.queue(Topology.DELIVERY)), DEV.id(ST.dlq(Topology.DELIVERY)),
                DEV.id(ST.table(Topology.IDEMPOTENCY)), DEV.id(ST.queue(Topology.RESULT)), DEV.id(ST.sensSecret()),
                DEV.props(ST.function(JavaFunction.DELIVERY_CHECK)).path("LoggingConfig").path("LogGroup").path("Ref").asText()));
        assertThat(check.keySet().stream().filter(id -> !id.startsWith("AWS::")).toList()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(check).doesNotContainKey(DEV.id(ST.queue(Topology.SMS)));
        assertThat(check.get(DEV.id(ST.sensSecret()))).containsExactlyInAnyOrder("secretsmanager:GetSecretValue",
                "secretsmanager:DescribeSecret");
        Map<String, Set<String>> digest = access(JavaFunction.DELIVERY_DIGEST);
        assertThat(digest.keySet().stream().filter(id -> !id.startsWith("AWS::")).toList()).containsExactlyInAnyOrder(
                DEV.id(ST.table(Topology.RUNS)), DEV.id(ST.telegramSecret()), DEV.id(ST.slackSecret()),
                DEV.props(ST.function(JavaFunction.DELIVERY_DIGEST)).path("LoggingConfig").path("LogGroup").path("Ref").asText());
    }
}
