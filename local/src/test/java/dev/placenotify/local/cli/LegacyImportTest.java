package dev.placenotify.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.testsupport.LocalAwsExtension;
import dev.placenotify.local.LocalPipeline;
import dev.placenotify.testsupport.sim.NaverBookingJson;
import dev.placenotify.testsupport.SimulatedClock;
import dev.placenotify.testsupport.aws.LocalAws;
import dev.placenotify.testsupport.sim.SensMessage;
import dev.placenotify.planner.BookingStateStore;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.model.Topology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code legacy import} through the real CLI against a dynalite table in the legacy's shape ({@code sms}:
 * key booking_num + phone, flags as BOOL, N 0/1 and S "true"/"false"), then the real pipeline's next cycle
 * against the Naver simulator serving those bookings: nothing the legacy sent is sent again (SENS
 * simulator), nothing it owed is lost, a dry run writes nothing and a second import changes nothing.
 */
@ExtendWith(LocalAwsExtension.class)
class LegacyImportTest {
    private static final ZoneId KST = ZoneId.of("Asia/Seoul");
    /** The first place-notify cycle after the cutover: 14:00 KST. */
    private static final Instant CYCLE = Instant.parse("2025-10-22T05:00:00Z");
    /** The import runs half an hour before it, after the legacy's last run. */
    private static final Instant IMPORT = CYCLE.minus(Duration.ofMinutes(30));
    private static final String SAESOL = "1051707";
    private static final String JUNGANG = "951291";

    // Bookings; the legacy table knows all but G.
    private static final Booking A = new Booking(SAESOL, "8001", "010-1000-0001", "김민수", at("2025-10-22T15:00"));  // confirmed + reminded
    private static final Booking B = new Booking(SAESOL, "8002", "010-1000-0002", "이서연", at("2025-10-22T15:10"));  // confirmed only
    private static final Booking C = new Booking(SAESOL, "8003", "010-1000-0003", "박지훈", at("2025-10-22T15:20"));  // known, never confirmed
    private static final Booking D = new Booking(SAESOL, "8004", "010-1000-0004", "최유진", at("2025-10-23T14:00"));  // confirmed, tomorrow
    private static final Booking E = new Booking(JUNGANG, "8005", "010-1000-0005", "정하늘", at("2025-10-22T15:30")); // confirmed + review request
    private static final Booking F = new Booking(SAESOL, "8006", "010-1000-0006", "한지민", at("2025-10-22T15:40"));  // has a place-notify state too
    private static final Booking G = new Booking(SAESOL, "8007", "010-1000-0007", "윤서아", at("2025-10-23T11:00"));  // new: not in the legacy table
    private static final Booking H = new Booking(SAESOL, "8008", "010-1000-0008", "오세훈", at("2025-10-23T16:00"));  // known, never confirmed, tomorrow

    private record Booking(String store, String id, String phone, String name, Instant start) {
        String key(String rule) {
            return store + ":" + id + ":" + rule;
        }

        String reminderKey() {
            return key("REMINDER:" + start.getEpochSecond());
        }

        String bookingNum() {
            return store + "_" + id;
        }
    }

