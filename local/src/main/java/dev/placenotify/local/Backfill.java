package dev.placenotify.local;

import dev.placenotify.model.DateWindow;
import dev.placenotify.model.FetchMode;
import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.RunStarted;
import dev.placenotify.shell.QueuePublisher;
import dev.placenotify.model.Topology;
import java.time.Instant;
import java.util.List;

/** Enqueues a backfill the way an operator does: the run announced to the notifier, then one fetch per store. */
final class Backfill {
    private Backfill() {}

    static void enqueue(LocalPipeline pipeline, String runId, Instant cycleAt, List<String> storeIds, DateWindow window,
                        FetchMode mode) {
        var sqs = pipeline.aws().sqs();
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.RESULT))
                .publish(RunStarted.of(runId, cycleAt, mode, storeIds));
        new QueuePublisher(sqs, pipeline.resources().queueUrl(Topology.FETCH))
                .publishAll(storeIds.stream().map(id -> FetchRequest.of(runId, id, window, mode, cycleAt)).toList());
    }
}
