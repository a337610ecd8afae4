package dev.placenotify.fetcher;

/**
 * Where per-store fetch figures go: CloudWatch metrics (EMF through Powertools) in Lambda, a structured
 * log line locally, where a stream of EMF documents on stdout would only be noise.
 */
public sealed interface FetchMetrics permits EmfFetchMetrics, LoggedFetchMetrics {
    void record(FetchFigures figures);
}
