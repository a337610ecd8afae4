package dev.placenotify.operator.config;

import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.appconfig.model.BadRequestException;
import software.amazon.awssdk.services.appconfig.model.DeploymentState;

/**
 * Validates a stores or rules document as the planner will (schema, then rules against stores both ways),
 * previews what it changes against what is live, and deploys it through AppConfig (a hosted version, then a
 * deployment with the environment's strategy, which rolls back on the environment's alarms). Exit 2 when the document is
 * invalid or AppConfig's validator refuses it; nothing is deployed then.
 */
@Command(name = "push", description = "validate, preview and deploy a stores or rules document to the environment's AppConfig "
        + "(exit 2 with every problem when it is invalid; nothing is deployed then)")
public final class ConfigPushCommand extends OperatorCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "stores.json, or a rule file (YAML or JSON)")
    Path file;

    @Option(names = "--kind", required = true, paramLabel = "stores|rules", description = "what FILE holds")
    String kind;

    @Option(names = "--dry-run", description = "validate and preview only; deploy nothing")
    boolean dryRun;

    @Option(names = "--description", paramLabel = "TEXT", description = "recorded with the version (default: the file name and who pushed)")
    String description;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "how long to follow the deployment before reporting its state (default: ${DEFAULT-VALUE})")
    int waitSeconds;

    @Override
    protected int run(OperatorContext ctx) throws InterruptedException {
        ConfigKind what = parseKind(kind);
        String environment = ctx.options().anyEnvironment().orElseThrow(() -> new OperatorException(
                "name the pipeline with --env dev|prod or --local-env NAME"));
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OperatorException("cannot read " + file + ": " + e.getMessage(), e);
        }
        LiveConfigTarget target = LiveConfigTarget.resolve(ctx.appConfig(), environment);
        LiveBaseline live = LiveBaseline.read(target, ctx);
        var out = ctx.out();
        out.println("config push " + file + " (" + what.profile() + ") to " + target.describe());
        live.warnings().forEach(w -> out.println("warning: " + w));
        out.println("live " + what.profile() + ": " + live.from(what));
        ConfigCandidate checked = ConfigCandidate.check(what, text, file.toString(), live.stores(), live.rules());
        if (checked instanceof ConfigCandidate.Rejected rejected) {
            out.flush();
            int n = rejected.problems().size();
            ctx.err().println("error: " + rejected.source() + " is invalid (" + n + (n == 1 ? " problem" : " problems")
                    + "); the stages would refuse it, nothing was deployed:");
            rejected.problems().forEach(ctx.err()::println);
            return ConfigCommand.INVALID;
        }
        ConfigCandidate.Usable usable = (ConfigCandidate.Usable) checked;
        out.println("valid: schema, and the rules against the stores (" + usable.stores().enabled().size() + " enabled stores, "
                + usable.rules().sharedRules().stream().filter(r -> r.enabled()).count() + " enabled shared rules)");
        out.println("changes:");
        var changes = ConfigDiff.lines(what, live.document(what), usable.document());
        changes.forEach(l -> out.println("  " + l));
        if (changes.equals(java.util.List.of("no change"))) {
            out.println("nothing to deploy: the live document says the same");
            return OK;
        }
        if (dryRun) {
            out.println("dry run: nothing deployed");
            return OK;
        }
        ctx.confirm("deploy this " + what.profile() + " document to " + target.describe() + "?");
        String why = description != null ? description : file.getFileName() + " pushed by " + ctx.operatorName();
        int version = target.createVersion(what, usable.json(), why);
        LiveConfigTarget.DeploymentView started;
        try {
            started = target.startDeployment(what, version, why);
        } catch (BadRequestException e) {
            out.flush();
            ctx.err().println("error: AppConfig refused version " + version + " (its validator): "
                    + e.awsErrorDetails().errorMessage() + "; nothing was deployed");
            return ConfigCommand.INVALID;
        }
        out.println("created version " + version + "; deployment " + started.number() + " started");
        LiveConfigTarget.DeploymentView d = target.await(started, Duration.ofSeconds(Math.max(0, waitSeconds)));
        out.println("deployment " + d.number() + ": " + d.state() + " (" + Math.round(d.percentComplete()) + "%)"
                + switch (d.state()) {
                    case COMPLETE -> ": the stages use it once their cached copy ages out (60 s by default)";
                    case ROLLED_BACK, REVERTED -> ": an alarm rolled it back; the previous document is live again";
                    default -> ": still rolling out; follow it with ./operator config show";
                });
        return d.state() == DeploymentState.ROLLED_BACK || d.state() == DeploymentState.REVERTED ? FAILED : OK;
    }

    private static ConfigKind parseKind(String kind) {
        try {
            return ConfigKind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OperatorException("--kind must be stores or rules, was " + kind);
        }
    }
}
