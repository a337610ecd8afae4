package dev.placenotify.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.Messages;
import dev.placenotify.model.OutcomeStatus;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.ReceivedMessage;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The sender's functional core: ordering, triage and grouping into SENS requests, without I/O. */
class DeliveryPlanTest {
    private static final Instant AT = TestJobs.CYCLE; // 14:00 KST: no quiet hours
    private static final List<String> SENDERS = List.of("0312345678", "0319876543");

    /** What a generated job is like; {@code index} makes its key and message id unique. */
    record Spec(int index, int sender, SmsType type, ContentType contentType, Kind kind, Integer afterIndex) {}

    enum Kind { SENDABLE, EXPIRED, REFUSED_CONTENT }

    private static ReceivedMessage<SmsJob> message(Spec s) {
        String content = switch (s.kind()) {
            case REFUSED_CONTENT -> "예약 확정 🎉"; // outside EUC-KR
            default -> s.contentType() == ContentType.AD ? "(광고) 리뷰 이벤트 무료거부 0801234567" : "예약이 확정되었습니다.";
        };
        Instant notAfter = s.kind() == Kind.EXPIRED ? AT : AT.plusSeconds(7_200);
        String after = s.afterIndex() == null ? null : key(s.afterIndex());
        SmsJob job = new SmsJob(Messages.SCHEMA_VERSION, "c20251022T1400", "1051707", "b" + s.index(), "CONFIRMATION", null, null,
                "010" + String.format("%08d", s.index()), SENDERS.get(s.sender()), s.type(), s.contentType(),
                s.type() == SmsType.LMS ? "안내" : null, content, key(s.index()), AT, notAfter, after);
        return new ReceivedMessage<>("m" + s.index(), job, 1);
    }

    private static String key(int index) {
        return "1051707:b" + index + ":CONFIRMATION";
    }

    private static List<ReceivedMessage<SmsJob>> messages(List<Spec> specs) {
        return specs.stream().map(DeliveryPlanTest::message).toList();
    }

    private static ReceivedMessage<SmsJob> sendable(int index, int sender, SmsType type) {
        return message(new Spec(index, sender, type, ContentType.COMM, Kind.SENDABLE, null));
    }

    private static List<String> ids(List<ReceivedMessage<SmsJob>> messages) {
        return messages.stream().map(ReceivedMessage::messageId).toList();
    }

