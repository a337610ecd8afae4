package dev.placenotify.local;

/** The operator CLI command line that points at a local pipeline's emulators. */
final class OperatorHint {
    private OperatorHint() {}

    static String command(LocalPipeline pipeline) {
        return "./operator status --local-env " + pipeline.resources().environmentName()
                + " --sqs-endpoint " + pipeline.aws().sqsEndpoint()
                + " --dynamodb-endpoint " + pipeline.aws().dynamoEndpoint()
                + " --naver-base-url " + pipeline.naver.baseUrl();
    }
}
