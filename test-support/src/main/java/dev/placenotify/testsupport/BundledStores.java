package dev.placenotify.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.StoreCatalog;
import java.io.IOException;

/**
 * The bundled {@code stores.json}, for catalogs written for local runs and tests. The default rules
 * need every store to have a branch guide and the chain's variables ({@code brand}, …); a catalog of
 * made-up test stores gets them here, so it fits the rules the real planner checks at cold start.
 */
public final class BundledStores {
    /** The guide a test store without its own gets: short, with the variables a real guide uses. */
    static final String TEST_GUIDE = "[{brand} {storeName}] {customerName}님, {date} {time} 예약 상세 안내입니다.";

    private BundledStores() {}

    /** {@code catalogJson} with the bundled chain variables (unless it has its own) and a guide for each store without one. */
    public static String withChainDefaults(String catalogJson) {
        try {
            ObjectNode doc = (ObjectNode) MessageCodec.mapper().readTree(catalogJson);
            if (!doc.has("vars")) {
                doc.set("vars", StoreCatalog.bundledDocument().get("vars").deepCopy());
            }
            for (JsonNode store : doc.path("stores")) {
                ObjectNode templates = store.has("templates") ? (ObjectNode) store.get("templates")
                        : ((ObjectNode) store).putObject("templates");
                if (!templates.has("guide")) {
                    templates.putObject("guide").put("body", TEST_GUIDE);
                }
            }
            return MessageCodec.encode(doc);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a store catalog: " + e.getMessage(), e);
        }
    }
}
