package dev.placenotify.operator.status;

import dev.placenotify.operator.session.SessionView;
import java.time.Instant;
import java.util.List;

/** What {@code status --json} prints. */
public record StatusReport(String target, Instant at, List<StageHealth> stages, List<RunView> runs,
                           List<SessionView> sessions) {}