    @Test
    void importedStateStopsWhatTheLegacySentAndKeepsWhatItOwed(LocalAws aws) {
        SimulatedClock clock = new SimulatedClock(IMPORT);
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("legacy")),
                clock)) {
            DynamoDbClient dynamo = p.aws().dynamo();
            String legacy = "sms-" + p.resources().environmentName();
            createLegacyTable(dynamo, legacy);
            putLegacy(dynamo, legacy, A, Map.of("confirm_sms", bool(true), "remind_sms", bool(true), "option_sms", bool(false)));
            // The legacy keyed its items by booking and phone: a second item of A (another number) sent nothing.
            putLegacy(dynamo, legacy, new Booking(SAESOL, "8001", "010-9999-0000", "김민수", A.start()), Map.of());
            putLegacy(dynamo, legacy, B, Map.of("confirm_sms", AttributeValue.fromN("1"), "remind_sms", AttributeValue.fromN("0")));
            putLegacy(dynamo, legacy, C, Map.of("confirm_sms", AttributeValue.fromS("false"), "remind_sms", AttributeValue.fromS("false")));
            putLegacy(dynamo, legacy, D, Map.of("confirm_sms", bool(true), "remind_sms", bool(false)));
            putLegacy(dynamo, legacy, H, Map.of("confirm_sms", bool(false), "remind_sms", bool(false)));
            putLegacy(dynamo, legacy, E, Map.of("confirm_sms", bool(true), "remind_sms", bool(false), "option_sms", bool(true)));
            putLegacy(dynamo, legacy, F, Map.of("confirm_sms", bool(true), "remind_sms", bool(true)));
            putRaw(dynamo, legacy, "abc", "010-2000-0001", "강민호", "2025-10-22 15:00:00", bool(true));
            putRaw(dynamo, legacy, "42_9001", "010-2000-0002", "강민호", "2025-10-22 15:00:00", bool(true));
            putRaw(dynamo, legacy, "1051707_9002", "010-2000-0003", "강민호", "어제 오후 3시", bool(true));
            putRaw(dynamo, legacy, "1051707_9003", "010-2000-0004", "강민호", "2025-08-01 15:00:00", bool(true)); // long gone
            // F was already recorded by place-notify (e.g. a shadow run): confirmed, not reminded.
            BookingStateStore states = new BookingStateStore(dynamo, p.table(Topology.BOOKINGS), Clock.systemUTC());
            BookingState fBefore = new BookingState(F.id(), "RC03", F.start(), Set.of(F.key("CONFIRMATION")), Set.of(), 1,
                    F.start().plus(Duration.ofDays(30)), IMPORT.minus(Duration.ofDays(1)), IMPORT.minus(Duration.ofMinutes(40)));
            assertThat(states.write(SAESOL, fBefore)).isTrue();
            OperatorRun op = new OperatorRun(p);

            // 1. Dry run (reading the legacy table through its own client): reports, writes nothing.
            OperatorRun.Result dry = op.run("legacy", "import", "--table", legacy,
                    "--legacy-endpoint", p.aws().dynamoEndpoint().toString(), "--legacy-region", "ap-northeast-2");

            assertThat(dry.code()).as(dry.toString()).isZero();
            assertThat(dry.out()).contains("DRY RUN: nothing is written (pass --yes to write)")
                    .containsPattern("scanned +12 items \\(8 bookings, 3 not mappable\\)")
                    .containsPattern("would create +6\n").containsPattern("would update +1\n")
                    .containsPattern("unchanged +0\n").containsPattern("too old +1 ")
                    .containsPattern("not mappable +3\n")
                    .containsPattern("sent by legacy +CONFIRMATION 6, EVENT 1, REMINDER 2\n")
                    .containsPattern("abc +010-\\*\\*\\*\\*-0001 +강\\*호 +booking_num is not \\{bizId}_\\{bookingId}")
                    .containsPattern("42_9001 +010-\\*\\*\\*\\*-0002 +강\\*호 +store 42 is not in the store catalog")
                    .containsPattern("1051707_9002 +010-\\*\\*\\*\\*-0003 +강\\*호 +booking_time '어제 오후 3시' is not YYYY-MM-DD HH:MM:SS");
            assertNoPersonalData(dry.out() + dry.err());
            assertThat(bookingItems(p)).hasSize(1);
            assertThat(states.reload(SAESOL, F.id()).state()).isEqualTo(fBefore);

            // 2. For real.
            OperatorRun.Result written = op.run("legacy", "import", "--table", legacy, "--yes", "--details");

            assertThat(written.code()).as(written.toString()).isZero();
            assertThat(written.out()).contains("writing (--yes)").containsPattern("created +6\n").containsPattern("updated +1\n")
                    .containsPattern("unchanged +0\n")
                    .containsPattern(SAESOL + " +8006 +2025-10-22 15:40 +update +" + F.reminderKey());
            assertNoPersonalData(written.out());
            Map<String, Map<String, AttributeValue>> items = bookingItems(p);
            assertThat(items).containsOnlyKeys(A.id(), B.id(), C.id(), D.id(), E.id(), F.id(), H.id());
            assertThat(planned(items.get(A.id()))).containsExactlyInAnyOrder(A.key("CONFIRMATION"), A.reminderKey());
            assertThat(planned(items.get(B.id()))).containsExactly(B.key("CONFIRMATION"));
            assertThat(items.get(C.id())).doesNotContainKey("plannedKeys");
            assertThat(planned(items.get(E.id()))).containsExactlyInAnyOrder(E.key("CONFIRMATION"), E.key("EVENT:2025-10-22"));
            assertThat(planned(items.get(F.id()))).containsExactlyInAnyOrder(F.key("CONFIRMATION"), F.reminderKey());
            assertThat(items.get(F.id()).get("version").n()).isEqualTo("2");
            assertThat(items.get(F.id()).get("firstSeenAt").s()).isEqualTo(fBefore.firstSeenAt().toString());
            assertThat(items.get(F.id()).get("status").s()).isEqualTo("RC03");
            Map<String, AttributeValue> c = items.get(C.id());
            // Seen from the import on (the simulated clock runs on from IMPORT), so seen by the 14:00 cycle.
            assertThat(Instant.parse(c.get("firstSeenAt").s())).isAfterOrEqualTo(IMPORT).isBefore(CYCLE);
            assertThat(c.get("startAt").s()).isEqualTo(C.start().toString());
            assertThat(c.get("expiresAt").n()).isEqualTo(Long.toString(C.start().plus(Duration.ofDays(30)).getEpochSecond()));
            assertThat(c.get("version").n()).isEqualTo("1");
            // Place-notify's state holds no name or phone number, whatever the legacy table held.
            items.values().forEach(item -> assertThat(item.keySet()).isSubsetOf("storeId", "bookingId", "status", "startAt",
                    "plannedKeys", "version", "expiresAt", "firstSeenAt", "snapshotAt"));

            // 3. Again: nothing left to write.
            OperatorRun.Result again = op.run("legacy", "import", "--table", legacy, "--yes");

            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).containsPattern("created +0\n").containsPattern("updated +0\n")
                    .containsPattern("unchanged +7\n").containsPattern("too old +1 ");
            assertThat(bookingItems(p)).isEqualTo(items);

            // 4. The first place-notify cycle, Naver holding all seven bookings.
            p.naver.setBookings(SAESOL, List.of(naver(A), naver(B), naver(C), naver(D), naver(F), naver(G), naver(H)));
            p.naver.setBookings(JUNGANG, List.of(naver(E)));
            String run = p.tick(CYCLE);
            assertThat(p.awaitRun(run, Duration.ofSeconds(90)).summarized()).as("run summarized").isTrue();

            List<SensMessage> sent = p.sens.messages();
            assertThat(sent).extracting(SensMessage::idempotencyKey).containsExactlyInAnyOrder(
                    B.reminderKey(),                             // confirmed by the legacy: only the reminder
                    C.key("CONFIRMATION"), C.reminderKey(),      // known, never confirmed: the v2's confirmation sync + reminder
                    E.reminderKey(),                             // other store, confirmed by the legacy: only the reminder
                    G.key("CONFIRMATION"));                      // unknown to the legacy: a new booking's confirmation
            assertThat(p.sens.messagesTo(digits(A.phone()))).as("reminded by the legacy").isEmpty();
            assertThat(p.sens.messagesTo(digits(D.phone()))).as("confirmed by the legacy, not due").isEmpty();
            assertThat(p.sens.messagesTo(digits(F.phone()))).as("reminded by the legacy, state existed").isEmpty();
            // Known to the legacy (so not a new booking) but never confirmed: the sync confirms it within 2 hours of
            // its start, not now, as the v2 would have.
            assertThat(p.sens.messagesTo(digits(H.phone()))).as("known to the legacy, outside the sync window").isEmpty();
            assertThat(p.sens.messagesTo(digits(C.phone()))).extracting(SensMessage::idempotencyKey)
                    .containsExactly(C.key("CONFIRMATION"), C.reminderKey());
        }
    }

    @Test
    void aLegacyTableThatDoesNotExistIsAClearErrorAndNothingIsWritten(LocalAws aws) {
        try (LocalPipeline p = LocalPipeline.start(aws, LocalPipeline.Options.defaults(LocalAwsExtension.uniqueEnvironment("legacy"))
                .withoutStages(), new SimulatedClock(IMPORT))) {
            OperatorRun.Result r = new OperatorRun(p).run("legacy", "import", "--table", "nosuch", "--yes");

            assertThat(r.code()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("legacy table nosuch does not exist at dynamodb " + p.aws().dynamoEndpoint());
            assertThat(bookingItems(p)).isEmpty();
            assertThat(new OperatorRun(p).run("legacy", "import").code()).as("--table is required").isEqualTo(2);
        }
    }

    private static void assertNoPersonalData(String output) {
        for (Booking b : List.of(A, B, C, D, E, F, G, H)) {
            assertThat(output).doesNotContain(b.name()).doesNotContain(b.phone()).doesNotContain(digits(b.phone()));
        }
        assertThat(output).doesNotContain("강민호").doesNotContain("2000-000");
    }

    private static Map<String, Object> naver(Booking b) {
        return NaverBookingJson.of(Long.parseLong(b.id()), b.store(), "셀프촬영 110분", "RC03", b.name(), b.phone(), 2,
                IMPORT.minus(Duration.ofDays(5)), b.start(), Duration.ofMinutes(110));
    }

    private static void createLegacyTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("booking_num").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("phone").keyType(KeyType.RANGE).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("booking_num").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("phone").attributeType(ScalarAttributeType.S).build()));
        // dynalite may report CREATING for a moment; the SDK's default waiter would then sleep 20 s.
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table),
                o -> o.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(50))).maxAttempts(200));
    }

    private static void putLegacy(DynamoDbClient dynamo, String table, Booking b, Map<String, AttributeValue> flags) {
        Map<String, AttributeValue> item = new HashMap<>(flags);
        item.put("booking_num", AttributeValue.fromS(b.bookingNum()));
        item.put("phone", AttributeValue.fromS(b.phone()));
        item.put("name", AttributeValue.fromS(b.name()));
        item.put("booking_time", AttributeValue.fromS(LEGACY_TIME.format(LocalDateTime.ofInstant(b.start(), KST))));
        item.put("option_time", AttributeValue.fromS(""));
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static void putRaw(DynamoDbClient dynamo, String table, String bookingNum, String phone, String name, String time,
                               AttributeValue confirm) {
        dynamo.putItem(r -> r.tableName(table).item(Map.of("booking_num", AttributeValue.fromS(bookingNum),
                "phone", AttributeValue.fromS(phone), "name", AttributeValue.fromS(name),
                "booking_time", AttributeValue.fromS(time), "confirm_sms", confirm)));
    }

    private static Map<String, Map<String, AttributeValue>> bookingItems(LocalPipeline p) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        p.aws().dynamo().scanPaginator(b -> b.tableName(p.table(Topology.BOOKINGS)).consistentRead(true)).items().forEach(all::add);
        all.sort(Comparator.comparing(i -> i.get("bookingId").s()));
        all.forEach(i -> items.put(i.get("bookingId").s(), i));
        return items;
    }

    private static List<String> planned(Map<String, AttributeValue> item) {
        return item.containsKey("plannedKeys") ? item.get("plannedKeys").ss() : List.of();
    }

    private static AttributeValue bool(boolean b) {
        return AttributeValue.fromBool(b);
    }

    private static String digits(String phone) {
        return phone.replaceAll("\\D", "");
    }

    private static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static Instant at(String kst) {
        return LocalDateTime.parse(kst).atZone(KST).toInstant();
    }
}
