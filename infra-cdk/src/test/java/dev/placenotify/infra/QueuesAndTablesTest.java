package dev.placenotify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueuesAndTablesTest {
    private static final Stacks.Synthesized DEV = Stacks.dev();

    static List<QueueSpec> queues() {
        return Topology.QUEUES;
    }

    static List<TableSpec> tables() {
        return Topology.TABLES;
    }

    @Test
    void oneQueueAndOneDlqPerTopologyQueue() {
        assertThat(DEV.resources("AWS::SQS::Queue")).hasSize(2 * Topology.QUEUES.size());
    }

    @ParameterizedTest
    @MethodSource("queues")
    void queueIsBuiltFromItsSpec(QueueSpec spec) {
        JsonNode q = DEV.props(DEV.stack().queue(spec));
        assertThat(q.path("QueueName").asText()).isEqualTo(spec.queueName("dev"));
        assertThat(q.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(q.path("VisibilityTimeout").asInt()).isEqualTo(spec.visibilityTimeoutSeconds());
        JsonNode redrive = q.path("RedrivePolicy");
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(spec.maxReceives());
        assertThat(redrive.path("deadLetterTargetArn").path("Fn::GetAtt").get(0).asText())
                .isEqualTo(DEV.id(DEV.stack().dlq(spec)));
    }

    @ParameterizedTest
    @MethodSource("queues")
    void dlqKeepsMessagesFourteenDaysEncrypted(QueueSpec spec) {
        JsonNode d = DEV.props(DEV.stack().dlq(spec));
        assertThat(d.path("QueueName").asText()).isEqualTo(spec.dlqName("dev"));
        assertThat(d.path("MessageRetentionPeriod").asInt())
                .isEqualTo(QueueSpec.DLQ_RETENTION_DAYS * 24 * 3600).isEqualTo(1_209_600);
        assertThat(d.path("SqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(d.has("RedrivePolicy")).isFalse();
    }

    @Test
    void everyQueueDeniesNonTlsAccess() {
        Set<String> protectedQueues = new HashSet<>();
        for (JsonNode policy : DEV.resources("AWS::SQS::QueuePolicy").values()) {
            JsonNode p = policy.get("Properties");
            boolean denies = false;
            for (JsonNode st : p.path("PolicyDocument").path("Statement")) {
                if (st.path("Effect").asText().equals("Deny")
                        && st.path("Condition").path("Bool").path("aws:SecureTransport").asText().equals("false")) {
                    denies = true;
                }
            }
            assertThat(denies).isTrue();
            p.path("Queues").forEach(q -> protectedQueues.add(q.path("Ref").asText()));
        }
        assertThat(protectedQueues).containsExactlyInAnyOrderElementsOf(
                DEV.resources("AWS::SQS::Queue").keySet());
    }

    @ParameterizedTest
    @MethodSource("tables")
    void tableIsBuiltFromItsSpec(TableSpec spec) {
        JsonNode t = DEV.props(DEV.stack().table(spec));
        assertThat(t.path("TableName").asText()).isEqualTo(spec.tableName("dev"));
        assertThat(t.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(t.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(Topology.TTL_ATTRIBUTE);
        assertThat(t.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();
        assertThat(t.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean()).isTrue();

        List<String> keys = new ArrayList<>();
        t.path("KeySchema").forEach(k -> keys.add(k.path("KeyType").asText() + ":" + k.path("AttributeName").asText()));
        List<String> expected = new ArrayList<>(List.of("HASH:" + spec.partitionKey()));
        if (spec.hasSortKey()) {
            expected.add("RANGE:" + spec.sortKey());
        }
        assertThat(keys).isEqualTo(expected);
        t.path("AttributeDefinitions").forEach(a -> assertThat(a.path("AttributeType").asText()).isEqualTo("S"));
        java.util.Set<String> attributes = new java.util.LinkedHashSet<>(List.of(spec.partitionKey()));
        if (spec.hasSortKey()) {
            attributes.add(spec.sortKey());
        }
        List<String> indexes = new ArrayList<>();
        spec.indexes().forEach(i -> {
            attributes.add(i.partitionKey());
            attributes.add(i.sortKey());
            indexes.add(i.name() + " HASH:" + i.partitionKey() + " RANGE:" + i.sortKey() + " ALL");
        });
        assertThat(t.path("AttributeDefinitions")).hasSize(attributes.size());
        List<String> actualIndexes = new ArrayList<>();
        t.path("GlobalSecondaryIndexes").forEach(g -> actualIndexes.add(g.path("IndexName").asText() + " HASH:"
                + g.path("KeySchema").get(0).path("AttributeName").asText() + " RANGE:"
                + g.path("KeySchema").get(1).path("AttributeName").asText() + " " + g.path("Projection").path("ProjectionType").asText()));
        assertThat(actualIndexes).containsExactlyInAnyOrderElementsOf(indexes);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void devTablesMayBeDestroyedProdTablesMayNot(TableSpec spec) {
        JsonNode dev = DEV.resource(DEV.stack().table(spec));
        assertThat(dev.path("Properties").path("DeletionProtectionEnabled").asBoolean()).isFalse();
        assertThat(dev.path("DeletionPolicy").asText()).isEqualTo("Delete");

        Stacks.Synthesized prod = Stacks.prod();
        JsonNode p = prod.resource(prod.stack().table(spec));
        assertThat(p.path("Properties").path("TableName").asText()).isEqualTo(spec.tableName("prod"));
        assertThat(p.path("Properties").path("DeletionProtectionEnabled").asBoolean()).isTrue();
        assertThat(p.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(p.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
    }

    @Test
    void noStoreSettingsTable() {
        assertThat(DEV.resources("AWS::DynamoDB::Table")).hasSize(Topology.TABLES.size()).hasSize(4);
    }

    @Test
    void secretsAreCreatedWithoutAnyValue() {
        Set<String> names = new HashSet<>();
        for (JsonNode s : DEV.resources("AWS::SecretsManager::Secret").values()) {
            JsonNode p = s.get("Properties");
            names.add(p.path("Name").asText());
            assertThat(p.has("SecretString")).isFalse();
            assertThat(p.has("GenerateSecretString")).isFalse();
            assertThat(s.path("DeletionPolicy").asText()).isEqualTo("Delete");
        }
        assertThat(names).containsExactlyInAnyOrder("place-notify/dev/sens", "place-notify/dev/telegram",
                "place-notify/dev/slack", "place-notify/dev/naver-login");
        Stacks.prod().resources("AWS::SecretsManager::Secret").values()
                .forEach(s -> assertThat(s.path("DeletionPolicy").asText()).isEqualTo("Retain"));
    }
}
