package dev.placenotify.operator.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.OperatorException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What is live per profile (version, deployment, state), and the recent deployments. */
@Command(name = "show", description = "the live stores and rules versions and the recent deployments")
public final class ConfigShowCommand extends OperatorCommand {
    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Option(names = "--last", paramLabel = "N", defaultValue = "5", description = "recent deployments to list (default: ${DEFAULT-VALUE})")
    int last;

    @Override
    protected int run(OperatorContext ctx) {
        String environment = ctx.options().anyEnvironment().orElseThrow(() -> new OperatorException(
                "name the pipeline with --env dev|prod or --local-env NAME"));
        LiveConfigTarget target = LiveConfigTarget.resolve(ctx.appConfig(), environment);
        List<LiveConfigTarget.DeploymentView> recent = target.deployments().stream().limit(Math.max(0, last)).toList();
        if (json) {
            ObjectNode root = MessageCodec.mapper().createObjectNode();
            root.put("target", target.describe());
            ObjectNode liveNode = root.putObject("live");
            for (ConfigKind k : ConfigKind.values()) {
                target.active(k).ifPresentOrElse(a -> liveNode.putObject(k.profile()).put("version", a.version())
                        .put("deployment", a.deploymentNumber()).put("state", a.state().toString())
                        .put("startedAt", String.valueOf(a.startedAt())), () -> liveNode.putNull(k.profile()));
            }
            ArrayNode list = root.putArray("deployments");
            recent.forEach(d -> list.addObject().put("deployment", d.number()).put("profile", d.kind().profile())
                    .put("version", d.version()).put("state", d.state().toString())
                    .put("percentComplete", d.percentComplete()).put("startedAt", String.valueOf(d.startedAt())));
            ctx.out().println(root.toPrettyString());
            return OK;
        }
        var out = ctx.out();
        out.println(target.describe());
        for (ConfigKind k : ConfigKind.values()) {
            out.println("  " + k.profile() + ": " + target.active(k).map(a -> "version " + a.version() + " (deployment "
                    + a.deploymentNumber() + ", " + a.state() + ", since " + Kst.minutes(a.startedAt()) + ")")
                    .orElse("nothing deployed: the stages use their bundled file"));
        }
        out.println("recent deployments:");
        if (recent.isEmpty()) {
            out.println("  none");
        }
        recent.forEach(d -> out.println("  #" + d.number() + " " + d.kind().profile() + " version " + d.version() + " "
                + d.state() + " " + Math.round(d.percentComplete()) + "% started " + Kst.minutes(d.startedAt())));
        return OK;
    }
}