    @Provide
    Arbitrary<List<Spec>> batches() {
        Arbitrary<Spec> spec = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(SmsType.class),
                Arbitraries.of(ContentType.class), Arbitraries.of(Kind.class).withoutEdgeCases())
                .as((sender, type, contentType, kind) -> new Spec(0, sender, type, contentType, kind, null));
        return spec.list().ofMaxSize(260).map(list -> {
            List<Spec> numbered = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Spec s = list.get(i);
                numbered.add(new Spec(i, s.sender(), s.type(), s.contentType(), s.kind(), null));
            }
            return numbered;
        });
    }

    @Test
    void aGroupOfTwoHundredAndFiftyGoesInThreeRequestsAndEachGroupInItsOwn() {
        List<ReceivedMessage<SmsJob>> jobs = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            jobs.add(sendable(i, 0, SmsType.LMS));
            if (i == 120) {
                jobs.add(sendable(1000, 1, SmsType.LMS));
                jobs.add(sendable(1001, 0, SmsType.SMS));
            }
        }

        List<PlannedRequest> requests = DeliveryPlan.triage(jobs, AT, false).requests();

        assertThat(requests).extracting(r -> r.jobs().size()).containsExactly(100, 100, 50, 1, 1);
        assertThat(requests).extracting(PlannedRequest::from)
                .containsExactly(SENDERS.get(0), SENDERS.get(0), SENDERS.get(0), SENDERS.get(1), SENDERS.get(0));
        assertThat(requests.get(4).type()).isEqualTo(SmsType.SMS);
        assertThat(ids(requests.get(1).jobs())).first().isEqualTo("m100");
    }

    @Test
    void aStaleJobIsExpiredWhateverItsContentAndBadContentFailsWithoutSens() {
        ReceivedMessage<SmsJob> stale = message(new Spec(1, 0, SmsType.SMS, ContentType.COMM, Kind.EXPIRED, null));
        ReceivedMessage<SmsJob> staleAndBad = message(new Spec(2, 0, SmsType.SMS, ContentType.COMM, Kind.REFUSED_CONTENT, null));
        staleAndBad = new ReceivedMessage<>("m2", withNotAfter(staleAndBad.body(), AT), 1);
        ReceivedMessage<SmsJob> bad = message(new Spec(3, 0, SmsType.SMS, ContentType.COMM, Kind.REFUSED_CONTENT, null));

        DeliveryPlan.Triage triage = DeliveryPlan.triage(List.of(stale, staleAndBad, bad, sendable(4, 0, SmsType.SMS)), AT, false);

        assertThat(triage.settled()).extracting(s -> s.message().messageId(), Settlement::status)
                .containsExactly(tuple("m1", OutcomeStatus.EXPIRED),
                        tuple("m2", OutcomeStatus.EXPIRED),
                        tuple("m3", OutcomeStatus.FAILED));
        assertThat(triage.settled().get(2).error()).isEqualTo("SENS would refuse it: content has characters outside EUC-KR");
        assertThat(triage.requests()).singleElement().satisfies(r -> assertThat(ids(r.jobs())).containsExactly("m4"));
    }

    @Test
    void anAdvertisementLeavingAtNineIsSkippedAndTheServiceTextBesideItGoes() {
        Instant nine = LocalDateTime.of(2025, 10, 22, 21, 0).atZone(Messages.KST).toInstant();
        Instant late = nine.plusSeconds(7_200);
        ReceivedMessage<SmsJob> ad = new ReceivedMessage<>("m1",
                withNotAfter(message(new Spec(1, 0, SmsType.LMS, ContentType.AD, Kind.SENDABLE, null)).body(), late), 1);
        ReceivedMessage<SmsJob> info = new ReceivedMessage<>("m2", withNotAfter(sendable(2, 0, SmsType.LMS).body(), late), 1);

        DeliveryPlan.Triage triage = DeliveryPlan.triage(List.of(ad, info), nine, false);

        assertThat(triage.settled()).singleElement().satisfies(s -> {
            assertThat(s.message().messageId()).isEqualTo("m1");
            assertThat(s.status()).isEqualTo(OutcomeStatus.SKIPPED);
            assertThat(s.error()).isEqualTo("advertising SMS would leave in quiet hours (21:00-08:00 KST): not sent");
        });
        assertThat(triage.requests()).singleElement().satisfies(r -> assertThat(ids(r.jobs())).containsExactly("m2"));
    }

    @Test
    void aReminderWaitsForAConfirmationOfTheSameBatchOrOneElsewhere() {
        ReceivedMessage<SmsJob> confirmation = sendable(1, 0, SmsType.LMS);
        ReceivedMessage<SmsJob> afterMate = message(new Spec(2, 0, SmsType.LMS, ContentType.COMM, Kind.SENDABLE, 1));
        ReceivedMessage<SmsJob> afterOther = message(new Spec(3, 0, SmsType.LMS, ContentType.COMM, Kind.SENDABLE, 99));

        DeliveryPlan.Order order = DeliveryPlan.order(List.of(afterMate, afterOther, confirmation));

        assertThat(ids(order.ready())).containsExactly("m1");
        assertThat(ids(order.afterBatchMate())).containsExactly("m2");
        assertThat(ids(order.afterOther())).containsExactly("m3");
    }

    @Property
    void everyJobIsEitherSettledOrInExactlyOneRequest(@ForAll("batches") List<Spec> specs, @ForAll boolean dryRun) {
        List<ReceivedMessage<SmsJob>> jobs = messages(specs);

        DeliveryPlan.Triage triage = DeliveryPlan.triage(jobs, AT, dryRun);

        List<String> placed = new ArrayList<>(triage.settled().stream().map(s -> s.message().messageId()).toList());
        triage.requests().forEach(r -> placed.addAll(ids(r.jobs())));
        assertThat(placed).containsExactlyInAnyOrderElementsOf(ids(jobs));
    }

    @Property
    void exactlyWhatSensMustNotGetIsSettledAndHow(@ForAll("batches") List<Spec> specs) {
        DeliveryPlan.Triage triage = DeliveryPlan.triage(messages(specs), AT, false);

        Map<String, OutcomeStatus> expected = new LinkedHashMap<>();
        specs.stream().filter(s -> s.kind() != Kind.SENDABLE).forEach(s -> expected.put("m" + s.index(),
                s.kind() == Kind.EXPIRED ? OutcomeStatus.EXPIRED : OutcomeStatus.FAILED));
        Map<String, OutcomeStatus> settled = new LinkedHashMap<>();
        triage.settled().forEach(s -> settled.put(s.message().messageId(), s.status()));
        assertThat(settled).containsExactlyEntriesOf(expected);
        assertThat(triage.wouldSend()).isEmpty();
    }

    @Property
    void requestsAreHomogeneousAtMostAHundredAndKeepEachGroupsOrder(@ForAll("batches") List<Spec> specs) {
        List<ReceivedMessage<SmsJob>> jobs = messages(specs);

        List<PlannedRequest> requests = DeliveryPlan.triage(jobs, AT, false).requests();

        Map<List<Object>, List<String>> expectedGroups = new LinkedHashMap<>();
        for (ReceivedMessage<SmsJob> m : jobs) {
            if (specs.get(Integer.parseInt(m.messageId().substring(1))).kind() == Kind.SENDABLE) {
                SmsJob j = m.body();
                expectedGroups.computeIfAbsent(List.of(j.from(), j.type(), j.contentType()), k -> new ArrayList<>()).add(m.messageId());
            }
        }
        Map<List<Object>, List<String>> actualGroups = new LinkedHashMap<>();
        Map<List<Object>, Integer> requestsPerGroup = new LinkedHashMap<>();
        for (PlannedRequest r : requests) {
            assertThat(r.jobs()).hasSizeBetween(1, SensRequest.MAX_MESSAGES);
            assertThat(r.jobs()).allSatisfy(m -> {
                assertThat(m.body().from()).isEqualTo(r.from());
                assertThat(m.body().type()).isEqualTo(r.type());
                assertThat(m.body().contentType()).isEqualTo(r.contentType());
            });
            List<Object> group = List.of(r.from(), r.type(), r.contentType());
            actualGroups.computeIfAbsent(group, k -> new ArrayList<>()).addAll(ids(r.jobs()));
            requestsPerGroup.merge(group, 1, Integer::sum);
        }
        assertThat(actualGroups).containsExactlyEntriesOf(expectedGroups);
        expectedGroups.forEach((group, members) -> assertThat(requestsPerGroup.get(group))
                .isEqualTo((members.size() + SensRequest.MAX_MESSAGES - 1) / SensRequest.MAX_MESSAGES));
    }

    @Property
    void aDryRunSendsNothingAndSkipsWhatWouldHaveGone(@ForAll("batches") List<Spec> specs) {
        DeliveryPlan.Triage triage = DeliveryPlan.triage(messages(specs), AT, true);

        List<String> sendable = specs.stream().filter(s -> s.kind() == Kind.SENDABLE).map(s -> "m" + s.index()).toList();
        assertThat(triage.requests()).isEmpty();
        assertThat(ids(triage.wouldSend())).containsExactlyElementsOf(sendable);
        assertThat(triage.settled()).filteredOn(s -> sendable.contains(s.message().messageId()))
                .hasSize(sendable.size())
                .allSatisfy(s -> {
                    assertThat(s.status()).isEqualTo(OutcomeStatus.SKIPPED);
                    assertThat(s.error()).isEqualTo(DeliveryPlan.DRY_RUN_REASON);
                });
    }

    @Property
    void theOrderSplitsClaimedJobsByWhatTheyWaitFor(@ForAll("batches") List<Spec> specs, @ForAll long seed) {
        Random random = new Random(seed);
        List<Spec> linked = new ArrayList<>();
        for (Spec s : specs) {
            // Waits for nothing, for another job of the batch, or for one that is not in it.
            int pick = random.nextInt(3);
            Integer after = pick == 0 || specs.isEmpty() ? null : pick == 1 ? random.nextInt(specs.size()) : 10_000 + s.index();
            linked.add(new Spec(s.index(), s.sender(), s.type(), s.contentType(), s.kind(), after));
        }
        List<ReceivedMessage<SmsJob>> claimed = messages(linked);
        Set<String> keys = new HashSet<>();
        claimed.forEach(m -> keys.add(m.body().idempotencyKey()));

        DeliveryPlan.Order order = DeliveryPlan.order(claimed);

        assertThat(ids(order.ready())).containsExactlyElementsOf(
                ids(claimed.stream().filter(m -> m.body().afterKey() == null).toList()));
        assertThat(ids(order.afterBatchMate())).containsExactlyElementsOf(
                ids(claimed.stream().filter(m -> m.body().afterKey() != null && keys.contains(m.body().afterKey())).toList()));
        assertThat(ids(order.afterOther())).containsExactlyElementsOf(
                ids(claimed.stream().filter(m -> m.body().afterKey() != null && !keys.contains(m.body().afterKey())).toList()));
    }

    @Property
    void beforeEachAttemptExactlyTheJobsWhoseWindowClosedAreSettled(@ForAll("batches") List<Spec> specs,
                                                                     @ForAll @IntRange(min = -3_600, max = 10_800) int offsetSeconds) {
        List<ReceivedMessage<SmsJob>> jobs = messages(specs);
        Instant now = AT.plusSeconds(offsetSeconds);

        DeliveryPlan.Open split = DeliveryPlan.stillOpen(jobs, now);

        assertThat(ids(split.open())).containsExactlyElementsOf(
                ids(jobs.stream().filter(m -> SendWindow.closedFor(m.body(), now).isEmpty()).toList()));
        assertThat(split.closed()).extracting(s -> s.message().messageId()).containsExactlyElementsOf(
                ids(jobs.stream().filter(m -> SendWindow.closedFor(m.body(), now).isPresent()).toList()));
        assertThat(split.closed()).allSatisfy(s -> assertThat(s.status()).isIn(OutcomeStatus.EXPIRED, OutcomeStatus.SKIPPED));
    }

    private static SmsJob withNotAfter(SmsJob j, Instant notAfter) {
        return new SmsJob(j.schemaVersion(), j.runId(), j.storeId(), j.bookingId(), j.rule(), null, null, j.recipient(), j.from(),
                j.type(), j.contentType(), j.subject(), j.content(), j.idempotencyKey(), j.dueAt(), notAfter, j.afterKey());
    }
}
