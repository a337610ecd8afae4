package dev.placenotify.operator.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.StoreCatalog;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A legacy {@code sms} item becomes the keys of what the legacy sent, exactly as the default rules derive them. */
class LegacyItemTest {
    private static final StoreCatalog STORES = StoreCatalog.load(Optional.empty());
    /** 2025-10-22 15:30:00 KST. */
    private static final long START = Instant.parse("2025-10-22T06:30:00Z").getEpochSecond();

    @Test
    void eachFlagBecomesTheKeyOfItsRule() {
        LegacyItem mapped = LegacyItem.of(item("1051707_5011", "2025-10-22 15:30:00", bool(true), bool(true), bool(true)), STORES);

        assertThat(mapped).isEqualTo(new LegacyItem.Mapped("1051707", "5011", Instant.ofEpochSecond(START), java.util.Set.of(
                "1051707:5011:CONFIRMATION", "1051707:5011:REMINDER:" + START, "1051707:5011:EVENT:2025-10-22")));
    }

    @Test
    void nothingSentMeansNoKeysButStillABookingTheLegacyKnew() {
        LegacyItem mapped = LegacyItem.of(item("951291_77", "2025-10-23 00:30:00", bool(false), bool(false), null), STORES);

        assertThat(mapped).isInstanceOfSatisfying(LegacyItem.Mapped.class, m -> {
            assertThat(m.sentKeys()).isEmpty();
            // 00:30 KST is the previous day in UTC: the EVENT key would name the KST date.
            assertThat(m.startAt()).isEqualTo(Instant.parse("2025-10-22T15:30:00Z"));
        });
        assertThat(LegacyItem.key("951291", "77", LegacyItem.EVENT, Instant.parse("2025-10-22T15:30:00Z"),
                java.time.LocalDate.parse("2025-10-23"))).isEqualTo("951291:77:EVENT:2025-10-23");
    }

    @Test
    void theLegacysThreeWaysOfWritingAFlagAreRead() {
        for (AttributeValue yes : new AttributeValue[] {bool(true), AttributeValue.fromN("1"), AttributeValue.fromS("true"),
                AttributeValue.fromS("TRUE"), AttributeValue.fromS(" 1 ")}) {
            assertThat(LegacyItem.flag(yes)).as(yes.toString()).isTrue();
        }
        for (AttributeValue no : new AttributeValue[] {bool(false), AttributeValue.fromN("0"), AttributeValue.fromS("false"),
                AttributeValue.fromS(""), AttributeValue.fromNul(true), null}) {
            assertThat(LegacyItem.flag(no)).as(String.valueOf(no)).isFalse();
        }
        assertThat(LegacyItem.flag(AttributeValue.fromS("maybe"))).isNull();
        assertThat(LegacyItem.flag(AttributeValue.fromN("2"))).isNull();
    }

    @Test
    void itemsThatCannotBeMappedSayWhyWithTheirPersonalDataMasked() {
        var badNumber = LegacyItem.of(item("1051707-5011", "2025-10-22 15:30:00", bool(true), null, null), STORES);
        var unknownStore = LegacyItem.of(item("42_5011", "2025-10-22 15:30:00", bool(true), null, null), STORES);
        var badTime = LegacyItem.of(item("1051707_5011", "22/10/2025 15:30", bool(true), null, null), STORES);
        var noTime = LegacyItem.of(item("1051707_5011", null, bool(true), null, null), STORES);
        var badFlag = LegacyItem.of(item("1051707_5011", "2025-10-22 15:30:00", bool(true), AttributeValue.fromS("sent"), null), STORES);

        assertThat(badNumber).isEqualTo(new LegacyItem.Unmappable("1051707-5011", "010-****-5678", "김*수",
                "booking_num is not {bizId}_{bookingId}"));
        assertThat(((LegacyItem.Unmappable) unknownStore).reason()).isEqualTo("store 42 is not in the store catalog");
        assertThat(((LegacyItem.Unmappable) badTime).reason()).isEqualTo("booking_time '22/10/2025 15:30' is not YYYY-MM-DD HH:MM:SS");
        assertThat(((LegacyItem.Unmappable) noTime).reason()).isEqualTo("booking_time is missing");
        assertThat(((LegacyItem.Unmappable) badFlag).reason()).isEqualTo("remind_sms is neither a boolean, 0/1 nor \"true\"/\"false\": S 'sent'");
        for (LegacyItem u : new LegacyItem[] {badNumber, unknownStore, badTime, noTime, badFlag}) {
            assertThat(u.toString()).doesNotContain("김민수").doesNotContain("1234-5678");
        }
    }

