package dev.placenotify.infra;

import dev.placenotify.model.IndexSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.Stack;

/**
 * Every table of {@link Topology#TABLES}: on demand, TTL on the topology's attribute, point-in-time recovery, and in
 * prod deletion protection and retained on stack deletion. String keys only.
 */
final class PipelineTables {
    private final Map<TableSpec, Table> tables = new LinkedHashMap<>();

    PipelineTables(Stack scope, EnvironmentConfig config) {
        for (TableSpec spec : Topology.TABLES) {
            Table.Builder b = Table.Builder.create(scope, ConstructIds.pascal(spec.logicalName()) + "Table")
                    .tableName(spec.tableName(config.name()))
                    .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .timeToLiveAttribute(spec.ttlAttribute())
                    .pointInTimeRecoverySpecification(
                            PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
                    .deletionProtection(config.prod())
                    .removalPolicy(config.statefulRemovalPolicy());
            if (spec.hasSortKey()) {
                b.sortKey(Attribute.builder().name(spec.sortKey()).type(AttributeType.STRING).build());
            }
            Table table = b.build();
            tables.put(spec, table);
            if (!spec.indexes().isEmpty()) {
                declareIndexes(spec, (CfnTable) table.getNode().getDefaultChild());
            }
        }
    }

    /**
     * Declared on the CloudFormation resource, not through Table.addGlobalSecondaryIndex: the L2 table would then
     * widen every grant on it to table/index/*, and no function queries these indexes (the operator does).
     */
    private static void declareIndexes(TableSpec spec, CfnTable cfn) {
        Set<String> names = new LinkedHashSet<>();
        names.add(spec.partitionKey());
        if (spec.hasSortKey()) {
            names.add(spec.sortKey());
        }
        List<Map<String, Object>> indexes = new ArrayList<>();
        for (IndexSpec index : spec.indexes()) {
            names.add(index.partitionKey());
            names.add(index.sortKey());
            indexes.add(Map.of("IndexName", index.name(),
                    "KeySchema", List.of(Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                            Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                    "Projection", Map.of("ProjectionType", "ALL")));
        }
        List<Map<String, Object>> attributes = new ArrayList<>();
        names.forEach(n -> attributes.add(Map.of("AttributeName", n, "AttributeType", "S")));
        cfn.addPropertyOverride("AttributeDefinitions", attributes);
        cfn.addPropertyOverride("GlobalSecondaryIndexes", indexes);
    }

    Table table(TableSpec spec) {
        return tables.get(spec);
    }
}
