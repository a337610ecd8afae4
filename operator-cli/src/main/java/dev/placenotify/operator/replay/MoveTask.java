package dev.placenotify.operator.replay;

import dev.placenotify.operator.OperatorException;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * SQS's own DLQ redrive (StartMessageMoveTask), followed until it ends: SQS moves the messages with their
 * attributes and resets their receive count, and keeps going if the CLI is interrupted.
 */
final class MoveTask {
    /** The task's state as last seen. */
    record State(String status, long moved, long toMove, String failureReason) {
        boolean running() {
            return "RUNNING".equals(status) || "CANCELLING".equals(status);
        }
    }

    private final SqsClient sqs;
    private final Duration pollEvery;

    MoveTask(SqsClient sqs, Duration pollEvery) {
        this.sqs = sqs;
        this.pollEvery = pollEvery;
    }

    State run(String dlqArn, String targetArn, Integer perSecond, Consumer<State> progress) throws InterruptedException {
        String handle;
        try {
            handle = sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn).destinationArn(targetArn)
                    .maxNumberOfMessagesPerSecond(perSecond)).taskHandle();
        } catch (SqsException e) {
            throw new OperatorException("SQS would not start a move task on " + dlqArn + ": "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    + ". If one is already running, wait for it or cancel it ('aws sqs cancel-message-move-task'); "
                    + "'--max N' moves messages one by one instead", e);
        }
        State last = null;
        while (true) {
            State now = find(dlqArn, handle);
            if (last == null || now.moved() != last.moved() || !now.status().equals(last.status())) {
                progress.accept(now);
            }
            last = now;
            if (!now.running()) {
                return now;
            }
            Thread.sleep(pollEvery.toMillis());
        }
    }

    private State find(String dlqArn, String handle) {
        for (ListMessageMoveTasksResultEntry t : sqs.listMessageMoveTasks(b -> b.sourceArn(dlqArn).maxResults(10)).results()) {
            if (handle.equals(t.taskHandle())) {
                return new State(t.status(), nz(t.approximateNumberOfMessagesMoved()),
                        nz(t.approximateNumberOfMessagesToMove()), t.failureReason());
            }
        }
        // Only the latest tasks are listed; ours has vanished only if it ended long ago.
        return new State("UNKNOWN", 0, 0, "the move task is no longer listed");
    }

    private static long nz(Long v) {
        return v == null ? 0 : v;
    }
}
