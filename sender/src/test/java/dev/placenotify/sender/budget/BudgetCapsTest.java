package dev.placenotify.sender.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.model.SmsType;
import dev.placenotify.sender.budget.BudgetCaps.Cap;
import dev.placenotify.sender.budget.BudgetCaps.Scope;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BudgetCapsTest {
    @Test
    void defaultsAreTheDocumentedGenerousOnes() {
        BudgetCaps d = BudgetCaps.DEFAULTS;
        assertThat(d.cap(Scope.STORE)).isEqualTo(new Cap(Scope.STORE, 300, 15_000));
        assertThat(d.cap(Scope.RUN)).isEqualTo(new Cap(Scope.RUN, 1000, 50_000));
        assertThat(d.priceOf(SmsType.SMS)).isEqualTo(9);
        assertThat(d.priceOf(SmsType.LMS)).isEqualTo(30);
        // 300 LMS of one store cost 9,000 KRW: the text cap, not the cost cap, stops a normal store's flood.
        assertThat(d.cap(Scope.STORE).admits(299, 299L * 30, 30)).isTrue();
        assertThat(d.cap(Scope.STORE).admits(300, 300L * 30, 30)).isFalse();
    }

    @Test
    void theTextThatReachesTheCapGoesAndTheNextDoesNot() {
        Cap cap = new Cap(Scope.STORE, 3, 1_000);
        assertThat(cap.admits(2, 0, 9)).isTrue();
        assertThat(cap.admits(3, 0, 9)).isFalse();
        assertThat(cap.reached(3, 0, 9)).isEqualTo("budget store cap 3 texts reached");
    }

    @Test
    void theCostCapCountsTheNextTextsPrice() {
        Cap cap = new Cap(Scope.RUN, 1000, 100);
        assertThat(cap.admits(2, 70, 30)).as("70 + 30 = 100 fits exactly").isTrue();
        assertThat(cap.admits(3, 100, 9)).isFalse();
        assertThat(cap.reached(3, 100, 9)).isEqualTo("budget run cap 100 KRW (estimated) reached");
    }

    @Test
    void capsBelowOneAndNegativePricesAreRefused() {
        assertThatThrownBy(() -> new BudgetCaps(0, 1000, 1, 1, 9, 30)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new BudgetCaps(1, 1, 1, 1, -1, 30)).hasMessageContaining("negative");
    }

    /** Counting a stream of texts one by one as the ledger does never admits more than either cap allows. */
    @Property
    void admittedTextsNeverExceedEitherCap(@ForAll @IntRange(min = 1, max = 50) int texts, @ForAll @IntRange(min = 1, max = 500) int cost,
                                           @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 2) Integer> kinds) {
        BudgetCaps caps = new BudgetCaps(texts, texts, cost, cost, 9, 30);
        Cap cap = caps.cap(Scope.STORE);
        long counted = 0;
        long spent = 0;
        int refusedAfterAdmitted = 0;
        for (int k : kinds) {
            int price = caps.priceOf(k == 0 ? SmsType.SMS : SmsType.LMS);
            if (cap.admits(counted, spent, price)) {
                counted++;
                spent += price;
            } else {
                refusedAfterAdmitted++;
            }
        }
        assertThat(counted).isLessThanOrEqualTo(texts);
        assertThat(spent).isLessThanOrEqualTo(cost);
        assertThat(counted + refusedAfterAdmitted).isEqualTo(kinds.size());
    }
}
