package dev.placenotify.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.model.AlertCause;
import dev.placenotify.model.RunEvent;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An outage raises the same alert over and over; the owners get one per cause and subject per hour. */
@ExtendWith(LocalAwsExtension.class)
class AlertStormTest {
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");

    @Test
    void anAlertStormIsThrottledToOnePostPerCauseAndSubjectPerInterval(LocalAws aws) {
        SimulatedClock clock = new SimulatedClock(CYCLE);
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("nal")), clock)) {
            RunEvents run = new RunEvents("c20251022T1400", CYCLE);
            QueuePublisher results = new QueuePublisher(aws.sqs(), p.resources().queueUrl(Topology.RESULT));
            List<RunEvent> storm = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                storm.add(run.alert(AlertCause.SESSION_EXPIRED, "default", "Naver session of account default is expired (" + i + ")"));
            }
            for (int i = 0; i < 10; i++) {
                storm.add(run.alert(AlertCause.UNKNOWN_SEND, "sens", "SENS answer lost for 010-1234-5678 (" + i + ")"));
            }
            storm.add(run.alert(AlertCause.SESSION_EXPIRED, "other-account", "Naver session of account other-account is expired"));
            results.publishAll(storm);
            p.awaitQuiet(Duration.ofSeconds(20));

            List<String> alerts = Posts.telegramAlerts(p);
            assertThat(alerts).hasSize(3);
            assertThat(alerts).filteredOn(a -> a.startsWith("🚨 네이버 세션 만료 [default]")).hasSize(1);
            assertThat(alerts).filteredOn(a -> a.startsWith("🚨 네이버 세션 만료 [other-account]")).hasSize(1);
            assertThat(alerts).filteredOn(a -> a.startsWith("🚨 SMS 발송 결과 불명 [sens]")).singleElement()
                    .satisfies(a -> assertThat(a).contains("010-****-5678").doesNotContain("1234-5678"));
            assertThat(Posts.slackAlerts(p)).hasSize(3);

            // Still within the hour: held back. An hour later: posted, saying how many were held back.
            clock.set(clock.instant().plus(Duration.ofMinutes(30)));
            results.publish(run.alert(AlertCause.SESSION_EXPIRED, "default", "still expired"));
            p.awaitQuiet(Duration.ofSeconds(10));
            assertThat(Posts.telegramAlerts(p)).hasSize(3);

            clock.set(clock.instant().plus(Duration.ofMinutes(31)));
            results.publish(run.alert(AlertCause.SESSION_EXPIRED, "default", "expired for an hour now"));
            p.awaitQuiet(Duration.ofSeconds(10));
            List<String> later = Posts.telegramAlerts(p);
            assertThat(later).hasSize(4);
            assertThat(later.get(3)).startsWith("🚨 네이버 세션 만료 [default]").contains("expired for an hour now")
                    .contains("같은 경고 30건은 직전 간격 동안 보내지 않았습니다");
        }
    }
}
