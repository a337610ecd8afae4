package dev.placenotify.operator.backfill;

import dev.placenotify.model.FetchRequest;
import dev.placenotify.model.RunStarted;
import java.util.List;

/** One run of a backfill: announced to the notifier, then one fetch per store. */
public record BackfillRun(String runId, RunStarted started, List<FetchRequest> fetches) {}
