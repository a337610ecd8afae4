package dev.placenotify.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: one {@code PlaceNotify-<stage>} stack, the stage from context {@code stage}
 * (default dev). Run by {@code npx cdk synth|deploy} from infra-cdk/ (see cdk.json), after
 * {@code ./mvnw -B install -DskipTests} at the repository root built the Lambda jars.
 */
public final class PlaceNotifyApp {
    private PlaceNotifyApp() {}

    public static void main(String[] args) {
        App app = new App();
        StageConfig config = StageConfig.fromContext(app.getNode()::tryGetContext);
        Object rootContext = app.getNode().tryGetContext("repoRoot");
        Path root = rootContext != null ? Path.of(rootContext.toString())
                : LambdaArtifacts.repositoryRoot(Path.of(System.getProperty("user.dir")));
        build(app, config, LambdaArtifacts.fromRepository(root));
        app.synth();
    }

    /** Adds the stage's stack to the app, with cdk-nag's AwsSolutions pack checking it at synth. */
    public static PlaceNotifyStack build(App app, StageConfig config, LambdaArtifacts artifacts) {
        // Env from the CLI's resolved profile when deploying; env-agnostic for an offline synth.
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        PlaceNotifyStack stack = new PlaceNotifyStack(app, config.stackName(),
                StackProps.builder()
                        .env(env)
                        .description("place-notify pipeline, stage " + config.name())
                        .build(),
                config, artifacts);
        Tags.of(stack).add("project", "place-notify");
        Tags.of(stack).add("stage", config.name());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
