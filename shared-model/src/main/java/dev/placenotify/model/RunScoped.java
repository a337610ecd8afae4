package dev.placenotify.model;

/** A message that belongs to a run; the run id is the correlation id across all stages' logs. */
public interface RunScoped {
    String runId();
}
