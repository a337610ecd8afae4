package dev.placenotify.bench.fetcher;

import dev.placenotify.testsupport.BundledStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A store catalog file for {@link FetchStageBenchmark}: the stores the fetcher reads and the Naver account of each.
 * The same catalog local's fetcher integration tests write (their {@code FetcherRig.storesFile}), so the
 * benchmark's pipeline runs as it did when it lived beside them.
 */
final class StoreCatalogFile {
    private StoreCatalogFile() {}

    /** Writes the catalog for store id → Naver account to a temporary file, deleted when the JVM exits. */
    static Path write(Map<String, String> accountByStore) {
        // The default rule set's templates need the chain's vars and each store's own reminder text ('guide'):
        // the planner refuses to start on a catalog without them.
        StringBuilder json = new StringBuilder("{\"defaultCallbackNumber\":\"0311234567\",\"vars\":{\"brand\":"
                + "\"테스트 사진관\",\"editAppUrl\":\"https://example.com/app\",\"instagram\":\"@test_studio\"},\"stores\":[");
        int i = 0;
        for (Map.Entry<String, String> e : new LinkedHashMap<>(accountByStore).entrySet()) {
            json.append(i++ == 0 ? "" : ",").append("{\"storeId\":\"").append(e.getKey()).append("\",\"name\":\"테스트점 ")
                    .append(e.getKey()).append("\",\"accountId\":\"").append(e.getValue())
                    .append("\",\"templates\":{\"guide\":{\"subject\":\"[{brand}] 상세 안내\",\"body\":\"[{brand} {storeName}] "
                            + "{customerName}님, {date} {time} 예약 상세 안내입니다.\"}}}");
        }
        json.append("]}");
        try {
            Path file = Files.createTempFile("stores-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, BundledStores.withChainDefaults(json.toString()), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
