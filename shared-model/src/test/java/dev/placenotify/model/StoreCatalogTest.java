package dev.placenotify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreCatalogTest {
    @Test
    void bundledCatalogHoldsTheLegacyStores() {
        StoreCatalog catalog = StoreCatalog.load(Optional.empty());
        assertThat(catalog.enabled()).extracting(StoreSettings::storeId)
                .containsExactly("1051707", "951291", "1120125", "1285716", "1462519", "1473826", "1466783", "867589");
        assertThat(catalog.require("1051707").name()).isEqualTo("화성점");
        assertThat(catalog.require("1120125").reminderLeadMinutes()).isEqualTo(120);
    }

    @Test
    void defaultsApplyAndCallbackFallsBack() {
        StoreCatalog c = StoreCatalog.parse("{\"defaultCallbackNumber\":\"0212345678\",\"stores\":[{\"storeId\":\"7\"}]}");
        StoreSettings s = c.require("7");
        assertThat(s.callbackNumber()).isEqualTo("0212345678");
        assertThat(s.name()).isEqualTo("매장 7");
        assertThat(s.eventSmsEnabled()).isFalse();
        assertThat(s.cancellationNotice()).isFalse();
    }

    @Test
    void eventSmsWithoutOptOutIsRejected() {
        assertThatThrownBy(() -> StoreCatalog.parse("{\"stores\":[{\"storeId\":\"7\",\"eventSms\":{}}]}"))
                .hasMessageContaining("optOutNumber");
    }

    @Test
    void unknownStoreIsAClearError() {
        assertThatThrownBy(() -> StoreCatalog.load(Optional.empty()).require("42"))
                .hasMessageContaining("store 42 is not in the store catalog");
    }
}
