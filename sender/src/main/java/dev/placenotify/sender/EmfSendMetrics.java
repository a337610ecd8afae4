package dev.placenotify.sender;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * SmsSent (per rule, dimension {@code kind}), SmsFailed, SmsUnknown, SmsExpired and SensFailures in EMF, one document per dimension set
 * and invocation, nothing when nothing happened. The dimension is spelled {@code service} (the stack's
 * alarms and dashboard use that spelling; Powertools' own default is {@code Service}, which is cleared).
 * Each document is an isolated flush ({@code flushMetrics}), so parallel invocations in one JVM never
 * mix their counts.
 */
final class EmfSendMetrics implements SendMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(EmfSendMetrics.class);
    static final String SERVICE_DIMENSION = "service";
    static final String KIND_DIMENSION = "kind";

    private final String namespace;
    private final String service;

    EmfSendMetrics(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    @Override
    public void publish(SendTally tally) {
        if (tally.isEmpty()) {
            return;
        }
        try {
            Metrics metrics = MetricsFactory.getMetricsInstance();
            for (Map.Entry<String, Integer> sent : tally.sentByKind().entrySet()) {
                metrics.flushMetrics(m -> {
                    scope(m, DimensionSet.of(SERVICE_DIMENSION, service, KIND_DIMENSION, sent.getKey()));
                    m.addMetric("SmsSent", sent.getValue(), MetricUnit.COUNT);
                });
            }
            if (tally.failed() + tally.unknown() + tally.expired() + tally.sensFailures() > 0) {
                metrics.flushMetrics(m -> {
                    scope(m, DimensionSet.of(SERVICE_DIMENSION, service));
                    add(m, "SmsFailed", tally.failed());
                    add(m, "SmsUnknown", tally.unknown());
                    add(m, "SmsExpired", tally.expired());
                    add(m, "SensFailures", tally.sensFailures());
                });
            }
        } catch (RuntimeException e) {
            // Metrics must never cost an SMS or its outcome.
            LOG.warn("metrics not emitted: {}", e.toString());
        }
    }

    private void scope(Metrics m, DimensionSet dimensions) {
        m.setNamespace(namespace);
        m.clearDefaultDimensions();
        m.addDimension(dimensions);
    }

    private static void add(Metrics m, String name, int value) {
        if (value > 0) {
            m.addMetric(name, value, MetricUnit.COUNT);
        }
    }
}
