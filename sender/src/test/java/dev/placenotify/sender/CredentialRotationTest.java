package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.LocalWorld;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SENS keys rotated under a warm sender: one 401, one re-read of the secret, then on as before. */
@ExtendWith(LocalAwsExtension.class)
class CredentialRotationTest {

    private static String secretJson(String accessKey, String secretKey) {
        return "{\"accessKey\":\"" + accessKey + "\",\"secretKey\":\"" + secretKey + "\",\"serviceId\":\""
                + LocalWorld.SENS_SERVICE_ID + "\"}";
    }

    @Test
    void aRotatedSecretIsReReadAfterA401AndTheJobIsSentOnce(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            String secretId = rig.pipeline.env().get("SENS_SECRET_ID");
            SenderHandler sender = rig.handler();
            SmsJob before = Jobs.confirmation("1051707", "k1", "01012345678");
            rig.enqueue(before);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            long readsBefore = rig.pipeline.secrets.getSecretValueCount(secretId);

            // The operator rotates the keys: SENS accepts only the new pair, the secret holds it, the
            // warm sender still caches the old one.
            rig.pipeline.sens.rotateCredentials("rotated-access", "rotated-secret");
            rig.pipeline.secrets.put(secretId, secretJson("rotated-access", "rotated-secret"));
            SmsJob after = Jobs.confirmation("1051707", "k2", "01087654321");
            rig.enqueue(after);

            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).hasSize(3); // ok, 401, ok
            assertThat(rig.pipeline.sens.httpRequests().get(2).header("x-ncp-iam-access-key")).isEqualTo("rotated-access");
            assertThat(rig.pipeline.secrets.getSecretValueCount(secretId)).isEqualTo(readsBefore + 1);
            assertThat(rig.pipeline.sens.countByKey(after.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(after.idempotencyKey())).singleElement()
                    .satisfies(o -> assertThat(o.status()).isEqualTo(OutcomeStatus.SENT));
            assertThat(rig.alerts()).isEmpty();
        }
    }

    @Test
    void keysRefusedAgainAfterTheReReadArePermanentAndAlerted(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            // SENS no longer accepts the keys and nobody has updated the secret.
            rig.pipeline.sens.rotateCredentials("someone-elses-key", "someone-elses-secret");
            SmsJob job = Jobs.confirmation("1051707", "k3", "01012345678");
            rig.enqueue(job);

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.httpRequests()).hasSize(2); // 401, re-read, 401: no more
            assertThat(rig.outcomes(job.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.FAILED);
                assertThat(o.error()).contains("401");
            });
            assertThat(rig.alerts()).singleElement()
                    .satisfies(a -> assertThat(a.cause()).isEqualTo(AlertCause.SENS_CREDENTIALS_REJECTED));
            assertThat(rig.record(job.idempotencyKey()).orElseThrow().outcome()).isEqualTo(OutcomeStatus.FAILED);
        }
    }
}
