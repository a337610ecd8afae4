package dev.placenotify.infra;

import dev.placenotify.model.RunScoped;
import dev.placenotify.shell.SqsBatchRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs in a child JVM whose class path is one stage's shaded Lambda jar plus this class alone (see
 * {@link LambdaJarLoggingIT}): logs through SLF4J the way the stages do, under a run id set by the
 * stages' own {@link SqsBatchRunner#correlate}, so the jar's bundled Log4j configuration decides what
 * comes out. Uses nothing outside the JDK and the jar.
 *
 * <p>Arguments: run id, warning text.
 */
public final class LogProbe {
    private LogProbe() {}

    public static void main(String[] args) {
        String runId = args[0];
        Logger stage = LoggerFactory.getLogger("dev.placenotify.logprobe");
        try (var ignored = SqsBatchRunner.correlate((RunScoped) () -> runId)) {
            stage.debug("probe debug line");
            stage.info("probe info line");
            stage.warn("{}", args[1]);
            LoggerFactory.getLogger("software.amazon.awssdk.logprobe").info("probe AWS SDK info line");
        }
    }
}
