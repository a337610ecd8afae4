package dev.placenotify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StoreCatalogSchemaTest {
    private static ObjectNode bundled() {
        return (ObjectNode) StoreCatalog.bundledDocument().deepCopy();
    }

    @Test
    void theBundledCatalogConforms() {
        assertThat(StoreCatalogSchema.problems(bundled().toString())).isEmpty();
        assertThat(StoreCatalogSchema.parse(bundled().toString(), "bundled").enabled()).hasSize(8);
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        ObjectNode doc = bundled();
        ((ObjectNode) doc.get("stores").get(0)).put("reminderLeadMinutes", 0);
        ((ObjectNode) doc.get("stores").get(2)).put("colour", "red");
        ((ObjectNode) doc.get("stores").get(3).get("vars")).put("doorCode", 1234);
        assertThat(StoreCatalogSchema.problems(doc.toString())).anySatisfy(p -> assertThat(p).startsWith("$.stores[0].reminderLeadMinutes"))
                .anySatisfy(p -> assertThat(p).contains("$.stores[2]").contains("colour"))
                .anySatisfy(p -> assertThat(p).startsWith("$.stores[3].vars.doorCode"));
        assertThatThrownBy(() -> StoreCatalogSchema.parse(doc.toString(), "test"))
                .isInstanceOf(StoreCatalogSchema.InvalidCatalogException.class).hasMessageContaining("3 problems");
    }

    @Test
    void aDuplicateStoreThatTheSchemaCannotSeeIsStillRefused() {
        ObjectNode doc = bundled();
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("stores")).add(doc.get("stores").get(0).deepCopy());
        assertThatThrownBy(() -> StoreCatalogSchema.parse(doc.toString(), "test")).hasMessageContaining("defined twice");
    }

    @Test
    void notJsonIsAProblemNotACrash() {
        assertThat(StoreCatalogSchema.problems("stores: [")).singleElement().satisfies(p -> assertThat(p).startsWith("$: not readable"));
    }
}
