package dev.placenotify.testsupport.aws;

import dev.placenotify.shell.AwsClients;
import dev.placenotify.shell.AwsSettings;
import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import dev.placenotify.model.Topology;
import java.net.URI;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ and dynalite together, plus the pipeline's queues and tables created from {@link Topology}
 * (the same definition the CDK stack deploys). Each call of {@link #createPipeline} makes an isolated
 * copy under its own stage name, so tests never share state.
 */
public final class LocalAws implements AutoCloseable {
    private final EmbeddedSqs sqsServer;
    private final Dynalite dynalite;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;

    private LocalAws(EmbeddedSqs sqsServer, Dynalite dynalite) {
        this.sqsServer = sqsServer;
        this.dynalite = dynalite;
        this.sqs = AwsClients.sqs(new AwsSettings(EmbeddedSqs.REGION, Optional.of(sqsServer.endpoint())));
        this.dynamo = AwsClients.dynamo(new AwsSettings(EmbeddedSqs.REGION, Optional.of(dynalite.endpoint())));
    }

    public static LocalAws start() {
        Dynalite dynalite = Dynalite.start();
        try {
            return new LocalAws(EmbeddedSqs.start(), dynalite);
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
    }

    public URI sqsEndpoint() {
        return sqsServer.endpoint();
    }

    public URI dynamoEndpoint() {
        return dynalite.endpoint();
    }

    public SqsClient sqs() {
        return sqs;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /**
     * Creates every queue with its DLQ and redrive policy, and every table, for {@code environmentName}.
     * {@code visibility} replaces the deployed 6x-timeout visibility so a local retry comes in seconds.
     */
    public PipelineResources createPipeline(String environmentName, Duration visibility) {
        Map<QueueSpec, String> queues = new LinkedHashMap<>();
        Map<QueueSpec, String> dlqs = new LinkedHashMap<>();
        for (QueueSpec q : Topology.QUEUES) {
            String dlqUrl = sqs.createQueue(b -> b.queueName(q.dlqName(environmentName)).attributes(Map.of(
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                    Long.toString(Duration.ofDays(QueueSpec.DLQ_RETENTION_DAYS).toSeconds())))).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + q.maxReceives() + "\"}";
            String url = sqs.createQueue(b -> b.queueName(q.queueName(environmentName)).attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(Math.max(1, visibility.toSeconds())),
                    QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
            queues.put(q, url);
            dlqs.put(q, dlqUrl);
        }
        Map<TableSpec, String> tables = new LinkedHashMap<>();
        for (TableSpec t : Topology.TABLES) {
            String name = t.tableName(environmentName);
            createTable(name, t);
            tables.put(t, name);
        }
        return new PipelineResources(environmentName, queues, dlqs, tables);
    }

    private void createTable(String name, TableSpec t) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> attrs = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(t.partitionKey()).keyType(KeyType.HASH).build());
        attrs.add(AttributeDefinition.builder().attributeName(t.partitionKey()).attributeType(ScalarAttributeType.S).build());
        if (t.hasSortKey()) {
            keys.add(KeySchemaElement.builder().attributeName(t.sortKey()).keyType(KeyType.RANGE).build());
            attrs.add(AttributeDefinition.builder().attributeName(t.sortKey()).attributeType(ScalarAttributeType.S).build());
        }
        List<software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (var index : t.indexes()) {
            for (String a : List.of(index.partitionKey(), index.sortKey())) {
                if (attrs.stream().noneMatch(d -> d.attributeName().equals(a))) {
                    attrs.add(AttributeDefinition.builder().attributeName(a).attributeType(ScalarAttributeType.S).build());
                }
            }
            indexes.add(software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(KeySchemaElement.builder().attributeName(index.partitionKey()).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(index.sortKey()).keyType(KeyType.RANGE).build())
                    .projection(p -> p.projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL))
                    .build());
        }
        dynamo.createTable(b -> {
            b.tableName(name).keySchema(keys).attributeDefinitions(attrs).billingMode(BillingMode.PAY_PER_REQUEST);
            if (!indexes.isEmpty()) {
                b.globalSecondaryIndexes(indexes);
            }
        });
        // dynalite may still report CREATING for a moment; the SDK's default waiter would then sleep 20 s.
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(name),
                o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50))).maxAttempts(200));
    }

    @Override
    public void close() {
        sqs.close();
        dynamo.close();
        sqsServer.close();
        dynalite.close();
    }
}
