package dev.placenotify.testsupport;

/**
 * The emulators accept any credentials, but the AWS SDK insists on finding some: give it dummy ones
 * through system properties unless the user's environment already has real ones configured.
 */
public final class LocalCredentials {
    private LocalCredentials() {}

    public static void installDefaults() {
        setIfAbsent("aws.accessKeyId", "AWS_ACCESS_KEY_ID", "local");
        setIfAbsent("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY", "local");
        setIfAbsent("aws.region", "AWS_REGION", "ap-northeast-2");
        setIfAbsent("aws.disableEc2Metadata", "AWS_EC2_METADATA_DISABLED", "true");
    }

    private static void setIfAbsent(String property, String env, String value) {
        if (System.getProperty(property) == null && System.getenv(env) == null) {
            System.setProperty(property, value);
        }
    }
}
