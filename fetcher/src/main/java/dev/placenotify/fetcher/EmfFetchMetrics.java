package dev.placenotify.fetcher;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Per-store fetch metrics as CloudWatch embedded metric format, through the Powertools metrics functional
 * API. Each store's figures are flushed as one document of their own ({@code flushMetrics}), so fetches
 * running concurrently never mix their figures; every metric is published twice, under {@code service}
 * (all stores) and under {@code service, storeId}.
 *
 * <p>Metrics: {@code FetchDuration} (ms), {@code FetchPages}, {@code FetchedRC03}/{@code RC04}/{@code RC08}
 * (bookings per status), {@code FetchSkipped}, {@code FetchChunks}, {@code FetchErrors} (0 or 1, with the
 * error kind as metadata). The instance is our own, not the Powertools singleton, so the namespace and the
 * {@code service} dimension (spelled as the CDK stack's alarms expect) are set here.
 */
public final class EmfFetchMetrics implements FetchMetrics {
    public static final String SERVICE_DIMENSION = "service";
    public static final String STORE_DIMENSION = "storeId";

    private final Metrics metrics;
    private final String service;

    public EmfFetchMetrics(String namespace, String service) {
        this.service = service;
        this.metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(namespace);
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, service));
    }

    @Override
    public void record(FetchFigures f) {
        metrics.flushMetrics(m -> {
            m.addDimension(DimensionSet.of(SERVICE_DIMENSION, service, STORE_DIMENSION, f.storeId()));
            m.addMetric("FetchDuration", f.durationMillis(), MetricUnit.MILLISECONDS);
            m.addMetric("FetchPages", f.pages(), MetricUnit.COUNT);
            m.addMetric("FetchErrors", f.ok() ? 0 : 1, MetricUnit.COUNT);
            if (f.ok()) {
                for (String status : FetchFigures.STATUSES) {
                    m.addMetric("Fetched" + status, f.bookings(status), MetricUnit.COUNT);
                }
                m.addMetric("FetchSkipped", f.skipped(), MetricUnit.COUNT);
                m.addMetric("FetchChunks", f.chunks(), MetricUnit.COUNT);
            } else {
                m.addMetadata("error", f.error().name());
            }
            m.addMetadata("runId", f.runId());
            m.addMetadata("accountId", f.accountId());
        });
    }
}
