package dev.placenotify.operator.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.placenotify.operator.OperatorException;
import org.junit.jupiter.api.Test;

class CookiePairTest {

    @Test
    void readsACookieHeaderAsCopiedFromABrowser() {
        CookiePair p = CookiePair.parse("Cookie: NNB=XYZ; NID_AUT=aut+/=value; NID_SES=\"AAAB==ses\"; nid_inf=1\n");
        assertThat(p.nidAut()).isEqualTo("aut+/=value");
        assertThat(p.nidSes()).isEqualTo("AAAB==ses");
        assertThat(p.cookieHeader()).isEqualTo("NID_AUT=aut+/=value; NID_SES=AAAB==ses");
    }

    @Test
    void readsAJsonObject() {
        CookiePair p = CookiePair.parse("{\"NID_AUT\": \" a \", \"NID_SES\": \"s\", \"other\": 1}");
        assertThat(p).isEqualTo(new CookiePair("a", "s"));
    }

    @Test
    void refusesAPairWithoutBothCookiesWithoutEchoingTheValues() {
        assertThatThrownBy(() -> CookiePair.parse("NID_AUT=secret-value"))
                .isInstanceOf(OperatorException.class).hasMessageContaining("NID_SES").hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> CookiePair.parse("{\"NID_AUT\": \"secret-value\""))
                .isInstanceOf(OperatorException.class).hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> CookiePair.parse("  ")).isInstanceOf(OperatorException.class);
    }

    @Test
    void neverPrintsTheCookies() {
        assertThat(new CookiePair("secret-a", "secret-s").toString()).doesNotContain("secret");
    }
}
