package dev.placenotify.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All stores' settings, from one JSON document ({@code stores.json}): bundled in every stage's jar and
 * replaceable by a file path for local runs and tests.
 */
public final class StoreCatalog {
    public static final String BUNDLED_RESOURCE = "/stores.json";

    private final Map<String, StoreSettings> stores;

    public StoreCatalog(List<StoreSettings> stores) {
        Map<String, StoreSettings> byId = new LinkedHashMap<>();
        for (StoreSettings s : stores) {
            if (byId.put(s.storeId(), s) != null) {
                throw new IllegalArgumentException("store " + s.storeId() + " is defined twice");
            }
        }
        this.stores = Map.copyOf(byId);
        this.order = List.copyOf(byId.keySet());
    }

    private final List<String> order;

    public static StoreCatalog parse(String json) {
        try {
            Document doc = MessageCodec.mapper().readValue(json, Document.class);
            if (doc == null || doc.stores() == null) {
                throw new IllegalArgumentException("store catalog: missing 'stores' array");
            }
            return new StoreCatalog(doc.stores().stream()
                    .map(s -> s.withDefaults(doc.defaultCallbackNumber(), doc.vars()))
                    .toList());
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("store catalog: " + cause.getMessage(), e);
        }
    }

    /** {@code path} when given, else the bundled {@code stores.json}. */
    public static StoreCatalog load(Optional<Path> path) {
        try {
            if (path.isPresent()) {
                return parse(Files.readString(path.get(), StandardCharsets.UTF_8));
            }
            try (InputStream in = StoreCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("no bundled " + BUNDLED_RESOURCE + " on the classpath");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read store catalog " + path.map(Path::toString).orElse(BUNDLED_RESOURCE), e);
        }
    }

    /** The bundled {@code stores.json} as JSON, for catalogs built from it (scenario stores, test stores). */
    public static com.fasterxml.jackson.databind.JsonNode bundledDocument() {
        try (InputStream in = StoreCatalog.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no bundled " + BUNDLED_RESOURCE + " on the classpath");
            }
            return MessageCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED_RESOURCE, e);
        }
    }

    public Optional<StoreSettings> find(String storeId) {
        return Optional.ofNullable(stores.get(storeId));
    }

    public StoreSettings require(String storeId) {
        return find(storeId).orElseThrow(() -> new UnknownStoreException(storeId));
    }

    /** Enabled stores in catalog order. */
    public List<StoreSettings> enabled() {
        return order.stream().map(stores::get).filter(StoreSettings::enabled).toList();
    }

    public List<StoreSettings> all() {
        return order.stream().map(stores::get).toList();
    }

    /** {@code vars}: chain-wide template variables ({@code brand}, links), under each store's own. */
    private record Document(String defaultCallbackNumber, Map<String, String> vars, List<StoreSettings> stores) {}

    /** A message names a store this deployment does not know: no retry fixes it. */
    public static final class UnknownStoreException extends PoisonMessageException {
        public UnknownStoreException(String storeId) {
            super("store " + storeId + " is not in the store catalog");
        }
    }
}
