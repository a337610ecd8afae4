package dev.placenotify.operator;

import dev.placenotify.model.QueueSpec;
import dev.placenotify.model.TableSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * A deployed environment: queue URLs and table names from the outputs of the CDK stack {@code PlaceNotify-<env>}
 * ({@code FetchQueueUrl}, {@code FetchDlqUrl}, ..., {@code BookingsTableName}, ...).
 */
final class StackOutputsTarget implements PipelineTarget {
    private final String stackName;
    private final String region;
    private final Map<String, String> outputs;

    StackOutputsTarget(String stackName, String region, Map<String, String> outputs) {
        this.stackName = stackName;
        this.region = region;
        this.outputs = Map.copyOf(outputs);
    }

    static String stackName(String environment) {
        return "PlaceNotify-" + environment;
    }

    static StackOutputsTarget load(CloudFormationClient cfn, String environment, String region) {
        String name = stackName(environment);
        Stack stack;
        try {
            stack = cfn.describeStacks(b -> b.stackName(name)).stacks().stream().findFirst()
                    .orElseThrow(() -> notFound(name, region));
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                throw notFound(name, region);
            }
            throw e;
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output o : stack.outputs()) {
            outputs.put(o.outputKey(), o.outputValue());
        }
        return new StackOutputsTarget(name, region, outputs);
    }

    private static OperatorException notFound(String name, String region) {
        return new OperatorException("stack " + name + " not found in " + region
                + ": wrong --env (dev|prod) or --region, or the environment is not deployed");
    }

    /** The stack's output names, as the CDK stack creates them from Topology's logical names. */
    static String queueOutput(QueueSpec q) {
        return pascal(q.logicalName()) + "QueueUrl";
    }

    static String dlqOutput(QueueSpec q) {
        return pascal(q.logicalName()) + "DlqUrl";
    }

    static String tableOutput(TableSpec t) {
        return pascal(t.logicalName()) + "TableName";
    }

    private static String pascal(String s) {
        StringBuilder b = new StringBuilder();
        for (String part : s.split("[-_ ]")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b.toString();
    }

    @Override
    public String describe() {
        return "stack " + stackName + " (" + region + ")";
    }

    @Override
    public String queueUrl(QueueSpec queue) {
        return output(queueOutput(queue));
    }

    @Override
    public String dlqUrl(QueueSpec queue) {
        return output(dlqOutput(queue));
    }

    @Override
    public String table(TableSpec table) {
        return output(tableOutput(table));
    }

    private String output(String key) {
        String v = outputs.get(key);
        if (v == null || v.isBlank()) {
            throw new OperatorException("stack " + stackName + " has no output " + key
                    + ": deployed from an older version? Redeploy the stack (see infra-cdk/README.md)");
        }
        return v;
    }
}
