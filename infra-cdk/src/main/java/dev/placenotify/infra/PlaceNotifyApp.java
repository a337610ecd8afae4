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
 * The CDK app: one {@code PlaceNotify-<env>} stack, the environment from context {@code env} (default dev; the
 * deprecated key {@code stage} is still read, with a warning). Run by {@code npx cdk synth|deploy} from infra-cdk/
 * (see cdk.json), after {@code ./mvnw -B install -DskipTests} at the repository root built the Lambda jars.
 */
public final class PlaceNotifyApp {
    private PlaceNotifyApp() {}

    public static void main(String[] args) {
        App app = new App();
        EnvironmentConfig config = EnvironmentConfig.fromContext(app.getNode()::tryGetContext);
        Object rootContext = app.getNode().tryGetContext("repoRoot");
        Path root = rootContext != null ? Path.of(rootContext.toString())
                : LambdaArtifacts.repositoryRoot(Path.of(System.getProperty("user.dir")));
        build(app, config, LambdaArtifacts.fromRepository(root));
        app.synth();
    }

    /** Adds the environment's stack to the app, with cdk-nag's AwsSolutions pack checking it at synth. */
    public static PlaceNotifyStack build(App app, EnvironmentConfig config, LambdaArtifacts artifacts) {
        // Env from the CLI's resolved profile when deploying; env-agnostic for an offline synth.
        Environment env = Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build();
        PlaceNotifyStack stack = new PlaceNotifyStack(app, config.stackName(),
                StackProps.builder()
                        .env(env)
                        .description("place-notify pipeline, environment " + config.name())
                        .build(),
                config, artifacts);
        Tags.of(stack).add("project", "place-notify");
        // The tag key stays "stage": cost reports and IAM conditions may filter on it; renaming it retags everything.
        Tags.of(stack).add("stage", config.name());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
