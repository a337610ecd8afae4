package dev.placenotify.operator.status;

/** A run as the notifier's runs table records it (item {@code RUN}). */
public record RunView(String runId, String status, String mode, String cycleAt, Boolean complete, String firstSeenAt,
                      String summaryLine) {}
