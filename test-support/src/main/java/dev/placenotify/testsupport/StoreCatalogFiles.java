package dev.placenotify.testsupport;

import dev.placenotify.model.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Store catalog files of made-up stores ({@code STORES_FILE}), each logging in with the Naver account given for it:
 * for tests and benchmarks that choose which store uses which session. With the chain's defaults
 * ({@link BundledStores}), so the real planner starts on them too.
 */
public final class StoreCatalogFiles {
    private StoreCatalogFiles() {}

    /** Store id → Naver account, in this order, every store enabled; a temporary file deleted when the JVM exits. */
    public static Path write(Map<String, String> accountByStore) {
        return write(accountByStore, Set.of());
    }

    /** The same, with the {@code disabled} stores switched off ({@code "enabled": false}). */
    public static Path write(Map<String, String> accountByStore, Set<String> disabled) {
        List<Map<String, Object>> stores = new ArrayList<>();
        new LinkedHashMap<>(accountByStore).forEach((store, account) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("storeId", store);
            s.put("name", "테스트점 " + store);
            s.put("accountId", account);
            if (disabled.contains(store)) {
                s.put("enabled", false);
            }
            stores.add(s);
        });
        String catalog = BundledStores.withChainDefaults(MessageCodec.encode(
                Map.of("defaultCallbackNumber", "0311234567", "stores", stores)));
        try {
            Path file = Files.createTempFile("stores-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, catalog, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
