package dev.placenotify.fetcher;

import static dev.placenotify.fetcher.TestBookings.CYCLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.Messages;
import dev.placenotify.model.RunEvent;
import dev.placenotify.model.RunStarted;
import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.testsupport.aws.LocalAws;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The schedule entry ({@link ScheduleHandler}) as EventBridge Scheduler invokes it, on ElasticMQ: the run it
 * announces on the result queue and the fetches it puts on the fetch queue.
 */
@ExtendWith(LocalAwsExtension.class)
class ScheduleShellTest {
    private static final String RUN = "c20251022T1400";
    /** The scheduled window of the 14:00 cycle: its day to HORIZON_DAYS (14) later, Korean dates. */
    private static final DateWindow WINDOW = new DateWindow(LocalDate.of(2025, 10, 22), LocalDate.of(2025, 11, 5));

    private static Path catalog() {
        Map<String, String> accounts = new LinkedHashMap<>();
        accounts.put("6100001", "default");
        accounts.put("6100002", "default");
        accounts.put("6100003", "default");
        accounts.put("6100004", "beta");
        return FetcherShellRig.storesFile(accounts, Set.of("6100003"));
    }

    @Test
    void aTickAnnouncesTheRunAndEnqueuesOneFetchPerEnabledStore(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fsched", catalog())) {
            String runId = rig.tick(Map.of("time", "2025-10-22T05:00:00Z", "source", "aws.scheduler"));

            assertThat(runId).isEqualTo(RUN);
            // Every enabled store, in catalog order; the disabled one is neither announced nor fetched.
            assertThat(rig.results()).containsExactly(
                    RunStarted.of(RUN, CYCLE, FetchMode.NORMAL, List.of("6100001", "6100002", "6100004")));
            assertThat(fetchRequests(rig)).containsExactlyInAnyOrder(
                    FetchRequest.of(RUN, "6100001", WINDOW, FetchMode.NORMAL, CYCLE),
                    FetchRequest.of(RUN, "6100002", WINDOW, FetchMode.NORMAL, CYCLE),
                    FetchRequest.of(RUN, "6100004", WINDOW, FetchMode.NORMAL, CYCLE));
            // The tick only plans: Naver is asked nothing until the fetches are delivered.
            assertThat(rig.naver.requests()).isEmpty();
            assertThat(rig.snapshots()).isEmpty();
        }
    }

    /**
     * What the code guarantees for a schedule that fires twice for one tick (at-least-once delivery): not a single
     * announcement, but the same run. The second invocation announces the same run id, cycle and stores again and
     * enqueues the same fetches again, whatever the clock says by then; absorbing those duplicates is the later
     * stages' job (the notifier's run item is keyed by the run id, the planner and the sender are idempotent).
     */
    @Test
    void aRetriedInvocationOfTheSameTickAnnouncesTheSameRunAndRepeatsTheSameFetches(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fschedtwice", catalog())) {
            String first = rig.tick(Map.of("time", "2025-10-22T05:00:00Z"));
            rig.clock.set(CYCLE.plus(Duration.ofMinutes(3)));
            // A redelivered event whose time carries seconds: the run is the minute's.
            String second = rig.tick(Map.of("time", "2025-10-22T05:00:07Z"));

            assertThat(second).isEqualTo(first).isEqualTo(RUN);
            RunStarted announced = RunStarted.of(RUN, CYCLE, FetchMode.NORMAL, List.of("6100001", "6100002", "6100004"));
            assertThat(rig.results()).containsExactly(announced, announced);
            FetchRequest one = FetchRequest.of(RUN, "6100001", WINDOW, FetchMode.NORMAL, CYCLE);
            FetchRequest two = FetchRequest.of(RUN, "6100002", WINDOW, FetchMode.NORMAL, CYCLE);
            FetchRequest four = FetchRequest.of(RUN, "6100004", WINDOW, FetchMode.NORMAL, CYCLE);
            assertThat(fetchRequests(rig)).containsExactlyInAnyOrder(one, one, two, two, four, four);
        }
    }

    @Test
    void anEventWithoutAReadableTimeTakesTheCycleFromTheClockInKoreanTime(LocalAws aws) {
        try (FetcherShellRig rig = FetcherShellRig.start(aws, "fschedclock", catalog())) {
            // 00:20:37 on the 23rd in Korea is still the 22nd in UTC: the run and the window follow Korea.
            rig.clock.set(ZonedDateTime.of(2025, 10, 23, 0, 20, 37, 0, Messages.KST).toInstant());

            String runId = rig.tick(Map.of("time", "twenty past midnight"));

            assertThat(runId).isEqualTo("c20251023T0020");
            var cycleAt = ZonedDateTime.of(2025, 10, 23, 0, 20, 0, 0, Messages.KST).toInstant();
            List<RunEvent> results = rig.results();
            assertThat(results).singleElement().isEqualTo(
                    RunStarted.of("c20251023T0020", cycleAt, FetchMode.NORMAL, List.of("6100001", "6100002", "6100004")));
            assertThat(fetchRequests(rig)).hasSize(3).allSatisfy(r -> {
                assertThat(r.runId()).isEqualTo("c20251023T0020");
                assertThat(r.cycleAt()).isEqualTo(cycleAt);
                assertThat(r.window()).isEqualTo(new DateWindow(LocalDate.of(2025, 10, 23), LocalDate.of(2025, 11, 6)));
            });
        }
    }

    private static List<FetchRequest> fetchRequests(FetcherShellRig rig) {
        List<Message> messages = rig.receiveFetches(20);
        return messages.stream().map(m -> MessageCodec.decode(m.body(), FetchRequest.class)).toList();
    }
}
