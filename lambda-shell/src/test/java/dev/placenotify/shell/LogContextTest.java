package dev.placenotify.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.RunScoped;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
    private record Job(String runId) implements RunScoped {}

    private static ReceivedMessage<Job> message(String runId) {
        return new ReceivedMessage<>("m-" + runId, new Job(runId), 1);
    }

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aBatchOfOneRunLogsUnderItsRunIdAndAMixedOneUnderNone() {
        try (var ignored = SqsBatchRunner.correlateAll(List.of(message("c1"), message("c1")))) {
            assertThat(MDC.get("correlation_id")).isEqualTo("c1");
        }
        assertThat(MDC.get("correlation_id")).isNull();
        try (var ignored = SqsBatchRunner.correlateAll(List.of(message("c1"), message("c2")))) {
            assertThat(MDC.get("correlation_id")).isEmpty();
        }
    }

    @Test
    void poolTasksLogUnderTheSubmittersContextAndLeaveTheirThreadAsTheyFoundIt() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try (ExecutorService pool = LogContextExecutor.wrap(single)) {
            single.submit(() -> MDC.put("worker", "own")).get();
            MDC.put("correlation_id", "c20251022T1400");
            MDC.put("function_request_id", "req-1");

            assertThat(pool.submit(() -> MDC.get("correlation_id") + "/" + MDC.get("function_request_id")).get())
                    .isEqualTo("c20251022T1400/req-1");
            assertThat(pool.submit(() -> MDC.get("worker")).get()).isNull();
            assertThat(single.submit(() -> MDC.get("worker") + "/" + MDC.get("correlation_id")).get()).isEqualTo("own/null");

            MDC.clear();
            assertThat(pool.submit(() -> MDC.get("correlation_id")).get()).isNull();
        }
    }
}
