package dev.placenotify.infra;

import software.amazon.awscdk.services.secretsmanager.CfnSecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.Stack;

/**
 * The third-party credentials, each a secret with no value at all (no generated placeholder string): the functions
 * fail loudly until the operator puts the JSON value, and a redeploy never overwrites it. Only Secrets Manager holds
 * them; the functions get their ARNs.
 */
final class PipelineSecrets {
    private final Stack scope;
    private final Secret sens;
    private final Secret telegram;
    private final Secret slack;
    private final Secret naverLogin;

    PipelineSecrets(Stack scope, EnvironmentConfig config) {
        this.scope = scope;
        sens = empty(config, "SensSecret", "sens",
                "Naver Cloud SENS credentials, JSON {\"accessKey\",\"secretKey\",\"serviceId\"}");
        telegram = empty(config, "TelegramSecret", "telegram", "Telegram bot, JSON {\"botToken\",\"chatId\"}");
        slack = empty(config, "SlackSecret", "slack", "Slack incoming webhook, JSON {\"webhookUrl\"}");
        naverLogin = empty(config, "NaverLoginSecret", "naver-login",
                "Naver partner login the session-renewal function logs in with, JSON {\"username\",\"password\"}");
    }

    private Secret empty(EnvironmentConfig config, String id, String suffix, String description) {
        Secret secret = Secret.Builder.create(scope, id)
                .secretName("place-notify/" + config.name() + "/" + suffix)
                .description(description + "; value set by the operator (aws secretsmanager put-secret-value)")
                .removalPolicy(config.statefulRemovalPolicy())
                .build();
        ((CfnSecret) secret.getNode().getDefaultChild()).addPropertyDeletionOverride("GenerateSecretString");
        return secret;
    }

    Secret sens() {
        return sens;
    }

    Secret telegram() {
        return telegram;
    }

    Secret slack() {
        return slack;
    }

    Secret naverLogin() {
        return naverLogin;
    }
}
