package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

    @Test
    void aCallPastItsBudgetIsInterruptedAndTheInterruptIsClearedAtTheEnd() {
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(50));
        boolean interrupted = false;
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        assertThat(interrupted).isTrue();
        assertThat(deadline.passed()).isTrue();
        Thread.currentThread().interrupt(); // as if the interrupt had landed after the call returned
        deadline.end();
        assertThat(Thread.currentThread().isInterrupted()).as("the deadline's interrupt does not leak").isFalse();
    }

    @Test
    void aCallThatEndsInTimeIsNeverInterrupted() throws InterruptedException {
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(100));
        deadline.end();
        Thread.sleep(300);
        assertThat(deadline.passed()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void someoneElsesInterruptIsKept() {
        CallDeadline deadline = CallDeadline.start(Duration.ofSeconds(10));
        Thread.currentThread().interrupt();
        deadline.end();
        assertThat(Thread.interrupted()).as("not the deadline's to clear").isTrue();
    }
}
