package dev.placenotify.operator;

import dev.placenotify.model.StoreCatalog;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One command's view of the world: output, clock, confirmation, and the pipeline it operates on. */
public final class OperatorContext implements AutoCloseable {
    private final GlobalOptions options;
    private final Clock clock;
    private final Terminal terminal;
    private final PrintWriter out;
    private final PrintWriter err;
    private final AwsAccess aws;
    private PipelineTarget target;
    private StoreCatalog catalog;

    OperatorContext(GlobalOptions options, Clock clock, Terminal terminal, PrintWriter out, PrintWriter err) {
        this.options = options;
        this.clock = clock;
        this.terminal = terminal;
        this.out = out;
        this.err = err;
        this.aws = new AwsAccess(options);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Clock clock() {
        return clock;
    }

    public Terminal terminal() {
        return terminal;
    }

    public GlobalOptions options() {
        return options;
    }

    public SqsClient sqs() {
        return aws.sqs();
    }

    public DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    public software.amazon.awssdk.services.appconfig.AppConfigClient appConfig() {
        return aws.appConfig();
    }

    public Optional<CloudWatchClient> cloudWatch() {
        return aws.cloudWatch();
    }

    public URI naverBaseUrl() {
        return options.naverBaseUrl();
    }

    public String operatorName() {
        return options.operatorName();
    }

    /** The pipeline named by {@code --env} or {@code --local-env}; exactly one is required. */
    public synchronized PipelineTarget target() {
        if (target == null) {
            if (options.environment().isPresent() == options.localEnvironment().isPresent()) {
                throw new OperatorException("name the pipeline with exactly one of --env dev|prod (deployed, "
                        + "read from the CloudFormation stack) or --local-env NAME (local stack or LocalStack)");
            }
            if (options.environment().isPresent()) {
                target = StackOutputsTarget.load(aws.cloudFormation(), options.environment().get(), options.region());
            } else {
                String where = options.sqs().map(u -> "sqs " + u).orElse("sqs in " + options.region())
                        + ", " + options.dynamo().map(u -> "dynamodb " + u).orElse("dynamodb in " + options.region());
                target = new LocalEnvironmentTarget(aws.sqs(), options.localEnvironment().get(), where);
            }
        }
        return target;
    }

    /** {@code --stores-file} when given, else the catalog bundled in this jar. */
    public synchronized StoreCatalog catalog() {
        if (catalog == null) {
            try {
                catalog = StoreCatalog.load(options.storesFile());
            } catch (RuntimeException e) {
                throw new OperatorException("cannot read the store catalog: " + e.getMessage(), e);
            }
        }
        return catalog;
    }

    /**
     * Asks before a change; {@code --yes} answers for the operator. Without a terminal to ask on, refuses
     * rather than guessing. Throws when declined, so nothing after it runs.
     */
    public void confirm(String question) {
        if (options.yes()) {
            return;
        }
        if (!terminal.interactive()) {
            throw new OperatorException("this command changes the pipeline and needs confirmation, but stdin is not "
                    + "a terminal: pass --yes to confirm non-interactively");
        }
        out.flush();
        String answer = terminal.readLine(question + " [y/N] ");
        String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
        if (!a.equals("y") && !a.equals("yes")) {
            throw new OperatorException("aborted: nothing was changed");
        }
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
        aws.close();
    }
}
