package dev.placenotify.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.services.secretsmanager.Secret;

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, each with the reason it is accepted.
 * Suppressions are attached to the exact resources (never stack-wide), so a new resource with
 * the same finding still fails the synth.
 */
final class NagFindings {
    private NagFindings() {}

    static final String L1_REASON = "The project targets the java21 Lambda runtime (LTS, SnapStart-supported; the "
            + "modules compile with maven.compiler.release=21). java25 is newer; moving to it is a deliberate "
            + "upgrade of the whole build, not something the stack should do on its own.";

    static final String SMG4_REASON = "Third-party credentials (Naver Cloud SENS keys, Telegram bot token, Slack "
            + "webhook URL, Naver partner login) are issued by those providers; no Lambda rotation function can "
            + "mint new ones. The operator rotates them at the provider and puts the new value (see README).";

    static void suppress(PlaceNotifyStack stack) {
        for (JavaFunction fn : JavaFunction.values()) {
            NagSuppressions.addResourceSuppressions(stack.function(fn),
                    List.of(NagPackSuppression.builder().id("AwsSolutions-L1").reason(L1_REASON).build()));
        }
        for (Secret secret : List.of(stack.sensSecret(), stack.telegramSecret(), stack.slackSecret(),
                stack.naverLoginSecret())) {
            NagSuppressions.addResourceSuppressions(secret,
                    List.of(NagPackSuppression.builder().id("AwsSolutions-SMG4").reason(SMG4_REASON).build()));
        }
    }
}
