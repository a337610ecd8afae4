package dev.placenotify.operator;

import java.net.ConnectException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into sentences an operator can act on. */
public final class AwsErrors {
    private AwsErrors() {}

    public static String describe(SdkException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SdkClientException) {
            if (message.contains("Unable to load credentials")) {
                return "no AWS credentials found (default chain: environment, ~/.aws profile, SSO, instance role). "
                        + "Run 'aws sso login' or 'aws configure', or set AWS_PROFILE";
            }
            if (hasCause(e, ConnectException.class)) {
                return "cannot connect to the AWS endpoint (" + firstLine(message) + "): is the local stack running, "
                        + "and are --endpoint/--sqs-endpoint/--dynamodb-endpoint right?";
            }
            return firstLine(message);
        }
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = s.awsErrorDetails().errorCode();
            String detail = s.awsErrorDetails().errorMessage();
            if ("ResourceNotFoundException".equals(code)) {
                return "DynamoDB table not found (" + detail + "): wrong --env/--local-env or --region?";
            }
            if (code != null && (code.contains("AccessDenied") || code.contains("UnrecognizedClient")
                    || code.contains("ExpiredToken") || code.contains("InvalidClientTokenId"))) {
                return "AWS refused the credentials (" + code + "): " + detail;
            }
            return code + ": " + detail;
        }
        return firstLine(message);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
