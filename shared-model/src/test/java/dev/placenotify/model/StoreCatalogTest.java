package dev.placenotify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreCatalogTest {
    @Test
    void bundledCatalogHoldsTheLegacyStoresByTheirRealBranchNames() {
        StoreCatalog catalog = StoreCatalog.load(Optional.empty());
        assertThat(catalog.enabled()).extracting(StoreSettings::storeId)
                .containsExactly("1051707", "951291", "1120125", "1285716", "1462519", "1473826", "1466783", "867589");
        assertThat(catalog.enabled()).extracting(StoreSettings::name).containsExactly("화성 새솔점", "안산 중앙점",
                "수원 호매실점", "화성 동탄점", "인천 검단점", "부천점", "평택 고덕점", "안산 초지점");
        assertThat(catalog.require("1120125").reminderLeadMinutes()).isEqualTo(120);
        assertThat(catalog.enabled()).allSatisfy(s -> {
            assertThat(s.templates()).containsKey("guide");
            assertThat(s.vars()).containsKeys("brand", "doorCode", "wifiName", "wifiPassword", "address");
            assertThat(s.vars().get("doorCode")).as("never a real code in the repository").startsWith("[");
        });
        assertThat(catalog.enabled()).extracting(StoreSettings::callbackNumber).as("most share one, two have their own")
                .filteredOn("0311234567"::equals).hasSize(6);
    }

    @Test
    void defaultsApplyChainVariablesSitUnderTheStoresAndTheCallbackFallsBack() {
        StoreCatalog c = StoreCatalog.parse("""
                {"defaultCallbackNumber": "0212345678", "vars": {"brand": "플레이스", "doorCode": "chain"},
                 "stores": [{"storeId": "7"}, {"storeId": "8", "callbackNumber": "0311112222", "vars": {"doorCode": "own"}}]}
                """);
        StoreSettings s = c.require("7");
        assertThat(s.callbackNumber()).isEqualTo("0212345678");
        assertThat(s.phone()).isEqualTo("0212345678");
        assertThat(s.name()).isEqualTo("매장 7");
        assertThat(s.optOutNumber()).isNull();
        assertThat(s.vars()).containsEntry("brand", "플레이스").containsEntry("doorCode", "chain");
        assertThat(c.require("8").vars()).containsEntry("doorCode", "own");
        assertThat(c.require("8").callbackNumber()).isEqualTo("0311112222");
    }

    @Test
    void aLeadOutsideOneMinuteToADayIsRejected() {
        assertThatThrownBy(() -> StoreCatalog.parse("{\"stores\":[{\"storeId\":\"7\",\"reminderLeadMinutes\":0}]}"))
                .hasMessageContaining("reminderLeadMinutes must be 1..1440");
    }

    @Test
    void unknownStoreIsAClearError() {
        assertThatThrownBy(() -> StoreCatalog.load(Optional.empty()).require("42"))
                .hasMessageContaining("store 42 is not in the store catalog");
    }
}
