package dev.placenotify.sender.optout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptOutMatchingTest {
    private static final Instant AT = Instant.parse("2025-10-22T05:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "010-1234-5678, 01012345678",
            "01012345678, 01012345678",
            "+82 10-1234-5678, 01012345678",
            "821012345678, 01012345678",
            "+82 010 1234 5678, 01012345678",
            "(031) 234-5678, 0312345678",
            "'', ''",
    })
    void numbersAreNormalisedToDomesticDigits(String given, String expected) {
        assertThat(PhoneNumbers.normalise(given)).isEqualTo(expected);
    }

    @Property
    void anySpellingOfAListedNumberMatches(@ForAll("mobile") String digits, @ForAll("spelling") Function<String, String> spell) {
        OptOutList list = OptOutList.of(List.of(digits), AT);
        assertThat(list.contains(spell.apply(digits))).isTrue();
    }

    @Property
    void anotherNumberDoesNotMatch(@ForAll("mobile") String listed, @ForAll("mobile") String other) {
        OptOutList list = OptOutList.of(List.of(listed), AT);
        assertThat(list.contains(other)).isEqualTo(listed.equals(other));
    }

    @Provide
    Arbitrary<String> mobile() {
        return Arbitraries.strings().numeric().ofLength(8).map(s -> "010" + s);
    }

    @Provide
    Arbitrary<Function<String, String>> spelling() {
        return Arbitraries.of(
                d -> d,
                d -> d.substring(0, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7),
                d -> "+82 " + d.substring(1, 3) + "-" + d.substring(3, 7) + "-" + d.substring(7),
                d -> "82" + d.substring(1),
                d -> " " + d.substring(0, 3) + " " + d.substring(3) + " ");
    }

    @Test
    void aBlankNumberIsNeverListed() {
        OptOutList list = OptOutList.of(List.of("", "01012345678"), AT);
        assertThat(list.contains("")).isFalse();
        assertThat(list.contains(null)).isFalse();
        assertThat(list.size()).isEqualTo(1);
    }

    @Test
    void aListIsFreshUntilItsMaxAge() {
        OptOutList list = OptOutList.of(List.of("01012345678"), AT);
        assertThat(list.freshAt(AT.plusSeconds(299), Duration.ofMinutes(5))).isTrue();
        assertThat(list.freshAt(AT.plusSeconds(300), Duration.ofMinutes(5))).isFalse();
        assertThat(list.freshAt(AT.minusSeconds(1), Duration.ofMinutes(5))).as("read in the future: a clock jump").isFalse();
    }

    private static SmsJob job(String to, ContentType contentType) {
        return new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", to, "EVENT", null, null, to, "0312345678",
                SmsType.SMS, contentType, null, contentType == ContentType.AD ? "(광고) 이벤트 무료거부 0801234567" : "안내",
                "1051707:" + to + ":EVENT", AT, AT.plusSeconds(3600), null);
    }

    @Test
    void onlyAdvertisingIsScreenedAndAListedNumberGetsNone() {
        SmsJob adListed = job("010-1111-2222", ContentType.AD);
        SmsJob adFree = job("010-3333-4444", ContentType.AD);
        SmsJob commListed = job("010-1111-2222", ContentType.COMM);
        OptOutList list = OptOutList.of(List.of("01011112222"), AT);

        var r = OptOutScreen.screen(List.of(adListed, adFree, commListed), j -> j, Optional.of(list));

        assertThat(r.optedOut()).containsExactly(adListed);
        assertThat(r.pass()).containsExactly(adFree, commListed);
        assertThat(r.held()).isEmpty();
    }

    @Test
    void withoutTheListEveryAdvertisementIsHeldAndInformationalTextsStillGo() {
        SmsJob ad = job("010-3333-4444", ContentType.AD);
        SmsJob comm = job("010-1111-2222", ContentType.COMM);

        var r = OptOutScreen.screen(List.of(ad, comm), j -> j, Optional.empty());

        assertThat(r.held()).containsExactly(ad);
        assertThat(r.pass()).containsExactly(comm);
        assertThat(r.optedOut()).isEmpty();
        assertThat(OptOutScreen.needsList(List.of(comm), j -> j)).as("no AD: the list is not read").isFalse();
        assertThat(OptOutScreen.needsList(List.of(comm, ad), j -> j)).isTrue();
    }

    @Property
    void everyJobEndsInExactlyOnePlaceAndNoListedAdPasses(@ForAll("mobile") String listed, @ForAll boolean ad1, @ForAll boolean ad2,
                                                         @ForAll boolean listAvailable) {
        List<SmsJob> jobs = List.of(job(listed, ad1 ? ContentType.AD : ContentType.COMM), job("01099998888", ad2 ? ContentType.AD : ContentType.COMM));
        Optional<OptOutList> list = listAvailable ? Optional.of(OptOutList.of(List.of(listed), AT)) : Optional.empty();
        var r = OptOutScreen.screen(jobs, j -> j, list);
        assertThat(r.pass().size() + r.optedOut().size() + r.held().size()).isEqualTo(jobs.size());
        assertThat(r.pass()).noneMatch(j -> j.contentType() == ContentType.AD
                && (list.isEmpty() || list.get().contains(j.recipient())));
    }
}
