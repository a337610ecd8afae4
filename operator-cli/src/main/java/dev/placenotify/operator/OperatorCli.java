package dev.placenotify.operator;

import dev.placenotify.operator.backfill.BackfillCommand;
import dev.placenotify.operator.config.ConfigCommand;
import dev.placenotify.operator.budget.BudgetCommand;
import dev.placenotify.operator.history.HistoryCommand;
import dev.placenotify.operator.optout.OptOutCommand;
import dev.placenotify.operator.legacy.LegacyCommand;
import dev.placenotify.operator.rules.RulesCommand;
import dev.placenotify.operator.replay.ReplayCommand;
import dev.placenotify.operator.sends.SendsCommand;
import dev.placenotify.operator.session.SessionCommand;
import dev.placenotify.operator.status.StatusCommand;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The operator's tool for one pipeline (a deployed environment or a local stack): health, DLQ replay,
 * backfill, Naver sessions and UNKNOWN sends. Global options are inherited, so they may stand before
 * or after the subcommand ({@code ./operator status --local-env local ...}).
 */
@Command(name = "operator", mixinStandardHelpOptions = true, version = "place-notify operator 1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Operate a place-notify pipeline: status, replay a stage's DLQ, backfill stores, "
                + "Naver sessions, UNKNOWN sends, rule files, legacy import, live configuration, per-booking history. "
                + "See docs/operator-cli.md.",
        subcommands = {StatusCommand.class, ReplayCommand.class, BackfillCommand.class, SessionCommand.class,
                SendsCommand.class, RulesCommand.class, LegacyCommand.class, ConfigCommand.class, HistoryCommand.class,
                OptOutCommand.class, BudgetCommand.class,
                CommandLine.HelpCommand.class})
public final class OperatorCli implements Runnable {
    @Option(names = "--env", scope = ScopeType.INHERIT, paramLabel = "ENV",
            description = "deployed environment (dev|prod): queue URLs and table names from the CloudFormation stack PlaceNotify-ENV")
    String env;

    /** The old name of --env ("stage" means a pipeline step); still accepted with a warning, not listed. */
    @Option(names = "--stage-name", scope = ScopeType.INHERIT, hidden = true)
    String deprecatedStageName;

    @Option(names = "--local-env", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "local stack: queues place-notify-NAME-<queue>[-dlq] and tables place-notify-NAME-<table> (Topology)")
    String localEnv;

    /** The old name of --local-env; still accepted with a warning, not listed. */
    @Option(names = "--local-stage", scope = ScopeType.INHERIT, hidden = true)
    String deprecatedLocalStage;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "one endpoint for every AWS service (LocalStack, e.g. http://localhost:4566)")
    URI endpoint;

    @Option(names = "--sqs-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL", description = "SQS endpoint (ElasticMQ)")
    URI sqsEndpoint;

    @Option(names = "--dynamodb-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "DynamoDB endpoint (dynalite)")
    URI dynamoEndpoint;

    @Option(names = "--appconfig-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "AWS AppConfig endpoint (the local AppConfig simulator), for config push/show")
    URI appConfigEndpoint;

    @Option(names = "--region", scope = ScopeType.INHERIT, description = "AWS region (default: AWS_REGION, else ap-northeast-2)")
    String region;

    @Option(names = "--naver-base-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Naver partner API for session validation (default: ${DEFAULT-VALUE})")
    URI naverBaseUrl = URI.create("https://partner.booking.naver.com");

    @Option(names = "--stores-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "store catalog to use instead of the bundled stores.json")
    Path storesFile;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "confirm destructive commands without asking (required when stdin is not a terminal)")
    boolean yes;

    @Option(names = "--operator", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "who is acting, recorded in audit items (default: $USER)")
    String operatorName;

    @Spec
    CommandSpec spec;

    private final Clock clock;
    private final Map<String, String> environment;
    private final Terminal terminal;

    public OperatorCli() {
        this(Clock.systemUTC(), System.getenv(), Terminal.system());
    }

    /** For in-process use (tests, the local runner): the clock, environment and terminal it should see. */
    public OperatorCli(Clock clock, Map<String, String> environment, Terminal terminal) {
        this.clock = clock;
        this.environment = Map.copyOf(environment);
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        // The SDK logs through SLF4J; an operator wants its warnings, not its chatter.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.exit(new CommandLine(new OperatorCli()).execute(args));
    }

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Everything a command needs, built from the global options; close it when the command ends. */
    public OperatorContext openContext(PrintWriter out, PrintWriter err) {
        GlobalOptions options = new GlobalOptions(
                renamed("--env", env, "--stage-name", deprecatedStageName, err),
                renamed("--local-env", localEnv, "--local-stage", deprecatedLocalStage, err),
                Optional.ofNullable(endpoint), Optional.ofNullable(sqsEndpoint), Optional.ofNullable(dynamoEndpoint),
                Optional.ofNullable(appConfigEndpoint),
                region != null ? region : environment.getOrDefault("AWS_REGION",
                        environment.getOrDefault("AWS_DEFAULT_REGION", "ap-northeast-2")),
                naverBaseUrl, Optional.ofNullable(storesFile), yes,
                operatorName != null ? operatorName : environment.getOrDefault("USER", "unknown"));
        return new OperatorContext(options, clock, terminal, out, err);
    }

    /** An option's value under its name or its deprecated one (with a warning); both, disagreeing, is an error. */
    private static Optional<String> renamed(String name, String value, String oldName, String oldValue, PrintWriter err) {
        if (oldValue == null) {
            return Optional.ofNullable(value);
        }
        if (value != null && !value.equals(oldValue)) {
            throw new OperatorException(name + " " + value + " and " + oldName + " " + oldValue + " disagree: give " + name
                    + " only");
        }
        err.println("warning: " + oldName + " is deprecated (a stage is a pipeline step), use " + name + " " + oldValue);
        return Optional.of(oldValue);
    }
}