    @Test
    void timesWithoutSecondsOrWithATAreTolerated() {
        assertThat(LegacyItem.of(item("1051707_1", "2025-10-22 15:30", null, null, null), STORES))
                .isInstanceOfSatisfying(LegacyItem.Mapped.class, m -> assertThat(m.startAt().getEpochSecond()).isEqualTo(START));
        assertThat(LegacyItem.of(item("1051707_1", "2025-10-22T15:30:00", null, null, null), STORES))
                .isInstanceOfSatisfying(LegacyItem.Mapped.class, m -> assertThat(m.startAt().getEpochSecond()).isEqualTo(START));
    }

    @Property
    void theKeysDependOnlyOnWhatWasSentNotOnHowTheFlagWasWritten(@ForAll boolean confirmed, @ForAll boolean reminded,
                                                                  @ForAll boolean reviewed, @ForAll("encodings") int how) {
        LegacyItem.Mapped asBool = (LegacyItem.Mapped) LegacyItem.of(item("1051707_9", "2025-10-22 15:30:00",
                bool(confirmed), bool(reminded), bool(reviewed)), STORES);
        LegacyItem.Mapped other = (LegacyItem.Mapped) LegacyItem.of(item("1051707_9", "2025-10-22 15:30:00",
                encode(confirmed, how), encode(reminded, how), encode(reviewed, how)), STORES);

        assertThat(other).isEqualTo(asBool);
        assertThat(asBool.sentKeys()).hasSize((confirmed ? 1 : 0) + (reminded ? 1 : 0) + (reviewed ? 1 : 0))
                .allMatch(k -> k.startsWith("1051707:9:"));
        assertThat(asBool.sentKeys().contains("1051707:9:CONFIRMATION")).isEqualTo(confirmed);
        assertThat(asBool.sentKeys().contains("1051707:9:REMINDER:" + START)).isEqualTo(reminded);
        assertThat(asBool.sentKeys().contains("1051707:9:EVENT:2025-10-22")).isEqualTo(reviewed);
    }

    @Provide
    Arbitrary<Integer> encodings() {
        return Arbitraries.integers().between(0, 2);
    }

    private static AttributeValue encode(boolean value, int how) {
        return switch (how) {
            case 0 -> bool(value);
            case 1 -> AttributeValue.fromN(value ? "1" : "0");
            default -> AttributeValue.fromS(Boolean.toString(value));
        };
    }

    private static AttributeValue bool(boolean b) {
        return AttributeValue.fromBool(b);
    }

    static Map<String, AttributeValue> item(String bookingNum, String time, AttributeValue confirm, AttributeValue remind,
                                            AttributeValue option) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("booking_num", AttributeValue.fromS(bookingNum));
        m.put("phone", AttributeValue.fromS("010-1234-5678"));
        m.put("name", AttributeValue.fromS("김민수"));
        if (time != null) {
            m.put("booking_time", AttributeValue.fromS(time));
        }
        if (confirm != null) {
            m.put("confirm_sms", confirm);
        }
        if (remind != null) {
            m.put("remind_sms", remind);
        }
        if (option != null) {
            m.put("option_sms", option);
        }
        m.put("option_time", AttributeValue.fromS(""));
        return m;
    }
}
