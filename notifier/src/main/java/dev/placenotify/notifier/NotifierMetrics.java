package dev.placenotify.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import dev.placenotify.model.AlertCause;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The notifier's CloudWatch metrics, written as EMF through Powertools' functional API. Each report is
 * its own EMF document (flushed at once, isolated from other threads), in namespace {@value #NAMESPACE}
 * with the dimension {@code service} the CDK stack's alarms and dashboard select on. A metrics failure
 * is logged and never disturbs the accounting.
 *
 * <p>Off Lambda, metrics are written only when {@code AWS_EMF_ENVIRONMENT} says where to (the tests set
 * {@code Local}: documents on stdout); otherwise EMF would probe for an agent, and the local runner's
 * output would fill with JSON.
 */
public final class NotifierMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(NotifierMetrics.class);
    public static final String NAMESPACE = "PlaceNotify";
    public static final String SERVICE_DIMENSION = "service";
    public static final String KIND_DIMENSION = "kind";

    private final Metrics metrics;
    private final String service;
    private final boolean enabled;

    public NotifierMetrics(String service) {
        this(service, System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null || System.getenv("AWS_EMF_ENVIRONMENT") != null);
    }

    NotifierMetrics(String service, boolean enabled) {
        this.service = service;
        this.enabled = enabled;
        this.metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
    }

    /** Powertools' ColdStart metric; must run before the logging wrapper marks the cold start done. */
    public void coldStart(Context context) {
        if (enabled) {
            safely("ColdStart", () -> metrics.captureColdStartMetric(context));
        }
    }

    /** One summary went out (or tried to): the alarm watches RunSummaryPosted. */
    public void runSummarized(String runId, SummaryComposer.Figures f, boolean complete, Duration duration,
                              Channels.Delivery delivery) {
        emit("run summary", m -> {
            m.addMetric("RunSummaryPosted", delivery.anyPosted() ? 1 : 0, MetricUnit.COUNT);
            m.addMetric("RunDurationSeconds", duration.toMillis() / 1000.0, MetricUnit.SECONDS);
            m.addMetric("RunIncomplete", complete ? 0 : 1, MetricUnit.COUNT);
            m.addMetric("SmsPlanned", f.planned(), MetricUnit.COUNT);
            m.addMetric("SmsSent", f.sent(), MetricUnit.COUNT);
            m.addMetric("SmsFailed", f.failed(), MetricUnit.COUNT);
            m.addMetric("SmsSkipped", f.skipped(), MetricUnit.COUNT);
            m.addMetric("SmsUnknown", f.unknown(), MetricUnit.COUNT);
            m.addMetric("SmsExpired", f.expired(), MetricUnit.COUNT);
            m.addMetric("SmsPending", f.pending(), MetricUnit.COUNT);
            m.addMetric("SmsUnplanned", f.unplanned(), MetricUnit.COUNT);
            m.addMetric("StoresFailed", f.failedStores().size(), MetricUnit.COUNT);
            m.addMetric("StoresMissing", f.missingStores().size(), MetricUnit.COUNT);
            m.addMetric("LateOutcomes", f.late().values().stream().mapToInt(OutcomeCounts::total).sum(), MetricUnit.COUNT);
            m.addMetric("ChannelPostFailed", delivery.failedChannels(), MetricUnit.COUNT);
            m.addMetadata("runId", runId);
        });
        f.sentByKind().forEach((kind, sent) -> {
            if (sent > 0) {
                emitSentByKind(runId, kind, sent);
            }
        });
    }

    private void emitSentByKind(String runId, String kind, int sent) {
        emit("sent by kind", m -> {
            m.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service, KIND_DIMENSION, kind));
            m.addMetric("SmsSent", sent, MetricUnit.COUNT);
            m.addMetadata("runId", runId);
        });
    }

    public void alertPosted(AlertCause cause, Channels.Delivery delivery) {
        emit("alert", m -> {
            m.addMetric("AlertPosted", delivery.anyPosted() ? 1 : 0, MetricUnit.COUNT);
            m.addMetric("ChannelPostFailed", delivery.failedChannels(), MetricUnit.COUNT);
            m.addMetadata("cause", cause.name());
        });
    }

    public void alertThrottled(AlertCause cause) {
        emit("alert throttled", m -> {
            m.addMetric("AlertThrottled", 1, MetricUnit.COUNT);
            m.addMetadata("cause", cause.name());
        });
    }

    private void emit(String what, Consumer<Metrics> report) {
        if (!enabled) {
            return;
        }
        safely(what, () -> metrics.flushMetrics(m -> {
            m.setNamespace(NAMESPACE);
            m.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
            report.accept(m);
        }));
    }

    private static void safely(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("metrics for {} not written: {}", what, e.toString());
        }
    }
}
