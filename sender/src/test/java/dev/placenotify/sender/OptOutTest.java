package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.testsupport.sim.SimRequest;
import dev.placenotify.testsupport.sim.SimResponse;
import dev.placenotify.model.ContentType;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.items.IdempotencyRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15, opt-outs: before any advertisement the sender consults the SENS unsubscribe list (080 수신거부)
 * through the SENS simulator's signed endpoints; a listed number gets no advertisement (SKIPPED with the
 * reason, never sent) while informational texts still reach it, and without the list no advertisement goes.
 */
@ExtendWith(LocalAwsExtension.class)
class OptOutTest {
    private static final String LISTED = "01011112222";
    private static final String FREE = "01033334444";

    private static long listReads(SenderRig rig) {
        return rig.pipeline.sens.httpRequests().stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/unsubscribes")).count();
    }

    @Test
    void anOptedOutNumberGetsNoAdvertisementButStillItsConfirmation(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            rig.pipeline.sens.unsubscribes().optOutByPhone("010-1111-2222"); // the customer called the 080 line
            SmsJob adToListed = Jobs.eventAd("1051707", "o1", LISTED, Jobs.CYCLE);
            SmsJob adToFree = Jobs.eventAd("1051707", "o2", FREE, Jobs.CYCLE);
            SmsJob confirmationToListed = Jobs.confirmation("1051707", "o3", LISTED);
            rig.enqueue(adToListed, adToFree, confirmationToListed);

            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();

            assertThat(rig.pipeline.sens.messagesTo(LISTED)).extracting(SensMessage::contentType).containsExactly("COMM");
            assertThat(rig.pipeline.sens.messagesTo(FREE)).extracting(SensMessage::contentType).containsExactly("AD");
            assertThat(rig.pipeline.sens.countByKey(adToListed.idempotencyKey())).isZero();
            assertThat(rig.outcomes(adToListed.idempotencyKey())).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OutcomeStatus.SKIPPED);
                assertThat(o.error()).contains("opted out").contains("080");
            });
            IdempotencyRecord record = rig.record(adToListed.idempotencyKey()).orElseThrow();
            assertThat(record.outcome()).isEqualTo(OutcomeStatus.SKIPPED);
            assertThat(record.error()).contains("unsubscribe list");
            assertThat(listReads(rig)).isEqualTo(1);

            // A later copy (redelivery, replay) re-reports the skip and still texts nobody.
            rig.enqueue(adToListed);
            assertThat(rig.deliverVisible(rig.handler()).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(adToListed.idempotencyKey())).isZero();
        }
    }

    @Test
    void theListIsSignedPagedAndReadOnlyForAdvertising(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            // 230 listed numbers: three pages of at most 100; the last one listed is the customer.
            for (int i = 0; i < 229; i++) {
                rig.pipeline.sens.unsubscribes().optOutByPhone(Jobs.phone(500 + i));
            }
            rig.pipeline.sens.unsubscribes().optOutByPhone(LISTED);
            var sender = rig.handler();
            rig.enqueue(Jobs.confirmation("1051707", "p0", LISTED));
            rig.deliverVisible(sender);
            assertThat(listReads(rig)).as("informational texts only: the list is not read").isZero();

            SmsJob ad = Jobs.eventAd("1051707", "p1", LISTED, Jobs.CYCLE);
            rig.enqueue(ad);
            rig.deliverVisible(sender);

            List<SimRequest> reads = rig.pipeline.sens.httpRequests().stream().filter(r -> r.method().equals("GET")).toList();
            assertThat(reads).extracting(SimRequest::queryParams).extracting(q -> q.get("pageIndex").get(0)).containsExactly("0", "1", "2");
            assertThat(reads).allSatisfy(r -> assertThat(r.queryParam("pageSize")).isEqualTo("100"));
            assertThat(rig.pipeline.sens.countByKey(ad.idempotencyKey())).isZero();
            assertThat(rig.outcomes(ad.idempotencyKey())).singleElement().extracting(o -> o.status()).isEqualTo(OutcomeStatus.SKIPPED);
        }
    }

    @Test
    void aWarmSenderReadsTheListAgainOnlyAfterItsMaxAge(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            var sender = rig.handler(Map.of("OPTOUT_MAX_AGE_SECONDS", "300"));
            rig.enqueue(Jobs.eventAd("1051707", "m1", LISTED, Jobs.CYCLE));
            rig.deliverVisible(sender);
            assertThat(rig.pipeline.sens.messagesTo(LISTED)).hasSize(1);

            // The customer opts out now; within 5 minutes the warm sender still decides by its copy.
            rig.pipeline.sens.unsubscribes().optOutByPhone(LISTED);
            rig.advanceClock(Duration.ofSeconds(120));
            SmsJob second = Jobs.eventAd("1051707", "m2", LISTED, Jobs.CYCLE);
            rig.enqueue(second);
            rig.deliverVisible(sender);
            assertThat(listReads(rig)).isEqualTo(1);
            assertThat(rig.pipeline.sens.countByKey(second.idempotencyKey())).as("the documented window of the cache").isEqualTo(1);

            // Past the max age the list is read again and the opt-out is honoured.
            rig.advanceClock(Duration.ofSeconds(181));
            SmsJob third = Jobs.eventAd("1051707", "m3", LISTED, Jobs.CYCLE);
            rig.enqueue(third);
            rig.deliverVisible(sender);
            assertThat(listReads(rig)).isEqualTo(2);
            assertThat(rig.pipeline.sens.countByKey(third.idempotencyKey())).isZero();
            assertThat(rig.outcomes(third.idempotencyKey())).singleElement().extracting(o -> o.status()).isEqualTo(OutcomeStatus.SKIPPED);
        }
    }

    @Test
    void withoutTheListAdvertisingIsHeldAndGoesOnceTheListIsBack(LocalAws aws) {
        try (SenderRig rig = SenderRig.start(aws)) {
            rig.pipeline.sens.unsubscribes().setUnavailable(true);
            SmsJob ad = Jobs.eventAd("1051707", "u1", FREE, Jobs.CYCLE);
            SmsJob confirmation = Jobs.confirmation("1051707", "u2", FREE);
            rig.enqueue(ad, confirmation);
            var sender = rig.handler();

            SenderRig.Delivery first = rig.deliverVisible(sender);

            assertThat(first.failedIds()).as("the advertisement goes back to SQS").hasSize(1);
            assertThat(rig.pipeline.sens.messagesTo(FREE)).extracting(SensMessage::contentType).containsExactly("COMM");
            assertThat(rig.pipeline.sens.countByKey(ad.idempotencyKey())).isZero();
            assertThat(rig.record(ad.idempotencyKey())).as("claim given back: nothing was sent").isEmpty();
            assertThat(rig.outcomes(ad.idempotencyKey())).as("not final: no outcome yet").isEmpty();

            // SENS answers a malformed list (not a JSON array): still no list, still held.
            rig.pipeline.sens.unsubscribes().setUnavailable(false);
            rig.pipeline.sens.unsubscribes().failNext(SimResponse.json(200, "{\"error\":\"oops\"}"), 1);
            rig.advanceClock(SenderRig.VISIBILITY.plusSeconds(1));
            assertThat(rig.receiveExactly(1, Duration.ofSeconds(10))).hasSize(1).allSatisfy(rig::makeVisible);
            assertThat(rig.deliverVisible(sender).failedIds()).hasSize(1);
            assertThat(rig.pipeline.sens.countByKey(ad.idempotencyKey())).isZero();

            // The list is back: the held advertisement goes, once.
            rig.advanceClock(SenderRig.VISIBILITY.plusSeconds(1));
            assertThat(rig.receiveExactly(1, Duration.ofSeconds(10))).hasSize(1).allSatisfy(rig::makeVisible);
            assertThat(rig.deliverVisible(sender).allAcknowledged()).isTrue();
            assertThat(rig.pipeline.sens.countByKey(ad.idempotencyKey())).isEqualTo(1);
            assertThat(rig.outcomes(ad.idempotencyKey())).singleElement().extracting(o -> o.status()).isEqualTo(OutcomeStatus.SENT);
            assertThat(ad.contentType()).isEqualTo(ContentType.AD);
        }
    }
}
